package soapkit_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// testSeed is a small data set for the kit's own tests.
var testSeed = service.SeedConfig{Seed: 5, Customers: 10, OrdersPerCustomer: 3, HeavyCustomers: 1, HeavyOrders: 12}

// v1WSDL is the v1 side's WSDL, whose contract is the kit's default.
func v1WSDL(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "transports", "soap", "wsdl", "orders.wsdl"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// serveSide serves side over a fresh in-memory store of testSeed (svc
// wraps it when not nil) until t ends.
func serveSide(t *testing.T, side evolution.Side, wrap func(service.Service) service.Service) transports.Server {
	t.Helper()
	var svc service.Service = service.NewCore(service.NewMemoryStore(service.MustGenerate(testSeed)))
	if wrap != nil {
		svc = wrap(svc)
	}
	srv, err := side.Serve(testCtx(t), transports.ServeConfig{Backend: transports.Backend{Service: svc}})
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

// dialSide dials srv with side's client until t ends.
func dialSide(t *testing.T, side evolution.Side, srv transports.Server) evolution.Client {
	t.Helper()
	c, err := side.Dial(testCtx(t), srv.Addr())
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// step is one call and what it gave.
type step struct {
	rec evolution.Record
	err error
}

// operate makes the matrix's kind of calls: two reads, a page, a write
// and a read that fails; created-at times of the write are left out.
func operate(t *testing.T, c evolution.Client) []step {
	ctx := testCtx(t)
	var out []step
	add := func(r evolution.Record, err error) { out = append(out, step{r, err}) }
	add(c.GetCustomer(ctx, 1))
	add(c.GetCustomer(ctx, 3))
	add(c.ListOrders(ctx, 1, 10))
	rec, err := c.PlaceOrder(ctx, service.PlaceOrderRequest{CustomerID: 3, Note: "kit <&>", RequestID: "kit-1",
		Items: []service.LineItem{{SKU: "A", Quantity: 2, UnitPriceCents: 150}, {SKU: "B", Quantity: 1, UnitPriceCents: 99}}})
	for k := range rec {
		if strings.HasSuffix(k, "CreatedAt") {
			delete(rec, k)
		}
	}
	add(rec, err)
	add(c.GetCustomer(ctx, 999_999))
	return out
}
