package grpctransport

import (
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// clientPreface opens every HTTP/2 connection (RFC 9113 §3.4).
const clientPreface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"

// lingerTime bounds how long a rejected connection's remaining request is
// drained, so the answer is not lost to a reset.
const lingerTime = time.Second

// http1Answer is what a plain HTTP/1.x request gets before gRPC-go closes
// its connection for a bad HTTP/2 preface.
const http1Answer = "HTTP/1.1 505 HTTP Version Not Supported\r\n" +
	"Content-Type: text/plain; charset=utf-8\r\n" +
	"Connection: close\r\n" +
	"Content-Length: 67\r\n" +
	"\r\n" +
	"grpctransport: this port speaks gRPC over HTTP/2 (prior knowledge)\n"

// Preface states of a sniffConn.
const (
	unchecked int32 = iota
	good
	bad
)

// sniffListener wraps accepted connections in sniffConn.
type sniffListener struct{ net.Listener }

// Accept returns the next connection, wrapped.
func (l sniffListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &sniffConn{Conn: c}, nil
}

// sniffConn checks the first bytes a client sends. gRPC-go writes its
// SETTINGS frame before it reads the client's preface; sniffConn holds
// those writes back until the preface has arrived. If the client's first
// bytes are not the HTTP/2 preface, it drops them and answers with
// http1Answer instead, so that curl or a browser learns what went wrong;
// gRPC-go then closes the connection as it always does. Once the preface
// is checked, reads and writes pass straight through (one atomic load).
type sniffConn struct {
	net.Conn
	state atomic.Int32 // unchecked, good or bad

	mu      sync.Mutex
	seen    int    // bytes of the preface matched so far
	pending []byte // writes held back until the preface is checked
}

// Read reads from the connection, checking the preface on the way.
func (c *sniffConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 && c.state.Load() == unchecked {
		if cerr := c.check(p[:n]); cerr != nil && err == nil {
			err = cerr
		}
	}
	return n, err
}

// Write writes to the connection, or holds b back while the preface is
// unchecked.
func (c *sniffConn) Write(b []byte) (int, error) {
	if c.state.Load() == good {
		return c.Conn.Write(b)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	switch c.state.Load() {
	case bad:
		return len(b), nil // dropped: the client does not speak HTTP/2
	case good:
		return c.Conn.Write(b)
	}
	c.pending = append(c.pending, b...)
	return len(b), nil
}

// check matches b against the rest of the preface.
func (c *sniffConn) check(b []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	want := clientPreface[c.seen:]
	b = b[:min(len(b), len(want))]
	if string(b) != want[:len(b)] {
		c.pending = nil
		c.state.Store(bad)
		c.answer()
		return nil
	}
	c.seen += len(b)
	if c.seen < len(clientPreface) {
		return nil
	}
	pending := c.pending
	c.pending = nil
	c.state.Store(good)
	if len(pending) == 0 {
		return nil
	}
	_, err := c.Conn.Write(pending)
	return err
}

// answer writes http1Answer, half-closes the connection and drains what the
// client still sends for a moment, as net/http does, so that closing the
// connection with unread data does not reset it before the client has
// read the answer. Everything is best effort: gRPC-go closes the
// connection right after.
func (c *sniffConn) answer() {
	_ = c.Conn.SetDeadline(time.Now().Add(lingerTime))
	if _, err := io.WriteString(c.Conn, http1Answer); err != nil {
		return
	}
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		_ = cw.CloseWrite()
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(c.Conn, 1<<20))
}
