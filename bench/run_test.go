package bench

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/intbench/intbench/scenarios"
	"github.com/intbench/intbench/transports"
	_ "github.com/intbench/intbench/transports/rawtcp"
	_ "github.com/intbench/intbench/transports/rest"
)

// recordingLauncher serves in process and remembers what it launched.
type recordingLauncher struct {
	mu       sync.Mutex
	launched []string
	urls     []string
}

func (r *recordingLauncher) Launch(ctx context.Context, tr transports.Transport, spec ServeSpec) (*Served, error) {
	r.mu.Lock()
	r.launched = append(r.launched, tr.Name())
	r.urls = append(r.urls, spec.DatabaseURL)
	r.mu.Unlock()
	return InProcess{}.Launch(ctx, tr, spec)
}

// Repetitions run in blocks: each block serves every pattern afresh, in
// an order shuffled with the seed, and measures one repetition of each of
// its cells; so drift spreads over all patterns, and no block reads the
// rows another wrote (postgres: a fresh database per block).
func TestRepetitionsAreInterleavedInBlocks(t *testing.T) {
	for _, backend := range []string{BackendMemory, BackendPostgres} {
		t.Run(backend, func(t *testing.T) {
			sc, _ := scenarios.Lookup("place-order")
			l := &recordingLauncher{}
			p := Plan{Transports: []string{"rawtcp", "rest"}, Scenarios: []scenarios.Scenario{sc}, Concurrency: []int{1, 2},
				Backend: backend, Duration: 30 * time.Millisecond, Count: 3, Launcher: l}
			p.Defaults()
			doc, err := Run(context.Background(), p, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Failures) > 0 {
				t.Fatalf("failures: %+v", doc.Failures)
			}
			var want []string
			for b := range 3 {
				want = append(want, blockOrder(p.Transports, p.Seed.Seed, b)...)
			}
			if !slices.Equal(l.launched, want) {
				t.Fatalf("launched %v, want the seeded block order %v", l.launched, want)
			}
			for _, c := range doc.Cells {
				var blocks []int
				for _, r := range c.Runs {
					blocks = append(blocks, r.Block)
				}
				if !slices.Equal(blocks, []int{0, 1, 2}) {
					t.Errorf("%s: runs from blocks %v, want one per block", c.Key, blocks)
				}
			}
			if backend == BackendPostgres {
				seen := map[string]bool{}
				for _, u := range l.urls {
					if u == "" || seen[u] {
						t.Fatalf("database URLs %v: want a fresh database per launch", l.urls)
					}
					seen[u] = true
				}
			}
		})
	}
}

// Some seed must reorder the patterns between blocks, or the order is not
// shuffled at all.
func TestBlockOrderIsShuffledAndRepeatable(t *testing.T) {
	names := []string{"shareddb", "soap", "rest", "thrift", "grpc", "rawtcp"}
	if !slices.Equal(blockOrder(names, 1, 0), blockOrder(names, 1, 0)) {
		t.Fatal("the same seed and block gave two orders")
	}
	differ := false
	for b := 1; b < 5; b++ {
		differ = differ || !slices.Equal(blockOrder(names, 1, 0), blockOrder(names, 1, b))
	}
	if !differ {
		t.Fatal("five blocks all served the patterns in the same order")
	}
}

// Zero warm-up means none, not the default.
func TestZeroWarmupIsKept(t *testing.T) {
	p := Plan{Warmup: 0}
	p.Defaults()
	if p.Warmup != 0 {
		t.Fatalf("warm-up %v after Defaults, want 0", p.Warmup)
	}
}
