package thrift

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

func TestRoundTrip(t *testing.T) {
	for _, p := range protocols {
		t.Run(p.String(), func(t *testing.T) {
			srv, ds := startServer(t, p, nil, 0)
			c := dial(t, p, srv.Addr())
			ctx := testCtx(t)

			want := ds.Customers[0]
			got, err := c.GetCustomer(ctx, want.ID)
			if err != nil {
				t.Fatalf("GetCustomer: %v", err)
			}
			if len(want.Tags) == 0 {
				want.Tags = nil
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("GetCustomer = %+v, want %+v", got, want)
			}

			req := service.PlaceOrderRequest{CustomerID: 2, RequestID: "rt-1", Note: "ünï 🚀 " + strings.Repeat("x", 1000),
				Items: []service.LineItem{{SKU: "A", Quantity: 2, UnitPriceCents: 150}, {SKU: "B", Quantity: 1, UnitPriceCents: 1}}}
			o, err := c.PlaceOrder(ctx, req)
			if err != nil {
				t.Fatalf("PlaceOrder: %v", err)
			}
			if o.TotalCents != 301 || o.Note != req.Note || !reflect.DeepEqual(o.Items, req.Items) || o.Status != service.StatusPending {
				t.Fatalf("PlaceOrder = %+v", o)
			}
			page, err := c.ListOrders(ctx, service.ListOrdersRequest{CustomerID: 2, Limit: 100})
			if err != nil {
				t.Fatalf("ListOrders: %v", err)
			}
			last := page.Orders[len(page.Orders)-1]
			if !reflect.DeepEqual(last, o) || !last.CreatedAt.Equal(o.CreatedAt) || page.NextCursor != "" {
				t.Fatalf("last listed order = %+v, want %+v", last, o)
			}
		})
	}
}

func TestErrorKinds(t *testing.T) {
	ds := service.MustGenerate(testSeed)
	svc := kindService{service.NewCore(service.NewMemoryStore(ds))}
	for _, p := range protocols {
		srv, _ := startServer(t, p, svc, 0)
		c := dial(t, p, srv.Addr())
		for k := service.KindNotFound; k <= service.KindInternal; k++ {
			t.Run(fmt.Sprintf("%s/%s", p, k), func(t *testing.T) {
				_, err := c.GetCustomer(testCtx(t), kindBase+int64(k))
				if got := service.KindOf(err); got != k {
					t.Fatalf("error %v has kind %v, want %v", err, got, k)
				}
				if msg, want := service.MessageOf(err), "injected "+k.String(); msg != want {
					t.Fatalf("message %q, want %q", msg, want)
				}
			})
		}
		// Declared exceptions keep the connection: still one open.
		if open, _ := c.pool.Size(); open != 1 {
			t.Fatalf("%s: %d connections open after declared exceptions, want 1", p, open)
		}
	}
}

// TestContextBounds shows that a call on a server that never answers ends
// with the context: at its deadline, or on cancellation without one.
func TestContextBounds(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	ds := service.MustGenerate(testSeed)
	svc := blockingService{service.NewCore(service.NewMemoryStore(ds)), release}
	srv, _ := startServer(t, Binary, svc, 0)
	c := dial(t, Binary, srv.Addr())

	tests := []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
		want error
	}{
		{"deadline", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 50*time.Millisecond)
		}, service.ErrDeadlineExceeded},
		{"cancel without deadline", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(50*time.Millisecond, cancel)
			return ctx, cancel
		}, service.ErrUnavailable},
		{"already expired", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), -time.Second)
		}, service.ErrDeadlineExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := tt.ctx()
			defer cancel()
			start := time.Now()
			_, err := c.GetCustomer(ctx, 1)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Fatalf("call took %v", d)
			}
		})
	}
	// The timed-out connections were dropped, not reused: a fresh call on
	// a working server must not read a stale answer.
	ok := dial(t, Binary, startServerAddr(t))
	if _, err := ok.GetCustomer(testCtx(t), 1); err != nil {
		t.Fatalf("GetCustomer on a healthy server: %v", err)
	}
	if open, _ := c.pool.Size(); open != 0 {
		t.Fatalf("%d connections kept after timeouts, want 0", open)
	}
}

func startServerAddr(t *testing.T) string {
	srv, _ := startServer(t, Binary, nil, 0)
	return srv.Addr()
}

func TestConcurrentCallsShareThePool(t *testing.T) {
	srv, _ := startServer(t, Binary, nil, 0)
	c := dial(t, Binary, srv.Addr())
	const workers, each = 32, 8
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				id := int64((w+i)%testSeed.Customers + 1)
				if cu, err := c.GetCustomer(testCtx(t), id); err != nil || cu.ID != id {
					errs <- fmt.Errorf("GetCustomer(%d) = %d, %v", id, cu.ID, err)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if open, idle := c.pool.Size(); open > workers || open != idle {
		t.Fatalf("pool: %d open, %d idle; want at most %d, all idle", open, idle, workers)
	}
}

func TestBodySizes(t *testing.T) {
	for _, p := range protocols {
		t.Run(p.String(), func(t *testing.T) {
			srv, _ := startServer(t, p, nil, 0)
			c := dial(t, p, srv.Addr())
			var bs transports.BodySizes
			if _, err := c.GetCustomer(transports.WithBodySizes(testCtx(t), &bs), 1); err != nil {
				t.Fatalf("GetCustomer: %v", err)
			}
			// A call message names its method and carries an i64.
			if !bs.Known() || bs.Request <= int64(len("getCustomer")) || bs.Response <= bs.Request {
				t.Fatalf("body sizes %+v", bs)
			}
			t.Logf("%s getCustomer: request %d bytes, response %d bytes", p, bs.Request, bs.Response)
		})
	}
}

func TestClosedClientAndServer(t *testing.T) {
	srv, _ := startServer(t, Binary, nil, 0)
	c := dial(t, Binary, srv.Addr())
	if _, err := c.GetCustomer(testCtx(t), 1); err != nil {
		t.Fatalf("GetCustomer: %v", err)
	}
	if err := srv.Close(); err != nil {
		t.Fatalf("server Close: %v", err)
	}
	// The pooled connection was closed by the server: the call fails as
	// unavailable, and does not hang.
	if _, err := c.GetCustomer(testCtx(t), 1); !errors.Is(err, service.ErrUnavailable) {
		t.Fatalf("GetCustomer after server Close: %v, want %v", err, service.ErrUnavailable)
	}
	for range 2 {
		if err := c.Close(); err != nil {
			t.Fatalf("client Close: %v", err)
		}
	}
	if _, err := c.GetCustomer(testCtx(t), 1); !errors.Is(err, service.ErrUnavailable) {
		t.Fatalf("GetCustomer on closed client: %v", err)
	}
}
