package conformance

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/intbench/intbench/internal/backend"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// Wire is what the limits suite sends a pattern's server, as raw bytes of
// its protocol.
type Wire struct {
	// Request is one whole request (after whatever opens a connection:
	// HTTP/2's preface) that the server answers without closing the
	// connection.
	Request []byte
	// Head is the start of a request that stops inside its head (HTTP
	// headers, a frame's length, HTTP/2's preface).
	Head []byte
	// Body is a whole head announcing a body of which only part follows;
	// nil where the server has no per-call read timeout (gRPC).
	Body []byte
	// CloseGrace is how long the server waits, after it announces that it
	// closes an idle connection, for a client to acknowledge (HTTP/2's
	// graceful GOAWAY: grpc-go waits 5 s for the answer to its PING,
	// which a raw client does not send).
	CloseGrace time.Duration
}

// Short limits for the suite, far enough apart to tell on a loaded
// machine which one ended a connection.
var testLimits = transports.Limits{
	MaxConns:          2,
	ReadHeaderTimeout: 300 * time.Millisecond,
	IdleTimeout:       time.Second,
	ReadTimeout:       2 * time.Second,
	WriteTimeout:      2 * time.Second,
}

// Limits checks, at the TCP level, the limits every server shares
// (transports.Limits): connections over MaxConns are reset at once and the
// others still served; a client that sends nothing, or trickles a
// request's head, is dropped after ReadHeaderTimeout; one that sends a
// head but not all of the body it announces, after ReadTimeout; an idle
// connection after IdleTimeout. Write timeouts are tested on the shared
// plumbing (httpx, netx.FrameConn), which does not depend on the protocol.
func Limits(t *testing.T, tr transports.Transport, w Wire) {
	t.Helper()
	t.Run("MaxConns", func(t *testing.T) { t.Parallel(); testMaxConns(t, tr, w) })
	timeouts := []struct {
		name     string
		send     []byte
		trickle  bool
		min, max time.Duration // when the server must close the connection, from the dial
	}{
		{"ReadHeaderTimeout/silent", nil, false, 250 * time.Millisecond, 1900 * time.Millisecond},
		{"ReadHeaderTimeout/trickled", w.Head, true, 250 * time.Millisecond, 1900 * time.Millisecond},
		{"ReadTimeout", w.Body, false, 1900 * time.Millisecond, 8 * time.Second},
		{"IdleTimeout", w.Request, false, 900 * time.Millisecond, 8*time.Second + w.CloseGrace},
	}
	for _, tt := range timeouts {
		t.Run(tt.name, func(t *testing.T) {
			if tt.send == nil && tt.name == "ReadTimeout" {
				t.Skip("no per-call read timeout in this pattern's server (documented)")
			}
			t.Parallel()
			srv := serveLimited(t, tr)
			start := time.Now()
			c := dialRaw(t, srv.Addr())
			send(t, c, tt.send, tt.trickle)
			took, err := untilClosed(c, start, 15*time.Second)
			if err != nil {
				t.Fatalf("%v after %v: the server still holds the connection", err, took)
			}
			if took < tt.min || took > tt.max {
				t.Errorf("closed after %v, want %v..%v", took.Round(time.Millisecond), tt.min, tt.max)
			}
		})
	}
}

// serveLimited starts tr over the memory backend under testLimits.
func serveLimited(t *testing.T, tr transports.Transport) transports.Server {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	srv, err := tr.Serve(ctx, transports.ServeConfig{Backend: backend.NewMemory(service.MustGenerate(Seed)).Backend, Limits: testLimits})
	if err != nil {
		t.Fatalf("serve: %v", err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

func dialRaw(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// send writes b at once, or a byte every 50 ms.
func send(t *testing.T, c net.Conn, b []byte, trickle bool) {
	t.Helper()
	if !trickle {
		if _, err := c.Write(b); err != nil {
			t.Fatalf("write: %v", err)
		}
		return
	}
	for i := range b {
		if _, err := c.Write(b[i : i+1]); err != nil {
			return // closed already: untilClosed tells when
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// untilClosed reads (and drops) what the server sends until it closes the
// connection, and returns when that was, from start; or an error when it
// has not within wait.
func untilClosed(c net.Conn, start time.Time, wait time.Duration) (time.Duration, error) {
	_ = c.SetReadDeadline(start.Add(wait))
	_, err := io.Copy(io.Discard, c)
	took := time.Since(start)
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return took, err
	}
	return took, nil
}

// answered reports whether the server answers w.Request on c with at
// least a byte within a few seconds.
func answered(c net.Conn, w Wire) error {
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	defer c.SetDeadline(time.Time{})
	if _, err := c.Write(w.Request); err != nil {
		return err
	}
	var b [1]byte
	_, err := io.ReadFull(c, b[:])
	return err
}

func testMaxConns(t *testing.T, tr transports.Transport, w Wire) {
	srv := serveLimited(t, tr)
	var held []net.Conn
	for i := range testLimits.MaxConns {
		c := dialRaw(t, srv.Addr())
		if err := answered(c, w); err != nil {
			t.Fatalf("connection %d of %d: %v", i+1, testLimits.MaxConns, err)
		}
		held = append(held, c)
	}
	over, err := net.Dial("tcp", srv.Addr())
	if err == nil {
		defer over.Close()
		err = answered(over, w)
	}
	if !errors.Is(err, syscall.ECONNRESET) && !errors.Is(err, io.EOF) && !errors.Is(err, syscall.EPIPE) {
		t.Fatalf("connection %d of %d: %v; want a reset at once", testLimits.MaxConns+1, testLimits.MaxConns, err)
	}
	_ = held[0].Close()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		c, err := net.Dial("tcp", srv.Addr())
		if err == nil {
			err = answered(c, w)
			_ = c.Close()
		}
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after a connection closed, a new one is still refused: %v", err)
		}
	}
}
