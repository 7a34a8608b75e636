package faults

import (
	"bytes"
	"math/rand/v2"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// timed runs fn and fails the test if it took more than limit: injecting
// and ending never wait for traffic.
func timed(t *testing.T, what string, limit time.Duration, fn func() error) {
	t.Helper()
	start := time.Now()
	if err := fn(); err != nil {
		t.Errorf("%s: %v", what, err)
	}
	if d := time.Since(start); d > limit {
		t.Errorf("%s took %v", what, d)
	}
}

// Faults of every kind injected, replaced and ended at random under
// traffic from several clients, with and without a network under them,
// never block, race or deadlock, and the hop is healthy afterwards.
func TestInjectUnderTraffic(t *testing.T) {
	t.Parallel()
	for _, spec := range []string{"none", "rtt=2ms,bw=100mbit,jitter=500us"} {
		t.Run("network="+spec, func(t *testing.T) {
			t.Parallel()
			injectUnderTraffic(t, network(t, spec))
		})
	}
}

func injectUnderTraffic(t *testing.T, n Network) {
	srv := startServer(t, echo)
	p := startProxy(t, srv.addr, Options{Seed: 1, DialTimeout: time.Second, Network: n})
	var all []Fault
	for _, spec := range []string{
		"none", "latency:1ms:1ms", "latency:3ms@up", "bandwidth:50mbit", "slicer:7",
		"slicer:100:100us@down", "blackhole", "blackhole@down", "reset", "reset@both",
		"reset@up", "down", "limit_data:1KiB", "slow_close:5ms", "stall:0.3:3ms",
		"flap:4ms:blackhole", "flap:3ms:down", "flap:5ms:rand:latency:2ms",
	} {
		f, err := Parse(spec)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, f)
	}
	stop := make(chan struct{})
	var calls atomic.Int64
	var wg sync.WaitGroup
	for range 6 {
		wg.Go(func() { chatter(p.Addr(), stop, &calls) })
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var ends []func() error
	for deadline := time.Now().Add(time.Second); time.Now().Before(deadline); {
		f := all[rng.IntN(len(all))]
		timed(t, "Inject "+f.String(), 200*time.Millisecond, func() (err error) {
			var end func() error
			end, err = p.Inject(f)
			ends = append(ends, end)
			return err
		})
		time.Sleep(time.Duration(rng.IntN(4000)) * time.Microsecond)
		if rng.IntN(2) == 0 {
			timed(t, "end "+f.String(), 200*time.Millisecond, ends[len(ends)-1])
		}
	}
	for _, end := range ends {
		timed(t, "end", 200*time.Millisecond, end)
	}
	close(stop)
	wg.Wait()
	if calls.Load() == 0 {
		t.Error("no call got through in a second of flapping faults")
	}
	if err := roundTrip(dial(t, p.Addr()), []byte("healthy"), 2*time.Second); err != nil {
		t.Fatal(err)
	}
}

// chatter makes echo calls, redialling whenever a fault breaks one, until
// stop is closed.
func chatter(addr string, stop <-chan struct{}, calls *atomic.Int64) {
	msg := bytes.Repeat([]byte("m"), 512)
	for {
		select {
		case <-stop:
			return
		default:
		}
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err != nil {
			time.Sleep(time.Millisecond)
			continue
		}
		for range 20 {
			if roundTrip(c, msg, 100*time.Millisecond) != nil {
				break
			}
			calls.Add(1)
		}
		_ = c.Close()
	}
}

// Injecting replaces the fault in force; the replaced fault's end is then
// a no-op that does not heal its successor. Injecting nil heals.
func TestInjectReplaces(t *testing.T) {
	t.Parallel()
	p, c := echoHop(t, Options{})
	endLatency := inject(t, p, "latency:500ms")
	inject(t, p, "blackhole")
	endLatency()
	if err := roundTrip(c, []byte("x"), 150*time.Millisecond); !isTimeout(err) {
		t.Fatalf("round trip after ending a replaced fault: %v, want blackhole's timeout", err)
	}
	end, err := p.Inject(nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := roundTrip(c, []byte("y"), 2*time.Second); err != nil {
		t.Fatal(err)
	}
	if err := end(); err != nil {
		t.Error(err)
	}
}
