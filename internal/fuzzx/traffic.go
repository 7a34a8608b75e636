package fuzzx

import (
	"context"
	"testing"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// Place is the order the client targets and the seed traffic place.
var Place = service.PlaceOrderRequest{CustomerID: 1, Note: "fuzz", RequestID: "fuzz-1",
	Items: []service.LineItem{{SKU: "SKU-00001", Quantity: 2, UnitPriceCents: 150}}}

// Op makes the call a client target's selector op picks (mod 3):
// GetCustomer(1), PlaceOrder(Place) or ListOrders(1, 20).
func Op(ctx context.Context, cl transports.Client, op byte) error {
	var err error
	switch op % 3 {
	case 0:
		_, err = cl.GetCustomer(ctx, 1)
	case 1:
		_, err = cl.PlaceOrder(ctx, Place)
	default:
		_, err = cl.ListOrders(ctx, service.ListOrdersRequest{CustomerID: 1, Limit: 20})
	}
	return err
}

// Call is one call of the seed traffic: its name, its op selector (the
// client targets read its answer in a call of that op) and what it does.
type Call struct {
	Name string
	Op   byte
	Do   func(context.Context, transports.Client) error
}

// Calls are the calls whose traffic seeds the corpora: each op, with
// answers of every shape (a value, a page with a next cursor, errors).
var Calls = []Call{
	{"get-customer", 0, func(ctx context.Context, c transports.Client) error { return Op(ctx, c, 0) }},
	{"get-customer-not-found", 0, func(ctx context.Context, c transports.Client) error {
		_, err := c.GetCustomer(ctx, 99)
		return err
	}},
	{"place-order", 1, func(ctx context.Context, c transports.Client) error { return Op(ctx, c, 1) }},
	{"place-order-invalid", 1, func(ctx context.Context, c transports.Client) error {
		_, err := c.PlaceOrder(ctx, service.PlaceOrderRequest{CustomerID: 2, RequestID: "fuzz-2", Note: "ünï & <x> \"q\"",
			Items: []service.LineItem{{SKU: "A", Quantity: 0, UnitPriceCents: 1}, {SKU: "B/é", Quantity: 3, UnitPriceCents: 99}}})
		return err
	}},
	{"list-orders", 2, func(ctx context.Context, c transports.Client) error {
		_, err := c.ListOrders(ctx, service.ListOrdersRequest{CustomerID: 1, Limit: 3, Cursor: "o2"})
		return err
	}},
	{"list-orders-invalid", 2, func(ctx context.Context, c transports.Client) error {
		_, err := c.ListOrders(ctx, service.ListOrdersRequest{CustomerID: 1, Limit: 0})
		return err
	}},
}

// Exchange is one call's bytes on the wire.
type Exchange struct {
	Name              string
	Op                byte
	Request, Response []byte
}

// Record serves Service over tr and makes every call of Calls on a
// fresh client, whose connection a Tap records. A call that fails for
// want of a server fails t.
func Record(t testing.TB, tr transports.Transport) []Exchange {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*CallTimeout)
	defer cancel()
	srv, err := tr.Serve(ctx, transports.ServeConfig{Backend: transports.Backend{Service: Service()}})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	var out []Exchange
	for _, c := range Calls {
		var tap Tap
		cl, err := tr.Dial(ctx, srv.Addr(), transports.DialConfig{Dial: tap.Dial(transports.NetDialer(transports.ClientConfig{}))})
		if err != nil {
			t.Fatal(err)
		}
		err = c.Do(ctx, cl)
		cl.Close()
		if k := service.KindOf(err); k == service.KindUnavailable || k == service.KindDeadlineExceeded {
			t.Fatalf("fuzzx: record %s over %s: %v", c.Name, tr.Name(), err)
		}
		out = append(out, Exchange{Name: c.Name, Op: c.Op, Request: tap.Sent(), Response: tap.Received()})
	}
	return out
}

// PeerCall makes one call of op (mod 3), as Op, with a fresh client from
// newClient whose only connection reads reply: a client target's call.
func PeerCall[C transports.Client](ctx context.Context, newClient func(context.Context, string, transports.DialConfig) (C, error), op byte, reply []byte) error {
	cl, err := newClient(ctx, "127.0.0.1:9", transports.DialConfig{Dial: DialPeer(reply)})
	if err != nil {
		return err
	}
	defer cl.Close()
	return Op(ctx, cl, op)
}
