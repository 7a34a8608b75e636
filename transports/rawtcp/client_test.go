package rawtcp

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

func TestRoundTrip(t *testing.T) {
	srv := startServer(t, 0)
	cl := dialClient(t, srv.Addr(), transports.DialConfig{})
	ds := service.MustGenerate(testSeed)
	want := ds.Customers[3]
	got, err := cl.GetCustomer(ctxT(t), want.ID)
	if err != nil {
		t.Fatalf("GetCustomer: %v", err)
	}
	if got.Name != want.Name || got.Email != want.Email || got.Tier != want.Tier ||
		!got.CreatedAt.Equal(want.CreatedAt) || strings.Join(got.Tags, ",") != strings.Join(want.Tags, ",") {
		t.Fatalf("GetCustomer = %+v, want %+v", got, want)
	}
	note := strings.Repeat("é", service.MaxNoteBytes/2)
	req := service.PlaceOrderRequest{CustomerID: 2, Items: []service.LineItem{{SKU: "S-1", Quantity: 3, UnitPriceCents: 250}}, Note: note, RequestID: "rt-1"}
	o, err := cl.PlaceOrder(ctxT(t), req)
	if err != nil {
		t.Fatalf("PlaceOrder: %v", err)
	}
	if o.Note != note || o.TotalCents != 750 || o.Status != service.StatusPending || len(o.Items) != 1 {
		t.Fatalf("PlaceOrder = order %d total %d status %s, %d-byte note", o.ID, o.TotalCents, o.Status, len(o.Note))
	}
	sizes := new(transports.BodySizes)
	page, err := cl.ListOrders(transports.WithBodySizes(ctxT(t), sizes), service.ListOrdersRequest{CustomerID: 2, Limit: 100})
	if err != nil {
		t.Fatalf("ListOrders: %v", err)
	}
	if last := page.Orders[len(page.Orders)-1]; last.ID != o.ID || last.Note != note || !last.CreatedAt.Equal(o.CreatedAt) {
		t.Fatalf("last listed order %d, want %d with its note", last.ID, o.ID)
	}
	if !sizes.Known() || sizes.Response < int64(len(note)) {
		t.Fatalf("body sizes %+v, want a response of at least %d bytes", sizes, len(note))
	}
}

func TestErrorKinds(t *testing.T) {
	srv := startServer(t, 0)
	cl := dialClient(t, srv.Addr(), transports.DialConfig{})
	tests := []struct {
		name string
		call func(ctx context.Context) error
		want error
	}{
		{"unknown customer", func(ctx context.Context) error { _, err := cl.GetCustomer(ctx, 9999); return err }, service.ErrNotFound},
		{"customer 0", func(ctx context.Context) error { _, err := cl.GetCustomer(ctx, 0); return err }, service.ErrInvalidArgument},
		{"no items", func(ctx context.Context) error {
			_, err := cl.PlaceOrder(ctx, service.PlaceOrderRequest{CustomerID: 1, RequestID: "x"})
			return err
		}, service.ErrInvalidArgument},
		{"limit 0", func(ctx context.Context) error {
			_, err := cl.ListOrders(ctx, service.ListOrdersRequest{CustomerID: 1})
			return err
		}, service.ErrInvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call(ctxT(t))
			if !errors.Is(err, tt.want) || service.MessageOf(err) == "" {
				t.Fatalf("error %v, want %v with a message", err, tt.want)
			}
		})
	}
	if open, idle := cl.pool.Size(); open != 1 || idle != 1 {
		t.Fatalf("%d open, %d idle connections after error responses, want the one connection kept", open, idle)
	}
}

func TestOversizedRequest(t *testing.T) {
	srv := startServer(t, 4096)
	cl := dialClient(t, srv.Addr(), transports.DialConfig{})
	for _, size := range []int{5000, 4 << 20} {
		req := service.PlaceOrderRequest{CustomerID: 1, Items: []service.LineItem{{SKU: "A", Quantity: 1}}, Note: strings.Repeat("n", size), RequestID: "big"}
		if _, err := cl.PlaceOrder(ctxT(t), req); !errors.Is(err, service.ErrInvalidArgument) {
			t.Fatalf("%d-byte note over a 4096-byte limit: error %v, want %v", size, err, service.ErrInvalidArgument)
		}
	}
	if _, err := cl.GetCustomer(ctxT(t), 1); err != nil {
		t.Fatalf("GetCustomer after an oversized request: %v", err)
	}
}

// blockingService blocks GetCustomer until release is closed.
type blockingService struct {
	service.Service
	release chan struct{}
}

func (s blockingService) GetCustomer(ctx context.Context, id int64) (service.Customer, error) {
	select {
	case <-s.release:
	case <-ctx.Done():
	}
	return s.Service.GetCustomer(ctx, id)
}

func TestDeadlineAndCancel(t *testing.T) {
	core := service.NewCore(service.NewMemoryStore(service.MustGenerate(testSeed)))
	bs := blockingService{Service: core, release: make(chan struct{})}
	srv, err := newServer(context.Background(), transports.ServeConfig{Backend: transports.Backend{Service: bs}})
	if err != nil {
		t.Fatalf("serve: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	t.Cleanup(func() { close(bs.release) }) // runs first
	cl := dialClient(t, srv.Addr(), transports.DialConfig{})

	tests := []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
		want error
	}{
		{"expired", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), -1)
		}, service.ErrDeadlineExceeded},
		{"deadline while waiting", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 50*time.Millisecond)
		}, service.ErrDeadlineExceeded},
		{"cancelled while waiting", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(50*time.Millisecond, cancel)
			return ctx, cancel
		}, service.ErrUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := tt.ctx()
			defer cancel()
			start := time.Now()
			_, err := cl.GetCustomer(ctx, 1)
			if !errors.Is(err, tt.want) || service.KindOf(err) != service.KindOf(tt.want) {
				t.Fatalf("error %v (kind %v), want %v", err, service.KindOf(err), tt.want)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Fatalf("call returned after %v", d)
			}
			if _, n := cl.pool.Size(); n != 0 {
				t.Fatalf("%d interrupted connections were pooled", n)
			}
		})
	}
}

func TestStalePooledConnectionIsRetried(t *testing.T) {
	srv := startServer(t, 0)
	cl := dialClient(t, srv.Addr(), transports.DialConfig{})
	if _, err := cl.GetCustomer(ctxT(t), 1); err != nil {
		t.Fatalf("GetCustomer: %v", err)
	}
	// The server drops its connections, as on an idle timeout.
	srv.mu.Lock()
	for c := range srv.conns {
		c.Close()
	}
	srv.mu.Unlock()
	if _, err := cl.GetCustomer(ctxT(t), 1); err != nil {
		t.Fatalf("GetCustomer on a connection the server closed: %v", err)
	}
}

func TestClientErrors(t *testing.T) {
	srv := startServer(t, 0)
	addr := srv.Addr()
	cl := dialClient(t, addr, transports.DialConfig{})
	if err := srv.Close(); err != nil {
		t.Fatalf("close server: %v", err)
	}
	if _, err := cl.GetCustomer(ctxT(t), 1); !errors.Is(err, service.ErrUnavailable) {
		t.Fatalf("GetCustomer of a stopped server: error %v, want %v", err, service.ErrUnavailable)
	}
	for range 2 {
		if err := cl.Close(); err != nil {
			t.Fatalf("Close: %v", err)
		}
	}
	if _, err := cl.GetCustomer(ctxT(t), 1); !errors.Is(err, service.ErrUnavailable) {
		t.Fatalf("GetCustomer on a closed client: error %v, want %v", err, service.ErrUnavailable)
	}
	if _, err := newClient(context.Background(), "no-port", transports.DialConfig{}); err == nil {
		t.Fatal("Dial of an address without a port succeeded")
	}
}
