package bench_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/intbench/intbench/bench"
	"github.com/intbench/intbench/results"
	"github.com/intbench/intbench/scenarios"
	"github.com/intbench/intbench/transports"
	_ "github.com/intbench/intbench/transports/all"
)

var (
	benchConc    = flag.Int("intbench.concurrency", 1, "workers per benchmark cell")
	benchBackend = flag.String("intbench.backend", "memory", "backend of the benchmark matrix (shareddb always uses postgres)")
)

var unitOnce sync.Once

// BenchmarkMatrix runs every registered pattern on the standard scenarios,
// in this process (client and server share CPU and garbage collector; the
// CLI's "intbench run" separates them). Sub-benchmarks are named with
// key=value parts so that `benchstat -col /transport` puts the patterns side
// by side. ns/op, B/op and allocs/op are measured over the engine's window
// only, and count client and server together (one process); wire-B/op is
// the exact bytes of one steady call from the isolated probe, and ctl-B/op
// the HTTP/2 control frames (pings, window updates) that come and go
// between calls, which are not exact and not in wire-B/op.
func BenchmarkMatrix(b *testing.B) {
	unitOnce.Do(func() {
		// benchfmt metadata: unit declarations and configuration lines
		// that benchstat carries along with the results, written by the
		// same code as the CLI's benchfmt reports.
		_ = results.WriteBenchHeader(os.Stdout, []results.BenchConfig{
			{Key: "server", Value: "in-process"},
			{Key: "allocs", Value: "client+driver+server (one process)"},
			{Key: "backend", Value: *benchBackend},
			{Key: "workers", Value: fmt.Sprint(*benchConc)},
		})
	})
	for _, name := range transports.Names() {
		b.Run(results.BenchPart("transport", name), func(b *testing.B) {
			s := openSession(b, name)
			for _, scName := range scenarios.Standard {
				sc, err := scenarios.Lookup(scName)
				if err != nil {
					b.Fatal(err)
				}
				probe, err := s.Probe(context.Background(), sc)
				if err != nil {
					b.Fatalf("probe: %v", err)
				}
				b.Run(results.BenchPart("scenario", scName), func(b *testing.B) { benchCell(b, s, sc, probe) })
			}
		})
	}
}

func openSession(b testing.TB, name string) *bench.Session {
	b.Helper()
	backend := *benchBackend
	tr, err := transports.Lookup(name)
	if err != nil {
		b.Fatal(err)
	}
	if transports.NeedsPostgres(tr) {
		backend = "postgres"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s, err := bench.Open(ctx, bench.Plan{Transports: []string{name}, Scenarios: []scenarios.Scenario{{Name: "x", Steps: []scenarios.Step{{Op: scenarios.GetCustomer, Weight: 1}}}}, Backend: backend}, name)
	if err != nil {
		b.Fatalf("serve %s: %v", name, err)
	}
	b.Cleanup(func() {
		if err := s.Close(); err != nil {
			b.Errorf("close %s: %v", name, err)
		}
	})
	return s
}

func benchCell(b *testing.B, s *bench.Session, sc scenarios.Scenario, probe map[string]results.OpProbe) {
	win := bench.Window{Warmup: 20 * time.Millisecond, Calls: int64(b.N)}
	run, _, err := s.Measure(context.Background(), sc, *benchConc, 0, win)
	if err != nil {
		b.Fatal(err)
	}
	report(b, run, sc, probe)
}

// report replaces the testing package's whole-function figures with the
// engine's window figures and adds the latency, wire and error metrics:
// the same metrics, in the same units, as the CLI's benchfmt reports.
func report(b *testing.B, run results.Run, sc scenarios.Scenario, probe map[string]results.OpProbe) {
	b.ReportAllocs() // print B/op and allocs/op: the values below replace testing's
	mix := make([]results.OpWeight, len(sc.Steps))
	for i, st := range sc.Steps {
		mix[i] = results.OpWeight{Op: string(st.Op), Weight: float64(st.Weight)}
	}
	exact, ok := results.MixProbe(probe, mix)
	for _, m := range results.BenchMetrics(run, exact, ok) {
		b.ReportMetric(m.Value, m.Unit)
	}
}
