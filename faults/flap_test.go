package faults

import (
	"net"
	"testing"
	"time"
)

// The schedule: faulty while floor((t+phase)/period) is even.
func TestFlapSchedule(t *testing.T) {
	t.Parallel()
	const ms = time.Millisecond
	f := flap{period: 100 * ms}
	for _, tc := range []struct {
		phase, t, next time.Duration
		on             bool
	}{
		{0, 0, 100 * ms, true},
		{0, 99 * ms, 100 * ms, true},
		{0, 100 * ms, 200 * ms, false},
		{0, 250 * ms, 300 * ms, true},
		{100 * ms, 0, 100 * ms, false},
		{150 * ms, 0, 50 * ms, false},
		{150 * ms, 60 * ms, 150 * ms, true},
	} {
		on, next := f.faulty(tc.t, tc.phase)
		if on != tc.on || next != tc.next {
			t.Errorf("phase %v, t %v: on %v, next %v; want %v, %v", tc.phase, tc.t, on, next, tc.on, tc.next)
		}
	}
}

// flap:150ms:down refuses, then accepts, then refuses again, and accepts
// for good at the end.
func TestFlap(t *testing.T) {
	t.Parallel()
	srv := startServer(t, echo)
	p := startProxy(t, srv.addr, Options{})
	end := inject(t, p, "flap:150ms:down")
	var seen []bool // whether each dial got through
	for start := time.Now(); time.Since(start) < 650*time.Millisecond; time.Sleep(10 * time.Millisecond) {
		c, err := net.DialTimeout("tcp", p.Addr(), time.Second)
		if err == nil {
			_ = c.Close()
		}
		seen = append(seen, err == nil)
	}
	end()
	changes := 0
	for i := 1; i < len(seen); i++ {
		if seen[i] != seen[i-1] {
			changes++
		}
	}
	if seen[0] || changes < 2 {
		t.Errorf("dials through a flapping proxy: %v; want refused first, then at least two changes", seen)
	}
	if err := roundTrip(dial(t, p.Addr()), []byte("steady"), 2*time.Second); err != nil {
		t.Fatal(err)
	}
}

// A phase of one period starts healthy; the direction reaches the inner
// fault.
func TestFlapPhase(t *testing.T) {
	t.Parallel()
	p, c := echoHop(t, Options{})
	inject(t, p, "flap:300ms:300ms:blackhole@down")
	if err := roundTrip(c, []byte("early"), 250*time.Millisecond); err != nil {
		t.Fatalf("round trip in the healthy first phase: %v", err)
	}
}
