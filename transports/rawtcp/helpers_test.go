package rawtcp

import (
	"context"
	"testing"
	"time"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// testSeed is a small data set for the package's own tests.
var testSeed = service.SeedConfig{Seed: 3, Customers: 20, OrdersPerCustomer: 3, HeavyCustomers: 1, HeavyOrders: 12}

// testTimeout bounds every call a test makes.
const testTimeout = 10 * time.Second

// startServer serves an in-memory backend with the given body limit (0 for
// the default); it is closed when t ends.
func startServer(t testing.TB, maxBody int64) *server {
	t.Helper()
	core := service.NewCore(service.NewMemoryStore(service.MustGenerate(testSeed)))
	srv, err := newServer(context.Background(), transports.ServeConfig{Limits: transports.Limits{MaxBodyBytes: maxBody}, Backend: transports.Backend{Service: core}})
	if err != nil {
		t.Fatalf("serve: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("close server: %v", err)
		}
	})
	return srv
}

// dialClient returns a client of srv, closed when t ends.
func dialClient(t testing.TB, addr string, cfg transports.DialConfig) *Client {
	t.Helper()
	cl, err := newClient(context.Background(), addr, cfg)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { cl.Close() })
	return cl
}

func ctxT(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	t.Cleanup(cancel)
	return ctx
}
