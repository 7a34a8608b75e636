package faults

import (
	"io"
	"net"
	"testing"
	"time"
)

// slow_close passes data at once and the server's FIN 150 ms late.
func TestSlowClose(t *testing.T) {
	t.Parallel()
	srv := startServer(t, func(c net.Conn) {
		_, _ = c.Read(make([]byte, 1))
		_, _ = io.WriteString(c, "bye")
		_ = c.Close()
	})
	p := startProxy(t, srv.addr, Options{})
	inject(t, p, "slow_close:150ms")
	c := dial(t, p.Addr())
	start := time.Now()
	if _, err := io.WriteString(c, "?"); err != nil {
		t.Fatal(err)
	}
	_ = c.SetReadDeadline(time.Now().Add(3 * time.Second))
	if _, err := io.ReadFull(c, make([]byte, 3)); err != nil {
		t.Fatal(err)
	}
	data := time.Since(start)
	if _, err := c.Read(make([]byte, 1)); err != io.EOF {
		t.Fatalf("read after bye: %v, want EOF", err)
	}
	fin := time.Since(start)
	if data > 100*time.Millisecond || fin < 150*time.Millisecond || fin > 2*time.Second {
		t.Errorf("data after %v, FIN after %v; want data at once, FIN after about 150ms", data, fin)
	}
}
