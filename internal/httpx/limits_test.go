package httpx

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// serveOK serves a handler that answers 200 "ok" within lim.
func serveOK(t *testing.T, lim transports.Limits) *Server {
	t.Helper()
	s, err := Serve(t.Context(), "127.0.0.1:0", lim, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, "ok")
	}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// rawStatus sends req as it is and returns the response's status code.
func rawStatus(t *testing.T, addr, req string) int {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, req); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("read response: %v", err)
	}
	res.Body.Close()
	return res.StatusCode
}

// A request's header list is capped at MaxHeaderBytes counted as HTTP/2
// does (ours, 431), and its head as sent at MaxHeaderBytes + 4 KiB
// (net/http's, 431 too): one byte over each is refused, the limit itself
// is served.
func TestServerHeaderLimits(t *testing.T) {
	s := serveOK(t, transports.Limits{})
	// Host "x" and one X-Pad field: (4+1+32) + (5+len(pad)+32).
	padFor := func(size int) string { return strings.Repeat("p", size-(4+1+32)-(5+32)) }
	// The head as sent: "GET /" + path + " HTTP/1.1\r\nHost: x\r\n\r\n".
	pathFor := func(size int) string { return strings.Repeat("a", size-len("GET / HTTP/1.1\r\nHost: x\r\n\r\n")) }
	const rawLimit = transports.MaxHeaderBytes + 4096
	tests := []struct {
		name string
		req  string
		want int
	}{
		{"header list at the limit", "GET / HTTP/1.1\r\nHost: x\r\nX-Pad: " + padFor(transports.MaxHeaderBytes) + "\r\n\r\n", 200},
		{"header list one byte over", "GET / HTTP/1.1\r\nHost: x\r\nX-Pad: " + padFor(transports.MaxHeaderBytes+1) + "\r\n\r\n", 431},
		// Each empty field "A:" counts 33 bytes: 37 + 1,984 × 33 fit, one more does not.
		{"1,984 empty fields", "GET / HTTP/1.1\r\nHost: x\r\n" + strings.Repeat("A:\r\n", 1984) + "\r\n", 200},
		{"1,985 empty fields", "GET / HTTP/1.1\r\nHost: x\r\n" + strings.Repeat("A:\r\n", 1985) + "\r\n", 431},
		{"head at net/http's limit", "GET /" + pathFor(rawLimit) + " HTTP/1.1\r\nHost: x\r\n\r\n", 200},
		{"head one byte over net/http's limit", "GET /" + pathFor(rawLimit+1) + " HTTP/1.1\r\nHost: x\r\n\r\n", 431},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rawStatus(t, s.Addr(), tt.req); got != tt.want {
				t.Fatalf("status %d, want %d", got, tt.want)
			}
		})
	}
}

// A response nobody reads holds the handler for WriteTimeout at most.
func TestServerWriteTimeout(t *testing.T) {
	const timeout = 300 * time.Millisecond
	ended := make(chan error, 1)
	s, err := Serve(t.Context(), "127.0.0.1:0", transports.Limits{WriteTimeout: timeout}, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		chunk := make([]byte, 1<<20)
		for range 64 {
			if _, err := w.Write(chunk); err != nil {
				ended <- err
				return
			}
		}
		ended <- nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := net.Dial("tcp", s.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.(*net.TCPConn).SetReadBuffer(4 << 10)
	start := time.Now()
	if _, err := io.WriteString(c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-ended:
		took := time.Since(start)
		if !errors.Is(err, os.ErrDeadlineExceeded) || took < timeout-50*time.Millisecond || took > 5*time.Second {
			t.Fatalf("the handler's write ended after %v with %v; want a deadline after about %v", took, err, timeout)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a response nobody reads still holds its handler after 10s")
	}
}

// fakeServer answers every connection with resp as it is.
func fakeServer(t *testing.T, resp string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				_, _ = http.ReadRequest(bufio.NewReader(c))
				_, _ = io.WriteString(c, resp)
			}()
		}
	}()
	return ln.Addr().String()
}

// get makes one request through a Client with the response limit max and
// reads its body as a pattern does.
func get(t *testing.T, addr string, max int64) (*bytes.Buffer, error) {
	t.Helper()
	c := NewClient(transports.DialConfig{MaxResponseBytes: max}, nil)
	defer c.Close()
	res, err := c.HTTP.Get("http://" + addr + "/")
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	return &buf, c.ReadBody(res, &buf)
}

// A client reads response heads up to MaxHeaderBytes as sent (net/http's
// count: status line and fields) and bodies up to its MaxResponseBytes,
// announced or not.
func TestClientResponseLimits(t *testing.T) {
	const max = 1000
	head := func(size int) string { // a head of size bytes with an empty body
		const fixed = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Pad: \r\n\r\n"
		return "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Pad: " + strings.Repeat("p", size-len(fixed)) + "\r\n\r\n"
	}
	body := func(n int, chunked bool) string {
		if chunked {
			return fmt.Sprintf("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n", n, strings.Repeat("b", n))
		}
		return fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s", n, strings.Repeat("b", n))
	}
	const headLimit = transports.MaxHeaderBytes
	tests := []struct {
		name     string
		resp     string
		wantErr  string
		internal bool
	}{
		{"head at the limit", head(headLimit), "", false},
		{"head one byte over", head(headLimit + 1), "server response headers exceeded", false},
		{"body at the limit", body(max, false), "", false},
		{"announced body one byte over", body(max+1, false), "exceeds the limit of 1000 bytes", true},
		{"chunked body at the limit", body(max, true), "", false},
		{"chunked body one byte over", body(max+1, true), "exceeds the limit of 1000 bytes", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := get(t, fakeServer(t, tt.resp), max)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("error %v, want none", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
			}
			if tt.internal && !errors.Is(err, service.ErrInternal) {
				t.Fatalf("error %v, want Internal", err)
			}
		})
	}
}

// A body announced huge but never sent costs what arrived, not what was
// announced.
func TestClientDoesNotPreallocateAnnouncedBody(t *testing.T) {
	addr := fakeServer(t, "HTTP/1.1 200 OK\r\nContent-Length: 200000000\r\n\r\nonly this")
	buf, err := get(t, addr, 0)
	if err == nil {
		t.Fatal("a truncated body read without error")
	}
	if buf.Cap() > 1<<20 {
		t.Fatalf("buffer of %d bytes for 9 bytes received", buf.Cap())
	}
}
