package rawtcp

import (
	"context"
	"testing"

	"github.com/intbench/intbench/internal/netx"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// BenchmarkGetCustomer measures one small read over loopback against an
// in-process server; allocations count both sides.
func BenchmarkGetCustomer(b *testing.B) {
	srv := startServer(b, 0)
	cl := dialClient(b, srv.Addr(), transports.DialConfig{})
	ctx := context.Background()
	b.Run("serial", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := cl.GetCustomer(ctx, 1); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("deadline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ctx, cancel := context.WithTimeout(ctx, testTimeout)
			_, err := cl.GetCustomer(ctx, 1)
			cancel()
			if err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("hardened", func(b *testing.B) {
		cfg, err := transports.LookupProfile(transports.ProfileHardened)
		if err != nil {
			b.Fatal(err)
		}
		hc := netx.Harden(cl, cfg) // a call deadline of its own, retries
		b.ReportAllocs()
		for b.Loop() {
			if _, err := hc.GetCustomer(ctx, 1); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("parallel", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := cl.GetCustomer(ctx, 1); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}

// BenchmarkListOrders measures a page of 100 orders.
func BenchmarkListOrders(b *testing.B) {
	srv := startServer(b, 0)
	cl := dialClient(b, srv.Addr(), transports.DialConfig{})
	ctx := context.Background()
	req := service.ListOrdersRequest{CustomerID: 1, Limit: 100}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := cl.ListOrders(ctx, req); err != nil {
			b.Fatal(err)
		}
	}
}
