package bench

import (
	"context"
	"net"
	"sync"
	"sync/atomic"

	"github.com/intbench/intbench/transports"
)

// Wire is a snapshot of the bytes that crossed the client's connections,
// counted at net.Conn: everything the pattern writes (headers, envelopes,
// framing, protocol messages) but not TCP/IP headers.
type Wire struct {
	Out   int64 // bytes written by the client
	In    int64 // bytes read by the client
	Turns int64 // times a connection went from writing to reading: round trips
	Dials int64 // connections opened
	// CtlOut and CtlIn are the bytes of HTTP/2 control frames (pings,
	// window updates) among Out and In, counted by the probe's counter
	// only (see h2Split); such frames then make no round trip.
	CtlOut, CtlIn int64
}

// Sub returns w - o.
func (w Wire) Sub(o Wire) Wire {
	return Wire{Out: w.Out - o.Out, In: w.In - o.In, Turns: w.Turns - o.Turns, Dials: w.Dials - o.Dials,
		CtlOut: w.CtlOut - o.CtlOut, CtlIn: w.CtlIn - o.CtlIn}
}

// WireCounter counts the bytes of every connection dialed through it. It is
// safe for concurrent use; counting costs two atomic adds per Read or Write
// on counters owned by the connection, so connections do not contend.
type WireCounter struct {
	mu     sync.Mutex
	live   map[*countingConn]struct{}
	closed Wire
	dials  atomic.Int64
	frames bool // split HTTP/2 control frames from calls' frames
}

// NewWireCounter returns an empty counter.
func NewWireCounter() *WireCounter {
	return &WireCounter{live: map[*countingConn]struct{}{}}
}

// newProbeCounter returns an empty counter that also tells HTTP/2's
// control frames apart, at the cost of parsing every frame header.
func newProbeCounter() *WireCounter {
	w := NewWireCounter()
	w.frames = true
	return w
}

// Dial wraps inner (nil means a default dialer) so that its connections
// are counted.
func (w *WireCounter) Dial(inner transports.DialFunc) transports.DialFunc {
	if inner == nil {
		inner = transports.DialConfig{}.DialFunc()
	}
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := inner(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		cc := &countingConn{Conn: c, owner: w}
		if w.frames {
			cc.h2 = &h2Conn{}
		}
		w.dials.Add(1)
		w.mu.Lock()
		w.live[cc] = struct{}{}
		w.mu.Unlock()
		return cc, nil
	}
}

// Snapshot returns the totals so far, live and closed connections alike.
func (w *WireCounter) Snapshot() Wire {
	w.mu.Lock()
	s := w.closed
	for c := range w.live {
		s.Out += c.out.Load()
		s.In += c.in.Load()
		s.Turns += c.turns.Load()
		s.CtlOut += c.ctlOut.Load()
		s.CtlIn += c.ctlIn.Load()
	}
	w.mu.Unlock()
	s.Dials = w.dials.Load()
	return s
}

func (w *WireCounter) retire(c *countingConn) {
	w.mu.Lock()
	if _, ok := w.live[c]; ok {
		delete(w.live, c)
		w.closed.Out += c.out.Load()
		w.closed.In += c.in.Load()
		w.closed.Turns += c.turns.Load()
		w.closed.CtlOut += c.ctlOut.Load()
		w.closed.CtlIn += c.ctlIn.Load()
	}
	w.mu.Unlock()
}

type countingConn struct {
	net.Conn
	owner     *WireCounter
	out, in   atomic.Int64
	turns     atomic.Int64
	wrote     atomic.Bool
	closeOnce sync.Once
	// h2 (the probe's only) splits control frames: they count in
	// ctlOut/ctlIn and neither start nor end a round trip.
	h2            *h2Conn
	ctlOut, ctlIn atomic.Int64
}

func (c *countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.in.Add(int64(n))
		call := true
		if c.h2 != nil {
			var ctl int
			ctl, call = c.h2.read(p[:n])
			c.ctlIn.Add(int64(ctl))
		}
		if call && c.wrote.Load() && c.wrote.Swap(false) {
			c.turns.Add(1)
		}
	}
	return n, err
}

func (c *countingConn) Write(p []byte) (int, error) {
	// Count the write before it happens: with a writer of its own (gRPC's
	// loopy goroutine) the answer can arrive, the call return and the
	// probe take its snapshot before Write returns, which would put this
	// call's bytes in the next call's count. A short write takes back what
	// was not sent.
	call := true
	if c.h2 != nil {
		var ctl int
		ctl, call = c.h2.wrote(p)
		c.ctlOut.Add(int64(ctl))
	}
	if call && !c.wrote.Load() {
		c.wrote.Store(true)
	}
	c.out.Add(int64(len(p)))
	n, err := c.Conn.Write(p)
	if n < len(p) {
		c.out.Add(int64(n - len(p)))
	}
	return n, err
}

func (c *countingConn) Close() error {
	err := c.Conn.Close()
	c.closeOnce.Do(func() { c.owner.retire(c) })
	return err
}
