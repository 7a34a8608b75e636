package netx

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// flaky fails its first calls with Unavailable and records their
// contexts' deadlines.
type flaky struct {
	failures  int
	calls     int
	deadlines []bool
}

func (f *flaky) call(ctx context.Context) error {
	f.calls++
	_, ok := ctx.Deadline()
	f.deadlines = append(f.deadlines, ok)
	if f.calls <= f.failures {
		return service.Errorf(service.KindUnavailable, "down")
	}
	return nil
}

func (f *flaky) GetCustomer(ctx context.Context, id int64) (service.Customer, error) {
	return service.Customer{ID: id}, f.call(ctx)
}

func (f *flaky) PlaceOrder(ctx context.Context, req service.PlaceOrderRequest) (service.Order, error) {
	return service.Order{CustomerID: req.CustomerID}, f.call(ctx)
}

func (f *flaky) ListOrders(ctx context.Context, _ service.ListOrdersRequest) (service.OrderPage, error) {
	return service.OrderPage{}, f.call(ctx)
}

func (f *flaky) Close() error { return nil }

func (f *flaky) Settings() map[string]string { return map[string]string{"protocol": "fake"} }

func TestHardenDefaultProfileIsTheClientItself(t *testing.T) {
	f := &flaky{}
	if got := Harden(f, transports.ClientConfig{}); got != transports.Client(f) {
		t.Fatalf("Harden with the default profile = %T, want the client itself", got)
	}
}

func TestHarden(t *testing.T) {
	cfg, err := transports.LookupProfile(transports.ProfileHardened)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Retry.Backoff, cfg.Retry.MaxBackoff = time.Millisecond, time.Millisecond
	tests := []struct {
		name      string
		call      func(transports.Client) error
		failures  int
		wantCalls int
		wantErr   error
	}{
		{"read retried", func(c transports.Client) error { _, err := c.GetCustomer(context.Background(), 1); return err }, 2, 3, nil},
		{"read gives up", func(c transports.Client) error {
			_, err := c.ListOrders(context.Background(), service.ListOrdersRequest{})
			return err
		}, 5, 3, service.ErrUnavailable},
		{"write with request id retried", func(c transports.Client) error {
			_, err := c.PlaceOrder(context.Background(), service.PlaceOrderRequest{RequestID: "r"})
			return err
		}, 1, 2, nil},
		{"write without request id not retried", func(c transports.Client) error {
			_, err := c.PlaceOrder(context.Background(), service.PlaceOrderRequest{})
			return err
		}, 1, 1, service.ErrUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &flaky{failures: tt.failures}
			c := Harden(f, cfg)
			err := tt.call(c)
			if f.calls != tt.wantCalls || !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Fatalf("%d calls, error %v; want %d calls, error %v", f.calls, err, tt.wantCalls, tt.wantErr)
			}
			for i, ok := range f.deadlines {
				if !ok {
					t.Fatalf("attempt %d had no deadline", i+1)
				}
			}
			if got := transports.RetriesOf(c); got != int64(tt.wantCalls-1) {
				t.Fatalf("Retries = %d, want %d", got, tt.wantCalls-1)
			}
			if transports.SettingsOf(c)["protocol"] != "fake" {
				t.Fatal("Settings not forwarded")
			}
			if u, ok := c.(interface{ Unwrap() transports.Client }); !ok || u.Unwrap() != transports.Client(f) {
				t.Fatal("Unwrap does not give the client back")
			}
		})
	}
}

func TestCallContextWithoutTimeoutAllocatesNothing(t *testing.T) {
	ctx := context.Background()
	n := testing.AllocsPerRun(100, func() {
		c, cancel := CallContext(ctx, 0)
		cancel()
		if c != ctx {
			t.Fatal("CallContext(0) made a new context")
		}
	})
	if n != 0 {
		t.Fatalf("%v allocations, want 0", n)
	}
}
