package faults

import (
	"errors"
	"io"
	"net"
	"syscall"
	"testing"
	"time"
)

// down closes open connections and makes the kernel refuse new ones; at
// the end the proxy listens on the same address again.
func TestDown(t *testing.T) {
	t.Parallel()
	srv := startServer(t, echo)
	p := startProxy(t, srv.addr, Options{})
	addr := p.Addr()
	open := dial(t, addr)
	timeRoundTrip(t, open, "warm")
	end := inject(t, p, "down")
	if err := readErr(open); err != io.EOF {
		t.Errorf("open connection: %v, want EOF", err)
	}
	if c, err := net.DialTimeout("tcp", addr, time.Second); !errors.Is(err, syscall.ECONNREFUSED) {
		if c != nil {
			_ = c.Close()
		}
		t.Fatalf("dial while down: %v, want ECONNREFUSED", err)
	}
	end()
	if p.Addr() != addr {
		t.Errorf("Addr changed from %s to %s", addr, p.Addr())
	}
	if err := roundTrip(dial(t, addr), []byte("up again"), 2*time.Second); err != nil {
		t.Fatal(err)
	}
}
