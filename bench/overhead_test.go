package bench_test

import (
	"context"
	"testing"
	"time"

	"github.com/intbench/intbench/bench"
	"github.com/intbench/intbench/scenarios"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

func getCustomer(tb testing.TB) scenarios.Scenario {
	sc, err := scenarios.Lookup("get-customer")
	if err != nil {
		tb.Fatal(err)
	}
	return sc
}

// handLoop is the minimal loop a person would write: the same calls, the
// same random customers, no timing, no recording, no deadline. With
// cancellable set, its context can be cancelled like the engine's (and like
// any production caller's): some clients then do extra work per call
// (context.AfterFunc to abort a blocked read), which is the client's cost,
// not the driver's.
func handLoop(b *testing.B, svc service.Service, cancellable bool) {
	w := scenarios.NewWorker(getCustomer(b), service.DefaultSeed(), 1, 0, "hand")
	ctx := context.Background()
	if cancellable {
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(ctx)
		defer cancel()
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := w.Call(ctx, svc, w.Next()); err != nil {
			b.Fatal(err)
		}
	}
}

func engineLoop(b *testing.B, svc service.Service) {
	run, err := bench.Drive(context.Background(), bench.Plan{}, svc, getCustomer(b), 1, bench.Window{Warmup: time.Millisecond, Calls: int64(b.N)})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ReportMetric(float64(time.Duration(run.Window))/float64(run.Calls), "ns/op")
	b.ReportMetric(run.Cost.AllocsPerCall, "allocs/op")
	b.ReportMetric(run.Cost.BytesPerCall, "B/op")
}

// BenchmarkDriverOverhead compares the engine's loop with a hand-written
// one over a service that does nothing: the difference in ns/op is the
// driver's own cost per call (pacing, deadline guard, timing, recording).
func BenchmarkDriverOverhead(b *testing.B) {
	b.Run("loop=hand", func(b *testing.B) { handLoop(b, bench.NopService{}, false) })
	b.Run("loop=engine", func(b *testing.B) { engineLoop(b, bench.NopService{}) })
}

// BenchmarkClientOverhead does the same over the cheapest real pattern
// (rawtcp, in process over loopback), so the driver's cost can be read as a
// share of a real call.
func BenchmarkClientOverhead(b *testing.B) {
	tr, err := transports.Lookup("rawtcp")
	if err != nil {
		b.Skip(err)
	}
	s := openSession(b, tr.Name())
	client, err := tr.Dial(context.Background(), s.Served().Addr, transports.DialConfig{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = client.Close() })
	b.Run("transport=rawtcp/loop=hand", func(b *testing.B) { handLoop(b, client, false) })
	b.Run("transport=rawtcp/loop=hand-cancellable", func(b *testing.B) { handLoop(b, client, true) })
	b.Run("transport=rawtcp/loop=engine", func(b *testing.B) { engineLoop(b, client) })
}
