package soap

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

func TestRoundTrip(t *testing.T) {
	srv, ds := startServer(t, 0)
	c := dial(t, srv)
	ctx := testCtx(t)

	want := ds.Customers[3]
	got, err := c.GetCustomer(ctx, want.ID)
	if err != nil {
		t.Fatalf("GetCustomer: %v", err)
	}
	if len(want.Tags) == 0 {
		want.Tags = nil
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("GetCustomer:\n got %+v\nwant %+v", got, want)
	}

	note := "ünï <b>&amp;</b> \"q\" 'a' \t tab \r\n crlf \r lone 🚀 e\u0301"
	req := service.PlaceOrderRequest{CustomerID: 2, RequestID: "rt-1", Note: note,
		Items: []service.LineItem{{SKU: "S-<1>", Quantity: 2, UnitPriceCents: 150}, {SKU: "S2", Quantity: 1}}}
	o, err := c.PlaceOrder(ctx, req)
	if err != nil {
		t.Fatalf("PlaceOrder: %v", err)
	}
	if o.Note != note || o.TotalCents != 300 || !reflect.DeepEqual(o.Items, req.Items) || o.Status != service.StatusPending {
		t.Fatalf("PlaceOrder returned %+v", o)
	}

	var all []service.Order
	cursor := ""
	for {
		page, err := c.ListOrders(ctx, service.ListOrdersRequest{CustomerID: 2, Limit: 1, Cursor: cursor})
		if err != nil {
			t.Fatalf("ListOrders: %v", err)
		}
		all = append(all, page.Orders...)
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	last := all[len(all)-1]
	if !reflect.DeepEqual(last, o) {
		t.Fatalf("listed order differs:\n got %+v\nwant %+v", last, o)
	}
}

func TestErrorKinds(t *testing.T) {
	srv, _ := startServer(t, 0)
	c := dial(t, srv)
	tests := []struct {
		name string
		call func() error
		want error
	}{
		{"not found", func() error { _, err := c.GetCustomer(testCtx(t), 999); return err }, service.ErrNotFound},
		{"invalid id", func() error { _, err := c.GetCustomer(testCtx(t), 0); return err }, service.ErrInvalidArgument},
		{"bad limit", func() error {
			_, err := c.ListOrders(testCtx(t), service.ListOrdersRequest{CustomerID: 1, Limit: 0})
			return err
		}, service.ErrInvalidArgument},
		{"control char", func() error {
			_, err := c.PlaceOrder(testCtx(t), service.PlaceOrderRequest{CustomerID: 1, RequestID: "x", Note: "\x07",
				Items: []service.LineItem{{SKU: "A", Quantity: 1}}})
			return err
		}, service.ErrInvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if strings.Contains(service.MessageOf(err), "not found: not found") {
				t.Fatalf("message repeats the kind: %q", service.MessageOf(err))
			}
		})
	}
}

func TestBodySizesAndSettings(t *testing.T) {
	srv, _ := startServer(t, 0)
	c := dial(t, srv)
	var sizes transports.BodySizes
	if _, err := c.GetCustomer(transports.WithBodySizes(testCtx(t), &sizes), 1); err != nil {
		t.Fatal(err)
	}
	id := int64(1)
	var bp bufPool
	b := bp.get()
	if err := b.writeEnvelope(&getCustomerRequest{ID: &id}); err != nil {
		t.Fatal(err)
	}
	if !sizes.Known() || sizes.Request != int64(b.Len()) || sizes.Response < 200 {
		t.Fatalf("body sizes %+v, want request %d and a response of a few hundred bytes", sizes, b.Len())
	}
	for name, s := range map[string]map[string]string{"client": c.Settings(), "server": srv.Settings()} {
		if s["protocol"] == "" {
			t.Errorf("%s settings lack the protocol: %v", name, s)
		}
	}
}
