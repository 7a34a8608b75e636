package thrift

import (
	"context"
	"testing"

	"github.com/intbench/intbench/service"
)

func BenchmarkCalls(b *testing.B) {
	ds := service.MustGenerate(testSeed)
	for _, p := range protocols {
		b.Run(p.String(), func(b *testing.B) {
			svc := service.NewCore(service.NewMemoryStore(ds))
			srv, err := newServer(context.Background(), p, serveCfg(svc))
			if err != nil {
				b.Fatal(err)
			}
			defer srv.Close()
			c, err := newClient(context.Background(), p, srv.Addr(), dialCfg())
			if err != nil {
				b.Fatal(err)
			}
			defer c.Close()
			b.Run("GetCustomer", func(b *testing.B) {
				b.ReportAllocs()
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						if _, err := c.GetCustomer(context.Background(), 1); err != nil {
							b.Error(err)
							return
						}
					}
				})
			})
			b.Run("ListOrders100", func(b *testing.B) {
				b.ReportAllocs()
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						if _, err := c.ListOrders(context.Background(), service.ListOrdersRequest{CustomerID: 1, Limit: 100}); err != nil {
							b.Error(err)
							return
						}
					}
				})
			})
		})
	}
}
