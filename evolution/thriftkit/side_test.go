package thriftkit

import (
	"context"
	"errors"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/apache/thrift/lib/go/thrift"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
	"github.com/intbench/intbench/transports/thrift/gen/orders"
)

type v1Orders = Orders[*orders.Customer, *orders.Order, *orders.OrderPage, *orders.PlaceOrderRequest, *orders.ListOrdersRequest]

// v1Kit is a Side over v1's own generated code: v1 on the wire, served
// and dialled by this package.
var v1Kit = &Side[*orders.Customer, *orders.Order, *orders.OrderPage, *orders.PlaceOrderRequest, *orders.ListOrdersRequest]{
	NewProcessor: func(h v1Orders) thrift.TProcessor { return orders.NewOrdersProcessor(h) },
	NewClient:    func(c thrift.TClient) v1Orders { return orders.NewOrdersClient(c) },
	Exceptions:   v1Exceptions,
	Enums:        v1Mapper.enums,
}

var testSeed = service.SeedConfig{Seed: 5, Customers: 10, OrdersPerCustomer: 3, HeavyCustomers: 1, HeavyOrders: 12}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// serveSide serves side over svc (a fresh memory backend when nil) and
// dials it with dial; both end with t.
func serveSide(t *testing.T, side evolution.Side, svc service.Service, dial evolution.Side) evolution.Client {
	t.Helper()
	if svc == nil {
		svc = service.NewCore(service.NewMemoryStore(service.MustGenerate(testSeed)))
	}
	srv, err := side.Serve(testCtx(t), transports.ServeConfig{Backend: transports.Backend{Service: svc}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Error(err)
		}
	})
	c, err := dial.Dial(testCtx(t), srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

type result struct {
	rec  evolution.Record
	kind service.Kind
}

// operate makes calls that succeed and calls that fail with a declared
// exception.
func operate(ctx context.Context, c evolution.Client) map[string]result {
	out := map[string]result{}
	add := func(op string, rec evolution.Record, err error) {
		maps.DeleteFunc(rec, func(k, _ string) bool { return strings.HasSuffix(k, "CreatedAt") })
		out[op] = result{rec, service.KindOf(err)}
	}
	order := service.PlaceOrderRequest{CustomerID: 2, RequestID: "r-1", Note: "n", Items: []service.LineItem{{SKU: "S-1", Quantity: 3, UnitPriceCents: 40}}}
	rec, err := c.GetCustomer(ctx, 1)
	add("get", rec, err)
	_, err = c.GetCustomer(ctx, 1_000_000)
	add("get missing", nil, err)
	rec, err = c.ListOrders(ctx, 1, 10)
	add("list", rec, err)
	_, err = c.ListOrders(ctx, 1, 0)
	add("list limit 0", nil, err)
	rec, err = c.PlaceOrder(ctx, order)
	add("place", rec, err)
	order.Items = nil
	_, err = c.PlaceOrder(ctx, order)
	add("place no items", nil, err)
	return out
}

// A Side over v1's generated code is v1: transports/thrift's client reads
// the same from it as from transports/thrift's server, errors included,
// and so does this package's client; so the mapper, the server and the
// client add nothing of their own to what a change's v2 side measures.
func TestSideOverV1CodeIsV1(t *testing.T) {
	for _, client := range []struct {
		name string
		side evolution.Side
	}{{"transports/thrift client", V1()}, {"thriftkit client", v1Kit}} {
		t.Run(client.name, func(t *testing.T) {
			want := operate(testCtx(t), serveSide(t, V1(), nil, client.side))
			got := operate(testCtx(t), serveSide(t, v1Kit, nil, client.side))
			for op, w := range want {
				g := got[op]
				if d := evolution.Diff(w.rec, g.rec); len(d) > 0 || g.kind != w.kind {
					t.Errorf("%s: %v, kind %v, want %v", op, d, g.kind, w.kind)
				}
			}
			if want["get"].kind != service.KindOK || len(want["get"].rec) < 6 || want["get missing"].kind != service.KindNotFound ||
				want["list limit 0"].kind != service.KindInvalidArgument || want["place no items"].kind != service.KindInvalidArgument {
				t.Errorf("unexpected outcomes: %+v", want)
			}
		})
	}
}

// blocking is a service whose GetCustomer of id 2 waits for its context.
type blocking struct{ service.Service }

func (b blocking) GetCustomer(ctx context.Context, id int64) (service.Customer, error) {
	if id == 2 {
		<-ctx.Done()
		return service.Customer{}, ctx.Err()
	}
	return b.Service.GetCustomer(ctx, id)
}

// A call ends at its context's deadline or cancellation, whatever the
// server does, and the next call dials again.
func TestClientCallsEndWithTheirContext(t *testing.T) {
	svc := blocking{service.NewCore(service.NewMemoryStore(service.MustGenerate(testSeed)))}
	c := serveSide(t, v1Kit, svc, v1Kit)
	tests := []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
		want error
	}{
		{"deadline", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(testCtx(t), 200*time.Millisecond)
		}, service.ErrDeadlineExceeded},
		{"cancel", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(testCtx(t))
			time.AfterFunc(200*time.Millisecond, cancel)
			return ctx, cancel
		}, service.ErrUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := tt.ctx()
			defer cancel()
			start := time.Now()
			_, err := c.GetCustomer(ctx, 2)
			if !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("the call took %v", d)
			}
			if _, err := c.GetCustomer(testCtx(t), 1); err != nil {
				t.Errorf("the next call: %v", err)
			}
		})
	}
}
