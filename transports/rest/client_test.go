package rest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

func TestClientRoundTrip(t *testing.T) {
	svc, ds := newCore(t)
	cl := dial(t, startServer(t, svc, 0).Addr(), transports.DialConfig{})
	ctx := testCtx(t)

	want := ds.Customers[4]
	got, err := cl.GetCustomer(ctx, want.ID)
	if err != nil {
		t.Fatalf("GetCustomer: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("GetCustomer:\n got %+v\nwant %+v", got, want)
	}

	var orders []service.Order
	for cursor := ""; ; {
		page, err := cl.ListOrders(ctx, service.ListOrdersRequest{CustomerID: 1, Limit: 7, Cursor: cursor})
		if err != nil {
			t.Fatalf("ListOrders: %v", err)
		}
		orders = append(orders, page.Orders...)
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	if wantOrders := ds.Orders[:testSeed.HeavyOrders]; !reflect.DeepEqual(orders, wantOrders) {
		t.Fatalf("ListOrders walked %d orders, want %d equal ones", len(orders), len(wantOrders))
	}

	req := service.PlaceOrderRequest{CustomerID: 3, RequestID: "rt-1", Note: "hi <&>",
		Items: []service.LineItem{{SKU: "A", Quantity: 2, UnitPriceCents: 150}}}
	first, err := cl.PlaceOrder(ctx, req)
	if err != nil {
		t.Fatalf("PlaceOrder: %v", err)
	}
	again, err := cl.PlaceOrder(ctx, req)
	if err != nil || !reflect.DeepEqual(again, first) {
		t.Fatalf("replayed PlaceOrder = %+v, %v; want %+v", again, err, first)
	}
	if first.TotalCents != 300 || first.Note != req.Note || first.Status != service.StatusPending {
		t.Fatalf("placed order %+v", first)
	}
}

func TestClientServiceErrors(t *testing.T) {
	svc, _ := newCore(t)
	cl := dial(t, startServer(t, svc, 0).Addr(), transports.DialConfig{})
	item := []service.LineItem{{SKU: "A", Quantity: 1, UnitPriceCents: 1}}
	tests := []struct {
		name string
		call func(ctx context.Context) error
		want error
	}{
		{"unknown customer", func(ctx context.Context) error { _, err := cl.GetCustomer(ctx, 9999); return err }, service.ErrNotFound},
		{"customer 0", func(ctx context.Context) error { _, err := cl.GetCustomer(ctx, 0); return err }, service.ErrInvalidArgument},
		{"limit 0", func(ctx context.Context) error {
			_, err := cl.ListOrders(ctx, service.ListOrdersRequest{CustomerID: 1})
			return err
		}, service.ErrInvalidArgument},
		{"cursor with odd characters", func(ctx context.Context) error {
			_, err := cl.ListOrders(ctx, service.ListOrdersRequest{CustomerID: 1, Limit: 2, Cursor: "o1&limit=5 #?"})
			return err
		}, service.ErrInvalidArgument},
		{"empty request id", func(ctx context.Context) error {
			_, err := cl.PlaceOrder(ctx, service.PlaceOrderRequest{CustomerID: 1, Items: item})
			return err
		}, service.ErrInvalidArgument},
		{"invalid UTF-8 sku", func(ctx context.Context) error {
			_, err := cl.PlaceOrder(ctx, service.PlaceOrderRequest{CustomerID: 1, RequestID: "x", Items: []service.LineItem{{SKU: "\xff", Quantity: 1}}})
			return err
		}, service.ErrInvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.call(testCtx(t)); !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
		})
	}
	// The server's message travels with the kind.
	_, err := cl.GetCustomer(testCtx(t), 0)
	_, want := svc.GetCustomer(testCtx(t), 0)
	if service.MessageOf(err) != service.MessageOf(want) {
		t.Fatalf("message %q, want %q", service.MessageOf(err), service.MessageOf(want))
	}
}

// TestRequestIDs shows that any request ID survives the Idempotency-Key
// header exactly: replays match, and IDs differing only in spelling do not
// collide.
func TestRequestIDs(t *testing.T) {
	svc, _ := newCore(t)
	cl := dial(t, startServer(t, svc, 0).Addr(), transports.DialConfig{})
	ids := []string{"plain-uuid-like", "with space", "  padded\t", "ü/?#&=+;,", "%41", "A", "line\nbreak\r\n", "%zz", "quote\"back\\slash"}
	placed := map[int64]string{}
	for i, id := range ids {
		req := service.PlaceOrderRequest{CustomerID: 6, RequestID: id, Items: []service.LineItem{{SKU: "S", Quantity: int32(i + 1), UnitPriceCents: 1}}}
		first, err := cl.PlaceOrder(testCtx(t), req)
		if err != nil {
			t.Fatalf("PlaceOrder(%q): %v", id, err)
		}
		if prev, dup := placed[first.ID]; dup {
			t.Fatalf("request ids %q and %q share order %d", prev, id, first.ID)
		}
		placed[first.ID] = id
		if again, err := cl.PlaceOrder(testCtx(t), req); err != nil || again.ID != first.ID {
			t.Fatalf("replay of %q: order %d, %v; want order %d", id, again.ID, err, first.ID)
		}
		req.Items[0].Quantity++
		if _, err := cl.PlaceOrder(testCtx(t), req); !errors.Is(err, service.ErrConflict) {
			t.Fatalf("changed body under %q: error %v, want %v", id, err, service.ErrConflict)
		}
	}
}

// blockingService blocks GetCustomer until the call's context ends.
type blockingService struct{ service.Service }

func (blockingService) GetCustomer(ctx context.Context, _ int64) (service.Customer, error) {
	<-ctx.Done()
	return service.Customer{}, ctx.Err()
}

func TestClientTransportErrors(t *testing.T) {
	svc, _ := newCore(t)
	slow := startServer(t, blockingService{svc}, 0)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := ln.Addr().String()
	ln.Close()

	closed := dial(t, startServer(t, svc, 0).Addr(), transports.DialConfig{})
	closed.Close()

	tests := []struct {
		name    string
		cl      transports.Client
		timeout time.Duration
		want    error
	}{
		{"connection refused", dial(t, refused, transports.DialConfig{}), testTimeout, service.ErrUnavailable},
		{"deadline", dial(t, slow.Addr(), transports.DialConfig{}), 50 * time.Millisecond, service.ErrDeadlineExceeded},
		{"expired deadline", dial(t, slow.Addr(), transports.DialConfig{}), -1, service.ErrDeadlineExceeded},
		{"closed client", closed, testTimeout, service.ErrUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), tt.timeout)
			defer cancel()
			if _, err := tt.cl.GetCustomer(ctx, 1); !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
		})
	}
}

// TestForeignErrors shows how the client classifies responses that do not
// come from a rest server.
func TestForeignErrors(t *testing.T) {
	tests := []struct {
		name   string
		status int
		ctype  string
		body   string
		want   error
	}{
		{"proxy 503 page", 503, "text/html", "<h1>down</h1>", service.ErrUnavailable},
		{"proxy 502", 502, "text/plain", "bad gateway", service.ErrUnavailable},
		{"proxy 504", 504, "text/plain", "timeout", service.ErrDeadlineExceeded},
		{"plain 404", 404, "text/plain", "404 page not found", service.ErrNotFound},
		{"plain 413", 413, "text/plain", "too large", service.ErrInvalidArgument},
		{"teapot", 418, "text/plain", "short and stout", service.ErrInternal},
		{"redirect not followed", 301, "text/plain", "moved", service.ErrInternal},
		{"garbage 200", 200, ContentType, "{not json", service.ErrInternal},
		{"unknown kind", 409, ContentType, `{"error":{"kind":"Bogus","message":"m"}}`, service.ErrConflict},
		{"kind wins over status", 500, ContentType, `{"error":{"kind":"NotFound","message":"m"}}`, service.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", tt.ctype)
				w.Header().Set("Location", "/elsewhere")
				w.WriteHeader(tt.status)
				fmt.Fprint(w, tt.body)
			}))
			defer hs.Close()
			cl := dial(t, hs.Listener.Addr().String(), transports.DialConfig{})
			defer cl.Close()
			if _, err := cl.GetCustomer(testCtx(t), 1); !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
		})
	}
}

// countingDial counts the connections a client opens.
func countingDial(n *atomic.Int64) transports.DialFunc {
	d := &net.Dialer{Timeout: transports.DefaultDialTimeout}
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		n.Add(1)
		return d.DialContext(ctx, network, addr)
	}
}

func TestConnectionReuse(t *testing.T) {
	svc, _ := newCore(t)
	srv := startServer(t, svc, 0)
	var dials atomic.Int64
	cl := dial(t, srv.Addr(), transports.DialConfig{Dial: countingDial(&dials)})
	ctx := testCtx(t)

	for i := range 50 {
		if _, err := cl.GetCustomer(ctx, 1); err != nil {
			t.Fatal(err)
		}
		req := service.PlaceOrderRequest{CustomerID: 2, RequestID: fmt.Sprint("reuse-", i), Items: []service.LineItem{{SKU: "A", Quantity: 1}}}
		if _, err := cl.PlaceOrder(ctx, req); err != nil {
			t.Fatal(err)
		}
		if _, err := cl.GetCustomer(ctx, 9999); !errors.Is(err, service.ErrNotFound) {
			t.Fatal(err)
		}
	}
	if n := dials.Load(); n != 1 {
		t.Fatalf("sequential calls opened %d connections, want 1", n)
	}

	const workers = 32
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range 20 {
				if _, err := cl.ListOrders(ctx, service.ListOrdersRequest{CustomerID: int64(w%5 + 1), Limit: 3}); err != nil {
					t.Errorf("worker %d call %d: %v", w, i, err)
					return
				}
			}
		})
	}
	wg.Wait()
	// net/http may finish a dial it started for a caller that then got an
	// idle connection; it keeps that connection. So allow some slack, far
	// below one connection per call.
	if n := dials.Load(); n > 2*workers {
		t.Fatalf("%d workers opened %d connections", workers, n)
	}
}

func TestBodySizes(t *testing.T) {
	svc, _ := newCore(t)
	srv := startServer(t, svc, 0)
	cl := dial(t, srv.Addr(), transports.DialConfig{})
	raw := do(t, plainClient(t), "GET", "http://"+srv.Addr()+"/customers/1", nil, nil)

	var sizes transports.BodySizes
	if _, err := cl.GetCustomer(transports.WithBodySizes(testCtx(t), &sizes), 1); err != nil {
		t.Fatal(err)
	}
	if !sizes.Known() || sizes.Request != 0 || sizes.Response != int64(len(raw.body)) {
		t.Fatalf("GetCustomer sizes %+v, want request 0 and response %d", sizes, len(raw.body))
	}
	sizes = transports.BodySizes{}
	req := service.PlaceOrderRequest{CustomerID: 2, RequestID: "bs", Items: []service.LineItem{{SKU: "A", Quantity: 1}}}
	if _, err := cl.PlaceOrder(transports.WithBodySizes(testCtx(t), &sizes), req); err != nil {
		t.Fatal(err)
	}
	const wantReq = int64(len(`{"items":[{"sku":"A","quantity":1,"unit_price_cents":0}]}` + "\n"))
	if sizes.Request != wantReq || sizes.Response <= 0 {
		t.Fatalf("PlaceOrder sizes %+v, want request %d", sizes, wantReq)
	}
}
