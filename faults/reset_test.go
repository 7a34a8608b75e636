package faults

import (
	"errors"
	"io"
	"net"
	"syscall"
	"testing"
	"time"
)

// readErr returns the error ending a Read on c, blocking up to 2 s.
func readErr(c net.Conn) error {
	_ = c.SetReadDeadline(time.Now().Add(2 * time.Second))
	for {
		if _, err := c.Read(make([]byte, 64)); err != nil {
			return err
		}
	}
}

// reset sends a true RST to the peer its direction names, on a connection
// open at injection and blocked in Read, and a FIN to the other.
func TestResetOpen(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		spec           string
		client, server error
		resets         uint64
	}{
		{"reset", syscall.ECONNRESET, io.EOF, 1},
		{"reset@up", io.EOF, syscall.ECONNRESET, 1},
		{"reset@both", syscall.ECONNRESET, syscall.ECONNRESET, 2},
	} {
		t.Run(tc.spec, func(t *testing.T) {
			t.Parallel()
			serverErr := make(chan error, 1)
			srv := startServer(t, func(c net.Conn) {
				defer c.Close()
				_, _ = c.Write([]byte("hello"))
				serverErr <- readErr(c)
			})
			p := startProxy(t, srv.addr, Options{})
			c := dial(t, p.Addr())
			if _, err := io.ReadFull(c, make([]byte, 5)); err != nil {
				t.Fatal(err)
			}
			clientErr := make(chan error, 1)
			go func() { clientErr <- readErr(c) }()
			time.Sleep(20 * time.Millisecond) // let the client block in Read
			inject(t, p, tc.spec)
			if err := <-clientErr; !errors.Is(err, tc.client) {
				t.Errorf("client read: %v, want %v", err, tc.client)
			}
			if err := <-serverErr; !errors.Is(err, tc.server) {
				t.Errorf("server read: %v, want %v", err, tc.server)
			}
			if s := p.Stats(); s.Resets != tc.resets {
				t.Errorf("Stats.Resets = %d, want %d", s.Resets, tc.resets)
			}
		})
	}
}

// While reset lasts, a new connection is reset as it arrives: its first
// Read fails with ECONNRESET, or the dial itself does when the RST comes
// before connect(2) returns, as it may on loopback. After the end, new
// connections work.
func TestResetNew(t *testing.T) {
	t.Parallel()
	srv := startServer(t, echo)
	p := startProxy(t, srv.addr, Options{})
	end := inject(t, p, "reset")
	for range 3 {
		c, err := net.DialTimeout("tcp", p.Addr(), 2*time.Second)
		if err == nil {
			err = readErr(c)
			_ = c.Close()
		}
		if !errors.Is(err, syscall.ECONNRESET) {
			t.Fatalf("new connection: %v, want ECONNRESET", err)
		}
	}
	end()
	if err := roundTrip(dial(t, p.Addr()), []byte("fine"), 2*time.Second); err != nil {
		t.Fatal(err)
	}
	if s := p.Stats(); s.Resets != 3 || s.Accepted != 4 {
		t.Errorf("Stats = %+v, want 4 accepted, 3 resets", s)
	}
}
