package addrequiredinput

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/grpckit"
	"github.com/intbench/intbench/evolution/sharedkit"
	"github.com/intbench/intbench/evolution/sharedkit/sharedkittest"
	"github.com/intbench/intbench/evolution/soapkit"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// Every v2 side echoes the currency: a v2 client's placed order, from
// its own v2 server, carries evolution.Currency, which is what the silent
// cells compare a v1 server's answer with (REST's and shareddb's v2
// clients cannot place an order on v1 at all, so only this test shows
// their echo). Listed orders carry no currency: only PlaceOrder echoes.
func TestEcho(t *testing.T) {
	grpcSide, err := grpckit.Side(grpcContract)
	if err != nil {
		t.Fatal(err)
	}
	memory := func(t *testing.T) transports.Backend {
		return transports.Backend{Service: service.NewCore(service.NewMemoryStore(service.MustGenerate(evolution.Seed)))}
	}
	migrated := func(t *testing.T) transports.Backend {
		url, _ := sharedkittest.Database(t, sharedkittest.Cluster(t), migration)
		return transports.Backend{DSN: url}
	}
	tests := []struct {
		pattern string
		side    evolution.Side
		backend func(*testing.T) transports.Backend
		field   string
	}{
		{"grpc", grpcSide, memory, "order.currency"},
		{"thrift", thriftV2, memory, "order.Currency"},
		{"soap", soapkit.Side(soapContract), memory, "order.Currency"},
		{"rest", restV2, memory, "order.Currency"},
		{"shareddb", sharedkit.Side(dbSchema()), migrated, "order.Currency"},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			srv, err := tt.side.Serve(ctx, transports.ServeConfig{Backend: tt.backend(t)})
			if err != nil {
				t.Fatal(err)
			}
			defer srv.Close()
			c, err := tt.side.Dial(ctx, srv.Addr())
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			placed, err := c.PlaceOrder(ctx, service.PlaceOrderRequest{CustomerID: 3, RequestID: "echo-1",
				Items: []service.LineItem{{SKU: "SKU-00001", Quantity: 1, UnitPriceCents: 100}}})
			if err != nil || placed[tt.field] != evolution.Currency {
				t.Fatalf("placed order: %s = %q (%v), want %q", tt.field, placed[tt.field], err, evolution.Currency)
			}
			page, err := c.ListOrders(ctx, 3, 10)
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range page {
				if strings.Contains(strings.ToLower(k), "currency") && v != "" && v != "<nil>" {
					t.Errorf("listed order: %s = %q, want none", k, v)
				}
			}
		})
	}
}
