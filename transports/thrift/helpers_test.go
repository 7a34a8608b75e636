package thrift

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// testSeed is a small data set for this package's own tests.
var testSeed = service.SeedConfig{Seed: 3, Customers: 20, OrdersPerCustomer: 2, HeavyCustomers: 1, HeavyOrders: 9}

// protocols are the variants every test of this package runs.
var protocols = []Protocol{Binary, Compact}

// startServer serves svc (a fresh in-memory backend when nil) with the
// given body limit (0 for the default); it is closed when t ends.
func startServer(t *testing.T, p Protocol, svc service.Service, maxBody int64) (*server, service.Dataset) {
	t.Helper()
	ds := service.MustGenerate(testSeed)
	if svc == nil {
		svc = service.NewCore(service.NewMemoryStore(ds))
	}
	cfg := transports.ServeConfig{Limits: transports.Limits{MaxBodyBytes: maxBody}, Backend: transports.Backend{Service: svc}}
	srv, err := newServer(testCtx(t), p, cfg)
	if err != nil {
		t.Fatalf("serve: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("close server: %v", err)
		}
	})
	return srv, ds
}

// dial returns a client of addr, closed when t ends.
func dial(t *testing.T, p Protocol, addr string) *client {
	t.Helper()
	c, err := newClient(testCtx(t), p, addr, transports.DialConfig{})
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() {
		if err := c.Close(); err != nil {
			t.Errorf("close client: %v", err)
		}
	})
	return c
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// kindService answers GetCustomer(id) for id >= kindBase with an error of
// kind id-kindBase, so every kind crosses the wire.
type kindService struct{ service.Service }

const kindBase = 1_000_000

func (s kindService) GetCustomer(ctx context.Context, id int64) (service.Customer, error) {
	if k := service.Kind(id - kindBase); id >= kindBase && k > service.KindOK && k <= service.KindInternal {
		return service.Customer{}, service.Errorf(k, "injected %s", k)
	}
	return s.Service.GetCustomer(ctx, id)
}

// blockingService blocks every call until its context ends or release is
// closed.
type blockingService struct {
	service.Service
	release chan struct{}
}

func (s blockingService) GetCustomer(ctx context.Context, id int64) (service.Customer, error) {
	select {
	case <-ctx.Done():
		return service.Customer{}, ctx.Err()
	case <-s.release:
		return s.Service.GetCustomer(ctx, id)
	}
}

// placeOrderRequest returns a valid request with a note of n bytes.
func placeOrderRequest(n int) service.PlaceOrderRequest {
	return service.PlaceOrderRequest{CustomerID: 1, RequestID: "big", Note: strings.Repeat("n", n),
		Items: []service.LineItem{{SKU: "A", Quantity: 1, UnitPriceCents: 1}}}
}

func serveCfg(svc service.Service) transports.ServeConfig {
	return transports.ServeConfig{Backend: transports.Backend{Service: svc}}
}

func dialCfg() transports.DialConfig { return transports.DialConfig{} }
