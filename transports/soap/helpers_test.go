package soap

import (
	"context"
	"testing"
	"time"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// testSeed is a small data set for this package's own tests.
var testSeed = service.SeedConfig{Seed: 3, Customers: 20, OrdersPerCustomer: 2, HeavyCustomers: 1, HeavyOrders: 9}

// startServer serves a fresh in-memory backend with the given body limit
// (0 for the default); it is closed when t ends.
func startServer(t *testing.T, maxBody int64) (*Server, service.Dataset) {
	t.Helper()
	ds := service.MustGenerate(testSeed)
	core := service.NewCore(service.NewMemoryStore(ds))
	srv, err := newServer(testCtx(t), transports.ServeConfig{Limits: transports.Limits{MaxBodyBytes: maxBody}, Backend: transports.Backend{Service: core}})
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

// dial returns a client of srv, closed when t ends.
func dial(t *testing.T, srv *Server) *Client {
	t.Helper()
	c, err := newClient(testCtx(t), srv.Addr(), transports.DialConfig{})
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

func serveConfig(svc service.Service, maxBody int64) transports.ServeConfig {
	return transports.ServeConfig{Limits: transports.Limits{MaxBodyBytes: maxBody}, Backend: transports.Backend{Service: svc}}
}

func dialConfig() transports.DialConfig { return transports.DialConfig{} }
