package faults

import (
	"bytes"
	"errors"
	"io"
	"net"
	"sync"
	"syscall"
	"testing"
	"time"
)

// A healthy proxy forwards both ways, passes a half-close on in order
// behind the data, counts what it did, and forgets the connection once
// both sides closed.
func TestForwardHealthy(t *testing.T) {
	t.Parallel()
	p, c := echoHop(t, Options{})
	for i := range 3 {
		if err := roundTrip(c, bytes.Repeat([]byte{byte('a' + i)}, 1000*(i+1)), 2*time.Second); err != nil {
			t.Fatal(err)
		}
	}
	big := bytes.Repeat([]byte("0123456789"), 20_000) // more than one buffer
	if _, err := c.Write(big); err != nil {
		t.Fatal(err)
	}
	if err := c.CloseWrite(); err != nil {
		t.Fatal(err)
	}
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	got, err := io.ReadAll(c) // ends with the server's close
	if err != nil || !bytes.Equal(got, big) {
		t.Fatalf("after half-close read %d bytes, %v; want %d bytes, EOF", len(got), err, len(big))
	}
	eventually(t, "connection forgotten", func() bool { return p.Stats().Active == 0 })
	want := uint64(len("warm") + 6000 + len(big))
	if s := p.Stats(); s.Accepted != 1 || s.BytesUp != want || s.BytesDown != want || s.Refused != 0 || s.Resets != 0 {
		t.Errorf("Stats = %+v, want 1 accepted, %d bytes each way", s, want)
	}
}

// A RST from one peer reaches the other as a RST.
func TestPeerResetIsMirrored(t *testing.T) {
	t.Parallel()
	got := make(chan error, 1)
	srv := startServer(t, func(c net.Conn) {
		defer c.Close()
		_, err := c.Read(make([]byte, 10))
		got <- err
	})
	p := startProxy(t, srv.addr, Options{})
	c := dial(t, p.Addr())
	_ = c.SetLinger(0)
	_ = c.Close()
	select {
	case err := <-got:
		if !errors.Is(err, syscall.ECONNRESET) {
			t.Errorf("server read: %v, want ECONNRESET", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("server saw nothing of the client's RST")
	}
	eventually(t, "reset counted", func() bool { return p.Stats().Resets == 1 })
}

// An unreachable upstream closes the accepted client and is counted; the
// proxy goes on serving and reaches the upstream once it listens.
func TestUpstreamUnreachable(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	p := startProxy(t, addr, Options{DialTimeout: time.Second})
	for range 2 {
		c := dial(t, p.Addr())
		_ = c.SetReadDeadline(time.Now().Add(2 * time.Second))
		if n, err := c.Read(make([]byte, 1)); err != io.EOF {
			t.Fatalf("read from a proxy to nowhere: %d, %v; want EOF", n, err)
		}
	}
	if s := p.Stats(); s.Refused != 2 || s.Accepted != 2 {
		t.Errorf("Stats = %+v, want 2 accepted, 2 refused", s)
	}
	srv := &server{addr: addr, handle: echo}
	if err := srv.listen(); err != nil {
		t.Skipf("port taken meanwhile: %v", err)
	}
	t.Cleanup(srv.kill)
	if err := roundTrip(dial(t, p.Addr()), []byte("back"), 2*time.Second); err != nil {
		t.Fatal(err)
	}
}

// Close under traffic, with bytes queued by a fault and by a network,
// returns promptly, ends every goroutine of the proxy, and is idempotent;
// the proxy refuses faults afterwards.
func TestCloseUnderTraffic(t *testing.T) {
	for _, spec := range []string{"none", "wan"} {
		t.Run("network="+spec, func(t *testing.T) { closeUnderTraffic(t, network(t, spec)) })
	}
}

func closeUnderTraffic(t *testing.T, n Network) {
	srv := startServer(t, echo)
	p, err := New(srv.addr, Options{Network: n})
	if err != nil {
		t.Fatal(err)
	}
	inject(t, p, "latency:20ms:10ms@down")
	var wg sync.WaitGroup
	for range 4 {
		c := dial(t, p.Addr())
		wg.Go(func() {
			msg := bytes.Repeat([]byte("x"), 4096)
			for c.SetDeadline(time.Now().Add(3*time.Second)) == nil {
				if _, err := c.Write(msg); err != nil {
					return
				}
				if _, err := io.ReadFull(c, msg); err != nil {
					return
				}
			}
		})
	}
	time.Sleep(100 * time.Millisecond)
	closeProxy(t, p)
	if left := ourGoroutines(false); len(left) > 0 {
		t.Errorf("after Close, %d goroutines of the proxy remain:\n%s", len(left), left[0])
	}
	wg.Wait()
	if err := p.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := p.Inject(nil); !errors.Is(err, errClosed) {
		t.Errorf("Inject after Close: %v, want %v", err, errClosed)
	}
	if _, err := net.DialTimeout("tcp", p.Addr(), time.Second); err == nil {
		t.Error("dial after Close succeeded")
	}
}
