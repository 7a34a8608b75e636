package pgstore

import (
	"context"
	"fmt"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/intbench/intbench/service"
)

func BenchmarkStore(b *testing.B) {
	ctx := context.Background()
	s := newStore(b)
	var seq atomic.Int64
	replays := replayIDs(b, s)
	ops := []struct {
		name string
		op   func() error
	}{
		{"Customer", func() error { _, err := s.Customer(ctx, 42); return err }},
		{"Orders/limit=10", func() error { _, err := s.Orders(ctx, 500, 0, 11); return err }},
		{"Orders/limit=1000", func() error { _, err := s.Orders(ctx, 1, 0, 1001); return err }},
		{"CreateOrder", func() error {
			o := newOrder(7, "bench", service.LineItem{SKU: "A", Quantity: 1, UnitPriceCents: 10}, service.LineItem{SKU: "B", Quantity: 2, UnitPriceCents: 20})
			_, _, _, err := s.CreateOrder(ctx, o, "bench-"+strconv.FormatInt(seq.Add(1), 10), []byte("fp"))
			return err
		}},
		{"ReplayOrder", func() error {
			o := newOrder(7, "bench", service.LineItem{SKU: "A", Quantity: 1, UnitPriceCents: 10})
			id := replays[seq.Add(1)%int64(len(replays))]
			_, _, created, err := s.CreateOrder(ctx, o, id, []byte("fp"))
			if err == nil && created {
				err = fmt.Errorf("replay of %s created an order", id)
			}
			return err
		}},
	}
	for _, op := range ops {
		b.Run(op.name, func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := op.op(); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}

// replayIDs creates orders under a few hundred request IDs for the replay
// benchmark: enough that parallel replays rarely meet on one row.
func replayIDs(b *testing.B, s *Store) []string {
	b.Helper()
	ids := make([]string, 256)
	for i := range ids {
		ids[i] = "replay-" + strconv.Itoa(i)
		o := newOrder(7, "bench", service.LineItem{SKU: "A", Quantity: 1, UnitPriceCents: 10})
		if _, _, _, err := s.CreateOrder(context.Background(), o, ids[i], []byte("fp")); err != nil {
			b.Fatal(err)
		}
	}
	return ids
}
