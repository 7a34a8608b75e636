package faults

import (
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"
)

// Each connection direction has its own stream, fixed by seed, ordinal
// and direction.
func TestStreamRand(t *testing.T) {
	t.Parallel()
	draw := func(seed, ord uint64, d dir) [4]uint64 {
		p := &Proxy{opts: Options{Seed: seed}}
		r := p.streamRand(ord, d)
		return [4]uint64{r.Uint64(), r.Uint64(), r.Uint64(), r.Uint64()}
	}
	base := draw(1, 1, up)
	if draw(1, 1, up) != base {
		t.Error("same seed, ordinal and direction drew differently")
	}
	for _, other := range [][4]uint64{draw(2, 1, up), draw(1, 2, up), draw(1, 1, down), draw(1, 0, 0)} {
		if other == base {
			t.Error("a different seed, ordinal or direction drew the same")
		}
	}
}

// The same seed and the same sequence of connections give the same
// sequence of fault decisions, through real proxies; another seed gives
// others.
func TestSameSeedSameFaults(t *testing.T) {
	t.Parallel()
	a, b, c := seededRun(t, 7), seededRun(t, 7), seededRun(t, 8)
	if len(a) != 6 { // 3 connections × 2 directions
		t.Fatalf("traced %d connection directions, want 6", len(a))
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("seed 7 twice:\n%v\n%v", a, b)
	}
	if reflect.DeepEqual(a, c) {
		t.Error("seeds 7 and 8 made the same decisions")
	}
}

// seededRun drives three connections, one after the other, through stall
// then jittered latency, and returns the decisions per connection
// direction.
func seededRun(t *testing.T, seed uint64) map[string][]string {
	srv := startServer(t, echo)
	var mu sync.Mutex
	got := map[string][]string{}
	p := startProxy(t, srv.addr, Options{Seed: seed, trace: func(ord uint64, d dir, delay time.Duration, kept bool) {
		mu.Lock()
		defer mu.Unlock()
		key := fmt.Sprintf("%d%s", ord, d)
		got[key] = append(got[key], fmt.Sprint(delay, kept))
	}})
	for i, spec := range []string{"stall:0.5:1ms", "stall:0.5:1ms", "latency:1ms:1ms"} {
		end := inject(t, p, spec)
		c := dial(t, p.Addr())
		for j := range 12 {
			timeRoundTrip(t, c, fmt.Sprintf("connection %d call %d", i, j))
		}
		_ = c.Close()
		end()
	}
	closeProxy(t, p)
	mu.Lock()
	defer mu.Unlock()
	return got
}
