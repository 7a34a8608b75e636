package faults

import (
	"io"
	"net"
	"testing"
	"time"
)

// A 30-byte write sliced into 5-byte segments 2 ms apart reaches the
// server in several reads, over at least 10 ms, intact.
func TestSlicer(t *testing.T) {
	t.Parallel()
	type report struct {
		reads int
		data  string
		at    time.Time // of the last read
	}
	got := make(chan report, 1)
	srv := startServer(t, func(c net.Conn) {
		defer c.Close()
		var r report
		buf := make([]byte, 64)
		for len(r.data) < 30 {
			n, err := c.Read(buf)
			if err != nil {
				break
			}
			r.reads++
			r.data += string(buf[:n])
		}
		r.at = time.Now()
		got <- r
	})
	p := startProxy(t, srv.addr, Options{})
	c := dial(t, p.Addr())
	inject(t, p, "slicer:5:2ms@up")
	const msg = "0123456789abcdefghijklmnopqrst"
	start := time.Now()
	if _, err := io.WriteString(c, msg); err != nil {
		t.Fatal(err)
	}
	select {
	case r := <-got:
		if took := r.at.Sub(start); r.data != msg || r.reads < 2 || took < 10*time.Millisecond {
			t.Errorf("server read %q in %d reads within %v, want %q in several reads over 10ms", r.data, r.reads, took, msg)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("server got nothing")
	}
}
