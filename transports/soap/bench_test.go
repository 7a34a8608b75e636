package soap

import (
	"testing"

	"github.com/intbench/intbench/service"
)

// BenchmarkCalls measures one call of each operation over loopback,
// client and server in this process.
func BenchmarkCalls(b *testing.B) {
	ds := service.MustGenerate(testSeed)
	srv, err := newServer(b.Context(), serveConfig(service.NewCore(service.NewMemoryStore(ds)), 0))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = srv.Close() })
	c, err := newClient(b.Context(), srv.Addr(), dialConfig())
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
	b.Run("ListOrders9", func(b *testing.B) {
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
}
