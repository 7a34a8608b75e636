package faults

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

const (
	bufSize = 32 << 10 // read buffer per direction
	// maxQueued bounds the bytes a pipe holds for later delivery; past it
	// the pipe stops reading, so the sender's TCP window fills as it would
	// on a slow path.
	maxQueued = 1 << 20
)

// A chunk is what one read returned, or the source's close.
type chunk struct {
	b    []byte
	at   time.Time // arrival
	due  time.Time // deliver no earlier; zero: at once
	out  deliverer // nil: one write
	eof  bool      // the source closed: propagate a half-close
	err  error     // with eof, on a wire: how (io.EOF for a FIN)
	last bool      // close the connection after delivering b
}

// A shaper is a fault's state for one connection in one direction. arrive
// is called, in the pipe's reading goroutine, for every chunk as it
// arrives; it may set due, out and last and trim b. It returns false to
// swallow a data chunk; for the close (eof) false means hold it until the
// rules change, as TCP retransmits a FIN.
type shaper interface {
	arrive(c *chunk) bool
}

// A deliverer writes a chunk in its own way (in pieces, paced). It runs in
// the pipe's delivering goroutine and reports false once the link is done.
type deliverer interface {
	deliver(w *pipe, c *chunk) bool
}

// A pipe forwards one direction of a link. One goroutine reads; with no
// network, no fault and nothing queued it also writes, from its one
// buffer. With a network, what it reads goes through a wire, whose
// goroutine forwards it to the fault stage instead. Chunks a fault delays
// are copied into a queue that another goroutine delivers, in order.
type pipe struct {
	l        *link
	d        dir
	src, dst *net.TCPConn
	buf      []byte
	bytes    *atomic.Uint64
	net      *wire // nil without a network

	// owned by the goroutine that forwards: the reading one, or the wire's
	rules *rules // that sh was made for
	sh    shaper
	rng   *rand.Rand

	running atomic.Bool // a delivering goroutine exists
	mu      sync.Mutex
	q       []*chunk
	queued  int
	space   chan struct{} // signalled when the queue shrinks
	timer   *time.Timer   // the delivering goroutine's
}

func newPipe(l *link, d dir, src, dst *net.TCPConn) *pipe {
	w := &pipe{
		l: l, d: d, src: src, dst: dst,
		buf:   make([]byte, bufSize),
		bytes: &l.p.stats.bytes[d.index()],
		space: make(chan struct{}, 1),
	}
	if n := l.p.opts.Network; n != (Network{}) {
		w.net = newWire(w, n)
	}
	return w
}

// run reads until the source closes or fails.
func (w *pipe) run() {
	if w.net != nil {
		w.l.p.wg.Go(w.net.run)
	}
	for {
		n, err := w.src.Read(w.buf)
		if n > 0 && !w.arrive(w.buf[:n]) {
			return
		}
		if err != nil {
			w.end(err)
			return
		}
	}
}

// arrive passes what the source sent to the fault stage, through the
// network if there is one; false means the link is done.
func (w *pipe) arrive(b []byte) bool {
	if w.net != nil {
		return w.net.send(b)
	}
	return w.forward(b)
}

// end passes the source's close on, through the network if there is one.
func (w *pipe) end(err error) {
	if w.net != nil {
		w.net.close(err)
		return
	}
	w.sourceClosed(err)
}

// forward passes one chunk on; false means the link is done.
func (w *pipe) forward(b []byte) bool {
	r := w.l.p.rules.Load()
	if r.shape[w.d.index()] == nil && !w.running.Load() {
		return w.write(b) // the healthy path: no copy, no allocation
	}
	c := chunk{b: b, at: time.Now()}
	if sh := w.shaperFor(r); sh != nil {
		kept := sh.arrive(&c)
		w.trace(&c, kept)
		if !kept {
			return true
		}
	}
	return w.pass(&c)
}

// pass delivers c now if nothing is ahead of it and it need not wait, or
// queues a copy.
func (w *pipe) pass(c *chunk) bool {
	if c.due.IsZero() && c.out == nil && !w.running.Load() {
		return w.deliver(c)
	}
	cp := *c
	cp.b = bytes.Clone(c.b)
	return w.enqueue(&cp)
}

// sourceClosed propagates the source's close: a FIN as a half-close in
// order behind the data, a RST or other failure as a RST to the receiver.
func (w *pipe) sourceClosed(err error) {
	if !errors.Is(err, io.EOF) {
		w.l.close(w.d)
		return
	}
	for {
		r := w.l.p.rules.Load()
		c := chunk{eof: true, at: time.Now()}
		if sh := w.shaperFor(r); sh == nil || sh.arrive(&c) {
			w.pass(&c)
			return
		}
		select { // held: wait for other rules
		case <-r.next:
		case <-w.l.done:
			return
		}
	}
}

// shaperFor returns the pipe's shaper under r, making a new one when the
// rules changed.
func (w *pipe) shaperFor(r *rules) shaper {
	if r != w.rules {
		w.rules, w.sh = r, nil
		if f := r.shape[w.d.index()]; f != nil {
			w.sh = f(w.rand())
		}
	}
	return w.sh
}

func (w *pipe) rand() *rand.Rand {
	if w.rng == nil {
		w.rng = w.l.p.streamRand(w.l.ord, w.d)
	}
	return w.rng
}

func (w *pipe) trace(c *chunk, kept bool) {
	if t := w.l.p.opts.trace; t != nil && !c.eof {
		var delay time.Duration
		if !c.due.IsZero() {
			delay = c.due.Sub(c.at)
		}
		t(w.l.ord, w.d, delay, kept)
	}
}

// enqueue adds c to the queue, waiting while the queue is full, and starts
// the delivering goroutine if none runs.
func (w *pipe) enqueue(c *chunk) bool {
	for {
		w.mu.Lock()
		if w.queued < maxQueued || len(w.q) == 0 {
			w.q = append(w.q, c)
			w.queued += len(c.b)
			start := !w.running.Load()
			w.running.Store(true)
			w.mu.Unlock()
			if start {
				w.l.p.wg.Go(w.drain)
			}
			return true
		}
		w.mu.Unlock()
		select {
		case <-w.space:
		case <-w.l.done:
			return false
		}
	}
}

// drain delivers the queue in order, each chunk when due, and ends when
// the queue is empty or the link done.
func (w *pipe) drain() {
	for {
		w.mu.Lock()
		if len(w.q) == 0 {
			w.q = nil
			w.running.Store(false)
			w.mu.Unlock()
			return
		}
		c := w.q[0]
		w.mu.Unlock()
		if !w.sleepUntil(c.due) || !w.deliver(c) {
			return
		}
		w.mu.Lock()
		w.q[0], w.q = nil, w.q[1:]
		w.queued -= len(c.b)
		w.mu.Unlock()
		select {
		case w.space <- struct{}{}:
		default:
		}
	}
}

// deliver writes one chunk, or propagates the close it stands for.
func (w *pipe) deliver(c *chunk) bool {
	if c.eof {
		if err := w.dst.CloseWrite(); err != nil {
			w.l.close(w.d.opposite())
			return false
		}
		w.l.halfClosed()
		return true
	}
	ok := false
	if c.out != nil {
		ok = c.out.deliver(w, c)
	} else {
		ok = w.write(c.b)
	}
	if ok && c.last {
		w.l.close(0)
		return false
	}
	return ok
}

// write writes b to the receiver; if that fails, the receiver is gone and
// the sender gets a RST, as it would without the proxy.
func (w *pipe) write(b []byte) bool {
	n, err := w.dst.Write(b)
	w.bytes.Add(uint64(n))
	if err != nil {
		w.l.close(w.d.opposite())
		return false
	}
	return true
}

// sleepUntil waits until t; false means the link is done.
func (w *pipe) sleepUntil(t time.Time) bool {
	d := time.Until(t)
	if d <= 0 {
		select {
		case <-w.l.done:
			return false
		default:
			return true
		}
	}
	if w.timer == nil {
		w.timer = time.NewTimer(d)
	} else {
		w.timer.Reset(d)
	}
	select {
	case <-w.timer.C:
		return true
	case <-w.l.done:
		w.timer.Stop()
		return false
	}
}
