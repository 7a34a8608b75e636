package rest

import (
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// BenchmarkCalls measures one call of each operation over loopback, client
// and server in this process.
func BenchmarkCalls(b *testing.B) {
	ds := service.MustGenerate(testSeed)
	srv, err := newServer(b.Context(), transports.ServeConfig{Backend: transports.Backend{Service: service.NewCore(service.NewMemoryStore(ds))}})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = srv.Close() })
	c, err := newClient(b.Context(), srv.Addr(), transports.DialConfig{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = c.Close() })
	b.Run("GetCustomer", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := c.GetCustomer(b.Context(), 3); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
	b.Run("ListOrders45", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := c.ListOrders(b.Context(), service.ListOrdersRequest{CustomerID: 1, Limit: 100}); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
	var seq atomic.Int64
	b.Run("PlaceOrder", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				req := service.PlaceOrderRequest{CustomerID: 7, RequestID: "b-" + strconv.FormatInt(seq.Add(1), 10),
					Items: []service.LineItem{{SKU: "A", Quantity: 1, UnitPriceCents: 5}, {SKU: "B", Quantity: 2, UnitPriceCents: 7}}, Note: "leave at the door"}
				if _, err := c.PlaceOrder(b.Context(), req); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}
