package faults

import (
	"io"
	"net"
	"testing"
	"time"
)

// blackhole@down swallows responses on open and new connections, which
// stay open while requests still reach the server; after the end both
// carry traffic again and the swallowed bytes never arrive.
func TestBlackhole(t *testing.T) {
	t.Parallel()
	p, open := echoHop(t, Options{})
	end := inject(t, p, "blackhole@down")
	conns := []net.Conn{open, dial(t, p.Addr())}
	for _, c := range conns {
		if err := roundTrip(c, []byte("lost"), 150*time.Millisecond); !isTimeout(err) {
			t.Fatalf("round trip under blackhole: %v, want a timeout", err)
		}
	}
	if s := p.Stats(); s.BytesUp != 12 || s.BytesDown != 4 {
		t.Errorf("Stats = %+v, want 12 bytes up (requests pass), 4 down", s)
	}
	end()
	for _, c := range conns {
		if err := roundTrip(c, []byte("back"), 2*time.Second); err != nil {
			t.Fatalf("after the end: %v", err)
		}
	}
}

// A close is held, not swallowed: the server sees the client's FIN only
// when the blackhole ends, and then answers it with its own.
func TestBlackholeHoldsClose(t *testing.T) {
	t.Parallel()
	p, c := echoHop(t, Options{})
	end := inject(t, p, "blackhole")
	if err := c.CloseWrite(); err != nil {
		t.Fatal(err)
	}
	_ = c.SetReadDeadline(time.Now().Add(150 * time.Millisecond))
	if _, err := c.Read(make([]byte, 1)); !isTimeout(err) {
		t.Fatalf("read under blackhole after a half-close: %v, want a timeout", err)
	}
	end()
	_ = c.SetReadDeadline(time.Now().Add(2 * time.Second))
	if _, err := c.Read(make([]byte, 1)); err != io.EOF {
		t.Fatalf("read after the end: %v, want EOF", err)
	}
}
