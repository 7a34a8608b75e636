package conformance

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/intbench/intbench/service"
)

// normCustomer makes equal customers compare equal: nil and empty slices
// alike, times in UTC.
func normCustomer(c service.Customer) service.Customer {
	if len(c.Tags) == 0 {
		c.Tags = nil
	}
	c.CreatedAt = c.CreatedAt.UTC()
	return c
}

func normOrder(o service.Order) service.Order {
	if len(o.Items) == 0 {
		o.Items = nil
	}
	o.CreatedAt = o.CreatedAt.UTC()
	return o
}

func wantCustomer(t *testing.T, got, want service.Customer) {
	t.Helper()
	g, w := normCustomer(got), normCustomer(want)
	if !reflect.DeepEqual(g, w) {
		t.Fatalf("customer mismatch:\n got %s\nwant %s", fmtValue(g), fmtValue(w))
	}
}

func wantOrders(t *testing.T, got, want []service.Order) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d orders, want %d", len(got), len(want))
	}
	for i := range got {
		g, w := normOrder(got[i]), normOrder(want[i])
		if !reflect.DeepEqual(g, w) {
			t.Fatalf("order %d mismatch:\n got %s\nwant %s", i, fmtValue(g), fmtValue(w))
		}
	}
}

func fmtValue(v any) string {
	s := fmt.Sprintf("%+v", v)
	if len(s) > 600 {
		return s[:600] + "…"
	}
	return s
}

// ordersOf returns the seeded orders of one customer, in ID order.
func ordersOf(ds service.Dataset, customerID int64) []service.Order {
	var out []service.Order
	for _, o := range ds.Orders {
		if o.CustomerID == customerID {
			out = append(out, o)
		}
	}
	return out
}

// recent reports whether t is within a minute of now; servers stamp orders.
func recent(t time.Time) bool {
	d := time.Since(t)
	return d > -time.Minute && d < time.Minute
}
