package netx

import (
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"syscall"
	"time"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// frameHeaderLen is the length prefix of every frame.
const frameHeaderLen = 4

// FrameConn is a server's connection for a protocol whose every message
// is a frame: a 4-byte big-endian length and that many bytes (rawtcp,
// Thrift's framed transport). It arms the connection's deadlines from the
// frames as they pass, as net/http does from requests:
//
//   - IdleTimeout while it waits for the first byte of a request after
//     the first;
//   - ReadHeaderTimeout for the request's length, and ReadTimeout for the
//     whole request, both from that first byte (for the first request,
//     from when the connection was accepted, as net/http does);
//   - WriteTimeout for each response frame, from its first byte.
//
// So a client that trickles a request (a slow loris) or does not read its
// answer holds the connection for a bounded time only. The deadlines are
// the FrameConn's alone: SetDeadline, SetReadDeadline and SetWriteDeadline
// do nothing, so a library that sets its own per read (Thrift's TSocket)
// cannot undo them. One goroutine reads and one writes at a time.
type FrameConn struct {
	conn   net.Conn
	lim    transports.Limits
	in     frameState
	out    frameState
	readDL time.Time // the read deadline set last
}

// NewFrameConn returns c with its deadlines armed by frames under lim
// (zero fields mean the defaults).
func NewFrameConn(c net.Conn, lim transports.Limits) *FrameConn {
	return &FrameConn{conn: c, lim: lim.WithDefaults(), in: frameState{start: time.Now()}}
}

// Read reads from the connection within the deadline of where the
// request stream is.
func (c *FrameConn) Read(p []byte) (int, error) {
	var dl time.Time
	switch {
	case c.in.idle():
		dl = time.Now().Add(c.lim.IdleTimeout)
	case c.in.inHeader():
		dl = c.in.start.Add(c.lim.ReadHeaderTimeout)
	default:
		dl = c.in.start.Add(c.lim.ReadTimeout)
	}
	if !dl.Equal(c.readDL) {
		if err := c.conn.SetReadDeadline(dl); err != nil {
			return 0, err
		}
		c.readDL = dl
	}
	n, err := c.conn.Read(p)
	c.in.advance(p[:n], time.Time{}) // a request starts when its first byte arrives
	return n, err
}

// Write writes to the connection; a write that starts a response frame
// gives it WriteTimeout.
func (c *FrameConn) Write(p []byte) (int, error) {
	var now time.Time
	if c.out.idle() && len(p) > 0 {
		now = time.Now()
		if err := c.conn.SetWriteDeadline(now.Add(c.lim.WriteTimeout)); err != nil {
			return 0, err
		}
	}
	n, err := c.conn.Write(p)
	c.out.advance(p[:n], now)
	return n, err
}

// Close closes the connection.
func (c *FrameConn) Close() error { return c.conn.Close() }

// LocalAddr returns the local address.
func (c *FrameConn) LocalAddr() net.Addr { return c.conn.LocalAddr() }

// RemoteAddr returns the peer's address.
func (c *FrameConn) RemoteAddr() net.Addr { return c.conn.RemoteAddr() }

// SetDeadline does nothing: the FrameConn sets its own.
func (*FrameConn) SetDeadline(time.Time) error { return nil }

// SetReadDeadline does nothing: the FrameConn sets its own.
func (*FrameConn) SetReadDeadline(time.Time) error { return nil }

// SetWriteDeadline does nothing: the FrameConn sets its own.
func (*FrameConn) SetWriteDeadline(time.Time) error { return nil }

// SyscallConn returns the raw connection (for Thrift's connectivity
// check, a non-blocking peek).
func (c *FrameConn) SyscallConn() (syscall.RawConn, error) {
	if sc, ok := c.conn.(syscall.Conn); ok {
		return sc.SyscallConn()
	}
	return nil, syscall.EINVAL
}

// FrameLimit returns r, a stream of frames (a 4-byte big-endian length,
// then that many bytes), failing the read in which a frame announces more
// than max bytes: with no bytes (the stream is broken) and an error of kind
// Internal, as a response over a client's limit is in every pattern (the
// peer broke the protocol), before the frame's bytes are read.
func FrameLimit(r io.Reader, max int64) io.Reader {
	return &frameLimit{r: r, max: max}
}

type frameLimit struct {
	r   io.Reader
	max int64
	s   frameState
}

func (l *frameLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	if over := l.s.advance(p[:n], time.Time{}); int64(over) > l.max {
		return 0, fmt.Errorf("frame of %d bytes exceeds the limit of %d bytes: %w", over, l.max, service.ErrInternal)
	}
	return n, err
}

// frameState follows one direction's frames byte by byte.
type frameState struct {
	start time.Time // when the current frame's first byte passed; zero between frames
	hdr   [frameHeaderLen]byte
	hdrN  int    // bytes of the length seen
	left  uint32 // bytes of the body still to pass
}

func (s *frameState) idle() bool     { return s.start.IsZero() }
func (s *frameState) inHeader() bool { return s.hdrN < frameHeaderLen }

// advance moves past b, which may end or start frames, and returns the
// largest length announced in it. A frame that starts in b starts at now,
// or when the clock says if now is zero (the caller's reading of the
// clock saves one).
func (s *frameState) advance(b []byte, now time.Time) (largest uint32) {
	for len(b) > 0 {
		if s.idle() {
			if now.IsZero() {
				now = time.Now()
			}
			s.start = now
		}
		if s.inHeader() {
			k := copy(s.hdr[s.hdrN:], b)
			s.hdrN += k
			b = b[k:]
			if s.inHeader() {
				return largest
			}
			s.left = binary.BigEndian.Uint32(s.hdr[:])
			largest = max(largest, s.left)
		} else {
			k := min(uint64(len(b)), uint64(s.left))
			s.left -= uint32(k)
			b = b[k:]
		}
		if s.left == 0 {
			*s = frameState{}
		}
	}
	return largest
}
