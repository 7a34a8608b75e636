package thriftkit

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports/thrift/gen/orders"
)

// v1Mapper converts to and from v1's generated types: what every v2 side
// does for the fields its change leaves alone.
var v1Mapper = mapper{enums: []Enum{EnumOf(orders.TierFromString), EnumOf(orders.StatusFromString)}}

var created = time.Date(2024, 5, 6, 7, 8, 9, 123456000, time.UTC)

// Every field of v1's generated types is filled, as transports/thrift's
// own conversions fill it.
func TestFillToGenerated(t *testing.T) {
	tests := []struct {
		name string
		src  any
		want any
		got  func() (any, error)
	}{
		{"customer",
			service.Customer{ID: 7, Name: "Ada", Email: "ada@example.com", Tier: service.TierGold, CreatedAt: created, Tags: []string{"a", "b"}},
			&orders.Customer{ID: 7, Name: "Ada", Email: "ada@example.com", Tier: orders.Tier_GOLD, CreatedAtMicros: created.UnixMicro(), Tags: []string{"a", "b"}},
			nil},
		{"order",
			service.Order{ID: 9, CustomerID: 7, Status: service.StatusShipped, TotalCents: 300, Note: "n", CreatedAt: created,
				Items: []service.LineItem{{SKU: "S-1", Quantity: 2, UnitPriceCents: 150}}},
			&orders.Order{ID: 9, CustomerId: 7, Status: orders.Status_SHIPPED, TotalCents: 300, Note: "n", CreatedAtMicros: created.UnixMicro(),
				Items: []*orders.LineItem{{Sku: "S-1", Quantity: 2, UnitPriceCents: 150}}},
			nil},
		{"page",
			service.OrderPage{Orders: []service.Order{{ID: 1, Status: service.StatusPaid, CreatedAt: created}}, NextCursor: "o1"},
			&orders.OrderPage{Orders: []*orders.Order{{ID: 1, Status: orders.Status_PAID, CreatedAtMicros: created.UnixMicro()}}, NextCursor: "o1"},
			nil},
		{"place-order request",
			service.PlaceOrderRequest{CustomerID: 3, Note: "x", RequestID: "r-1", Items: []service.LineItem{{SKU: "S", Quantity: 1, UnitPriceCents: 5}}},
			&orders.PlaceOrderRequest{CustomerId: 3, Note: "x", RequestId: "r-1", Items: []*orders.LineItem{{Sku: "S", Quantity: 1, UnitPriceCents: 5}}},
			nil},
		{"list-orders request",
			service.ListOrdersRequest{CustomerID: 3, Limit: 10, Cursor: "o4"},
			&orders.ListOrdersRequest{CustomerId: 3, Limit: 10, Cursor: "o4"},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := reflect.New(reflect.TypeOf(tt.want))
			if err := v1Mapper.fill(got.Elem(), reflect.ValueOf(tt.src)); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Elem().Interface(), tt.want) {
				t.Errorf("got %+v, want %+v", got.Elem().Interface(), tt.want)
			}
		})
	}
}

// The server's way back: a generated request into the service's.
func TestFillFromGenerated(t *testing.T) {
	var got service.PlaceOrderRequest
	src := &orders.PlaceOrderRequest{CustomerId: 3, Note: "x", RequestId: "r-1", Items: []*orders.LineItem{{Sku: "S", Quantity: 1, UnitPriceCents: 5}}}
	if err := v1Mapper.fill(reflect.ValueOf(&got).Elem(), reflect.ValueOf(src)); err != nil {
		t.Fatal(err)
	}
	want := service.PlaceOrderRequest{CustomerID: 3, Note: "x", RequestID: "r-1", Items: []service.LineItem{{SKU: "S", Quantity: 1, UnitPriceCents: 5}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	var c service.Customer
	if err := v1Mapper.fill(reflect.ValueOf(&c).Elem(), reflect.ValueOf(&orders.Customer{ID: 1, Tier: orders.Tier_PLATINUM, CreatedAtMicros: created.UnixMicro()})); err != nil {
		t.Fatal(err)
	}
	if c.Tier != service.TierPlatinum || !c.CreatedAt.Equal(created) {
		t.Errorf("customer %+v", c)
	}
}

// Values that do not fit fail, naming the field; nothing is truncated.
func TestFillRefuses(t *testing.T) {
	wide := struct{ Quantity int64 }{1 << 40}
	var narrow struct{ Quantity int32 }
	tests := []struct {
		name     string
		dst, src any
		want     string
	}{
		{"overflow", &narrow, wide, "Quantity: thriftkit: 1099511627776 does not fit in int32"},
		{"unknown service enum", &orders.Order{}, service.Order{Status: "refunded"}, `Status: thriftkit: "refunded": not a valid Status string`},
		{"unknown wire enum", &service.Order{}, &orders.Order{Status: 5}, "Status: thriftkit: unknown Status 5"},
		{"types apart", &struct{ Note int64 }{}, struct{ Note string }{"x"}, "Note: thriftkit: cannot convert string to int64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := v1Mapper.fill(reflect.ValueOf(tt.dst).Elem(), reflect.ValueOf(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

// Edits run on every struct of their types, nested ones included, after
// the matched fields are filled.
func TestEditsRunOnNestedStructs(t *testing.T) {
	m := v1Mapper
	m.edits = []Edit{EditOf(func(o service.Order, w *orders.Order) {
		if o.ID == 2 {
			w.Note = w.Status.String() + " edited"
		}
	})}
	page, err := newFilled[*orders.OrderPage](m, service.OrderPage{Orders: []service.Order{{ID: 1, Status: service.StatusPaid}, {ID: 2, Status: service.StatusPaid}}})
	if err != nil {
		t.Fatal(err)
	}
	if page.Orders[0].Note != "" || page.Orders[1].Note != "PAID edited" {
		t.Errorf("notes %q, %q", page.Orders[0].Note, page.Orders[1].Note)
	}
}
