package netx

import (
	"errors"
	"io"
	"net"
	"syscall"
	"testing"
	"time"
)

// echoServer accepts from ln and echoes each connection until it closes.
func echoServer(t *testing.T, ln net.Listener) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				_, _ = io.Copy(c, c)
			}()
		}
	}()
	t.Cleanup(func() { ln.Close(); <-done })
}

// echoes reports whether c answers a byte within two seconds, and the
// error when it does not.
func echoes(c net.Conn) error {
	_ = c.SetDeadline(time.Now().Add(2 * time.Second))
	if _, err := c.Write([]byte{'x'}); err != nil {
		return err
	}
	var b [1]byte
	_, err := io.ReadFull(c, b[:])
	return err
}

func TestLimitListener(t *testing.T) {
	const n = 2
	raw, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	echoServer(t, LimitListener(raw, n))
	// try dials and exchanges a byte.
	try := func() (net.Conn, error) {
		c, err := net.Dial("tcp", raw.Addr().String())
		if err != nil {
			return nil, err
		}
		t.Cleanup(func() { c.Close() })
		return c, echoes(c)
	}
	var held []net.Conn
	for i := range n {
		c, err := try()
		if err != nil {
			t.Fatalf("connection %d of %d: %v", i+1, n, err)
		}
		held = append(held, c)
	}
	_, err = try()
	if !errors.Is(err, syscall.ECONNRESET) && !errors.Is(err, io.EOF) && !errors.Is(err, syscall.EPIPE) {
		t.Fatalf("connection %d of %d: %v, want a reset at once (not a wait in the backlog)", n+1, n, err)
	}
	held[0].Close()
	var last error
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if _, last = try(); last == nil {
			return
		}
	}
	t.Fatalf("after one of %d closed, a new connection still fails: %v", n, last)
}
