package faults

import (
	"bytes"
	"math/rand/v2"
	"sync"
	"time"
)

// A wire is the Network in one direction of a link. It stands between the
// sender and the fault stage: what the pipe reads is queued here and
// passed to pipe.forward when the link would have carried it there, so a
// fault shapes traffic as it comes off the network, on top of its delay
// and rate. The pipe's reading goroutine stamps and queues chunks; the
// wire's own goroutine, which lives as long as the link, delivers them in
// order.
type wire struct {
	w      *pipe
	delay  time.Duration // one way
	jitter time.Duration
	pace   pace // bits 0: no rate limit
	limit  int  // bytes queued before the reader waits

	// owned by the reading goroutine
	free time.Time // when the link has sent all it was given
	rng  *rand.Rand

	mu     sync.Mutex
	q      []chunk
	head   int // q[head:] waits
	queued int
	ready  chan struct{} // signalled when a chunk is queued
	space  chan struct{} // signalled when the queue shrinks

	sleep sleeper // the wire goroutine's
}

// newWire makes the wire of w. Its queue holds up to maxQueued bytes
// beyond what is in flight at the network's rate, so it never caps the
// rate; without a rate it holds maxQueued in all, which caps one
// connection at 1 MiB per RTT/2, as a TCP window would.
func newWire(w *pipe, n Network) *wire {
	s := &wire{
		w: w, delay: n.RTT / 2, jitter: n.Jitter, limit: maxQueued,
		ready: make(chan struct{}, 1), space: make(chan struct{}, 1),
	}
	if n.Bandwidth > 0 {
		// pieces of about 1 ms of traffic, from one Ethernet frame to 16 KiB
		s.pace = pace{n.Bandwidth, int(min(max(n.Bandwidth/8/1000, 1500), 16<<10))}
		// room for what is in flight too, so the queue does not cap the rate
		inFlight := float64(n.Bandwidth) / 8 * (s.delay + s.jitter).Seconds()
		s.limit += int(min(inFlight, 1<<30))
	}
	return s
}

// send queues a copy of b, which the source sent now; false means the link
// is done.
func (s *wire) send(b []byte) bool {
	c := chunk{b: bytes.Clone(b), at: time.Now()}
	s.stamp(&c)
	return s.push(c)
}

// close queues the source's close (io.EOF for a FIN), behind its data.
func (s *wire) close(err error) {
	c := chunk{eof: true, err: err, at: time.Now()}
	s.stamp(&c)
	s.push(c)
}

// stamp sets when c's first byte comes off the link: after what the link
// holds, one way later. It moves the link's clock past c.
func (s *wire) stamp(c *chunk) {
	start := c.at
	if s.free.After(start) {
		start = s.free
	}
	if s.pace.bits > 0 {
		s.free = start.Add(s.pace.time(len(c.b)))
	}
	c.due = start.Add(s.oneWay())
}

// oneWay draws the delay of one chunk.
func (s *wire) oneWay() time.Duration {
	j := int64(s.jitter)
	if j == 0 {
		return s.delay
	}
	if s.rng == nil {
		s.rng = s.w.l.p.netRand(s.w.l.ord, s.w.d)
	}
	return s.delay + time.Duration(s.rng.Int64N(2*j+1)-j)
}

// push adds c to the queue, waiting while the queue is full.
func (s *wire) push(c chunk) bool {
	for {
		s.mu.Lock()
		if s.queued < s.limit || s.head == len(s.q) {
			s.q = append(s.q, c)
			s.queued += len(c.b)
			s.mu.Unlock()
			signal(s.ready)
			return true
		}
		s.mu.Unlock()
		select {
		case <-s.space:
		case <-s.w.l.done:
			return false
		}
	}
}

// run delivers the queue, in order, until the link is done or the
// source's close went through.
func (s *wire) run() {
	defer s.sleep.close()
	for {
		c, ok := s.next()
		if !ok || !s.deliver(&c) {
			return
		}
		s.pop()
	}
}

// next waits for the chunk at the head of the queue.
func (s *wire) next() (chunk, bool) {
	for {
		s.mu.Lock()
		if s.head < len(s.q) {
			c := s.q[s.head]
			s.mu.Unlock()
			return c, true
		}
		s.mu.Unlock()
		select {
		case <-s.ready:
		case <-s.w.l.done:
			return chunk{}, false
		}
	}
}

// pop removes the head of the queue, reusing the queue's array once it is
// empty.
func (s *wire) pop() {
	s.mu.Lock()
	s.queued -= len(s.q[s.head].b)
	s.q[s.head] = chunk{}
	if s.head++; s.head == len(s.q) {
		s.q, s.head = s.q[:0], 0
	}
	s.mu.Unlock()
	signal(s.space)
}

// deliver passes c to the fault stage when it comes off the link: a close
// at its time, data in pieces, each when its last byte has come through.
// false ends the wire.
func (s *wire) deliver(c *chunk) bool {
	if c.eof || s.pace.bits == 0 {
		if !s.sleep.until(c.due, s.w.l.done) {
			return false
		}
		if c.eof {
			s.w.sourceClosed(c.err)
			return false
		}
		return s.w.forward(c.b)
	}
	t, b := c.due, c.b
	for len(b) > 0 {
		n := min(len(b), s.pace.piece)
		t = t.Add(s.pace.time(n))
		if !s.sleep.until(t, s.w.l.done) || !s.w.forward(b[:n]) {
			return false
		}
		b = b[n:]
	}
	return true
}

// signal wakes whoever waits on ch, if anyone.
func signal(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}
