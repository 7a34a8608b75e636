package faults

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// network parses spec for a test.
func network(t testing.TB, spec string) Network {
	t.Helper()
	n, err := ParseNetwork(spec)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// fastest times n round trips on c and returns the fastest: a lower bound
// on it holds for every one, and an upper bound on it tolerates another
// process stalling any one of them.
func fastest(t *testing.T, c net.Conn, n int) time.Duration {
	t.Helper()
	best := time.Hour
	for i := range n {
		best = min(best, timeRoundTrip(t, c, fmt.Sprint("ping", i)))
	}
	return best
}

// A round trip over a network takes its RTT, on top of the loopback's;
// none adds nothing.
func TestNetworkRoundTrip(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		spec     string
		min, max time.Duration
	}{
		{"none", 0, 20 * time.Millisecond},
		{"rtt=40ms", 40 * time.Millisecond, 200 * time.Millisecond},
		{"rtt=40ms,bw=50mbit,jitter=5ms", 30 * time.Millisecond, 200 * time.Millisecond},
	} {
		t.Run(tc.spec, func(t *testing.T) {
			t.Parallel()
			_, c := echoHop(t, Options{Network: network(t, tc.spec)})
			if rtt := fastest(t, c, 3); rtt < tc.min || rtt > tc.max {
				t.Errorf("fastest of 3 round trips %v, want %v to %v", rtt, tc.min, tc.max)
			}
		})
	}
}

// Short delays are kept to tens of microseconds, where a time.Timer in an
// idle runtime rounds each wait under a millisecond up to one: over
// rtt=1ms, round trips take at least 1 ms, and the fastest of 21 less than
// 1.6 ms (Timers would make it 2 ms).
func TestNetworkPrecise(t *testing.T) {
	t.Parallel()
	_, c := echoHop(t, Options{Network: network(t, "rtt=1ms")})
	if rtt := fastest(t, c, 21); rtt < time.Millisecond || rtt > 1600*time.Microsecond {
		t.Errorf("fastest of 21 round trips over rtt=1ms: %v, want 1ms to 1.6ms", rtt)
	}
}

// A new connection's first round trip also pays for TCP's handshake: two
// round trips in all.
func TestNetworkHandshake(t *testing.T) {
	t.Parallel()
	srv := startServer(t, echo)
	p := startProxy(t, srv.addr, Options{Network: network(t, "rtt=40ms")})
	start := time.Now()
	c := dial(t, p.Addr())
	timeRoundTrip(t, c, "hello")
	if d := time.Since(start); d < 80*time.Millisecond || d > 400*time.Millisecond {
		t.Errorf("dial and first round trip took %v, want about 80ms", d)
	}
}

// Bandwidth is a link's: each byte waits its turn, 8 bit per byte at the
// rate, and the directions are separate links, so an echo of 256 KiB at
// 8 Mbit/s takes the time of one direction, 262 ms; bytes stay in order.
func TestNetworkBandwidth(t *testing.T) {
	t.Parallel()
	_, c := echoHop(t, Options{Network: network(t, "bw=8mbit")})
	msg := make([]byte, 256<<10)
	for i := range msg {
		msg[i] = byte(i * 7 / 256)
	}
	start := time.Now()
	go func() { _, _ = c.Write(msg) }()
	got := make([]byte, len(msg))
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.ReadFull(c, got); err != nil || !bytes.Equal(got, msg) {
		t.Fatalf("read back: %v (intact: %v)", err, bytes.Equal(got, msg))
	}
	if d := time.Since(start); d < 250*time.Millisecond || d > 2*time.Second {
		t.Errorf("256 KiB echoed at 8mbit in %v, want about 262ms", d)
	}
}

// A body of 1 MiB over 20 Mbit/s arrives 0.42 s after its first byte was
// sent, plus the one-way delay: a request and its reply over
// rtt=40ms,bw=20mbit take at least 459 ms.
func TestNetworkTransfer(t *testing.T) {
	t.Parallel()
	body := bytes.Repeat([]byte("0123456789abcdef"), 1<<16)
	srv := startServer(t, func(c net.Conn) {
		defer c.Close()
		if _, err := c.Read(make([]byte, 1)); err == nil {
			_, _ = c.Write(body)
		}
	})
	p := startProxy(t, srv.addr, Options{Network: network(t, "rtt=40ms,bw=20mbit")})
	c := dial(t, p.Addr())
	time.Sleep(60 * time.Millisecond) // past the handshake
	start := time.Now()
	if _, err := c.Write([]byte("?")); err != nil {
		t.Fatal(err)
	}
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	got, err := io.ReadAll(c)
	if err != nil || !bytes.Equal(got, body) {
		t.Fatalf("read %d bytes, %v; want the 1 MiB body intact, EOF", len(got), err)
	}
	if d := time.Since(start); d < 459*time.Millisecond || d > 2*time.Second {
		t.Errorf("1 MiB over rtt=40ms,bw=20mbit took %v, want about 460ms", d)
	}
}

// Jitter never reorders bytes.
func TestNetworkJitterKeepsOrder(t *testing.T) {
	t.Parallel()
	_, c := echoHop(t, Options{Seed: 5, Network: network(t, "rtt=20ms,jitter=10ms")})
	var want strings.Builder
	done := make(chan error, 1)
	go func() {
		for i := range 200 {
			msg := fmt.Sprintf("<%d>", i)
			want.WriteString(msg)
			if _, err := io.WriteString(c, msg); err != nil {
				done <- err
				return
			}
			time.Sleep(100 * time.Microsecond)
		}
		done <- c.CloseWrite()
	}()
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	got, err := io.ReadAll(c)
	if werr := <-done; werr != nil {
		t.Fatal(werr)
	}
	if err != nil || string(got) != want.String() {
		t.Fatalf("read %d bytes (%v), want the %d bytes written, in order", len(got), err, want.Len())
	}
}

// Jitter is drawn from a stream of the seed, the connection and the
// direction: the same seed gives the same delays, another seed others, and
// each stays within RTT/2 ± jitter.
func TestNetworkJitterSeeded(t *testing.T) {
	t.Parallel()
	n := network(t, "rtt=20ms,jitter=5ms")
	at := time.Now()
	delays := func(seed uint64, d dir) []time.Duration {
		l := &link{p: &Proxy{opts: Options{Seed: seed, Network: n}}, ord: 1}
		s := newWire(&pipe{l: l, d: d}, n)
		var out []time.Duration
		for i := range 8 {
			c := chunk{at: at.Add(time.Duration(i) * time.Second)}
			s.stamp(&c)
			out = append(out, c.due.Sub(c.at))
		}
		return out
	}
	a := delays(1, up)
	for _, d := range a {
		if d < 5*time.Millisecond || d > 15*time.Millisecond {
			t.Errorf("one-way delay %v, want 10ms ± 5ms", d)
		}
	}
	if !slices.Equal(a, delays(1, up)) {
		t.Error("the same seed drew different delays")
	}
	if slices.Equal(a, delays(2, up)) || slices.Equal(a, delays(1, down)) {
		t.Error("another seed or direction drew the same delays")
	}
	p := &Proxy{opts: Options{Seed: 1}}
	if p.netRand(1, up).Uint64() == p.streamRand(1, up).Uint64() {
		t.Error("the network's jitter draws from the faults' stream")
	}
}

// A fault acts on top of the network, and when it ends the network
// remains: latency adds to the network's delay, blackhole swallows, a
// bandwidth fault below the network's rate sets the pace.
func TestFaultOnNetwork(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		spec   string
		during func(t *testing.T, c net.Conn)
	}{
		{"latency:50ms", func(t *testing.T, c net.Conn) {
			if rtt := timeRoundTrip(t, c, "slow"); rtt < 140*time.Millisecond || rtt > 700*time.Millisecond {
				t.Errorf("round trip %v under rtt=40ms and latency:50ms, want about 140ms", rtt)
			}
		}},
		{"blackhole", func(t *testing.T, c net.Conn) {
			if err := roundTrip(c, []byte("lost"), 150*time.Millisecond); !isTimeout(err) {
				t.Errorf("round trip under blackhole: %v, want a timeout", err)
			}
		}},
		{"bandwidth:4mbit@down", func(t *testing.T, c net.Conn) {
			msg := bytes.Repeat([]byte("abcdefghij"), 10_000)
			start := time.Now()
			if err := roundTrip(c, msg, 5*time.Second); err != nil {
				t.Fatal(err)
			}
			if d := time.Since(start); d < 240*time.Millisecond || d > 3*time.Second {
				t.Errorf("100 kB at 4mbit over rtt=40ms took %v, want about 240ms", d)
			}
		}},
	} {
		t.Run(tc.spec, func(t *testing.T) {
			t.Parallel()
			p, c := echoHop(t, Options{Network: network(t, "rtt=40ms")})
			end := inject(t, p, tc.spec)
			tc.during(t, c)
			end()
			if rtt := fastest(t, c, 3); rtt < 40*time.Millisecond || rtt > 120*time.Millisecond {
				t.Errorf("fastest of 3 round trips %v after the fault ended, want about 40ms", rtt)
			}
		})
	}
}

// reset under a network still sends a RST on an open connection at once,
// and down still closes open connections and refuses new ones.
func TestNetworkResetAndDown(t *testing.T) {
	t.Parallel()
	t.Run("reset", func(t *testing.T) {
		t.Parallel()
		p, c := echoHop(t, Options{Network: network(t, "wan")})
		got := make(chan error, 1)
		go func() { got <- readErr(c) }()
		time.Sleep(20 * time.Millisecond) // let the client block in Read
		inject(t, p, "reset")
		if err := <-got; !errors.Is(err, syscall.ECONNRESET) {
			t.Errorf("client read: %v, want ECONNRESET", err)
		}
	})
	t.Run("down", func(t *testing.T) {
		t.Parallel()
		p, c := echoHop(t, Options{Network: network(t, "wan")})
		end := inject(t, p, "down")
		if err := readErr(c); err != io.EOF {
			t.Errorf("open connection: %v, want EOF", err)
		}
		if c, err := net.DialTimeout("tcp", p.Addr(), time.Second); !errors.Is(err, syscall.ECONNREFUSED) {
			if c != nil {
				_ = c.Close()
			}
			t.Fatalf("dial while down: %v, want ECONNREFUSED", err)
		}
		end()
		c = dial(t, p.Addr())
		timeRoundTrip(t, c, "back")
		if rtt := timeRoundTrip(t, c, "again"); rtt < 20*time.Millisecond {
			t.Errorf("round trip %v after down ended, want wan's 20ms", rtt)
		}
	})
}
