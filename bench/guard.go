package bench

import (
	"context"
	"math"
	"sync"
	"sync/atomic"
	"time"
)

// guard bounds the calls of one worker without a context per call: the
// worker stamps the start of each call, and a watchdog cancels the worker's
// context when a call outlives the timeout. This costs the hot path two
// atomic stores and a swap instead of a context.WithTimeout (a timer and
// allocations).
//
// The stamp is also the hand-over of the call: the watchdog claims an
// overdue call by swapping its stamp (negated: expired), so it never
// cancels the next call by mistake, and the engine claims a call it gives
// up on (abandoned) the same way, after which the worker never touches its
// recorder again and the engine owns it.
type guard struct {
	parent context.Context
	mu     sync.Mutex // orders the watchdog's cancel before the worker's renewal
	ctx    context.Context
	cancel context.CancelFunc
	// call is the start (loop clock) of the call in flight: 0 idle,
	// negated once the watchdog cancelled it, abandonedMark once the
	// engine gave up on it.
	call atomic.Int64
	// intended and measured describe the call in flight for the engine
	// when it abandons it; written before call, so a claim sees them.
	intended atomic.Int64
	measured atomic.Bool
}

const abandonedMark = math.MinInt64

func newGuard(parent context.Context) *guard {
	g := &guard{parent: parent}
	g.ctx, g.cancel = context.WithCancel(parent)
	return g
}

// begin stamps a call and returns its context. Only the worker calls it.
// start must be positive.
func (g *guard) begin(start, intended int64, measured bool) context.Context {
	g.intended.Store(intended)
	g.measured.Store(measured)
	g.call.Store(start)
	return g.ctx
}

// end closes the call. expired means the watchdog cancelled it: whatever
// it returned, it returned past its deadline. abandoned means the engine
// gave up on it: the worker must stop without touching its state.
func (g *guard) end() (expired, abandoned bool) {
	prev := g.call.Swap(0)
	switch {
	case prev == abandonedMark:
		return true, true
	case prev < 0:
		// The watchdog cancels while holding mu, so once we hold it the
		// old context is cancelled and a new one is safe to hand out.
		g.mu.Lock()
		g.ctx, g.cancel = context.WithCancel(g.parent)
		g.mu.Unlock()
		return true, false
	}
	return false, false
}

// expire cancels the call in flight if it started more than timeout
// before now; only that call, never the worker's next one.
func (g *guard) expire(now int64, timeout time.Duration) {
	s := g.call.Load()
	if s <= 0 || now-s <= int64(timeout) {
		return
	}
	g.mu.Lock()
	if g.call.CompareAndSwap(s, -s) {
		g.cancel()
	}
	g.mu.Unlock()
}

// overdue reports the start of the call in flight if it started more
// than d before now.
func (g *guard) overdue(now int64, d time.Duration) bool {
	s := g.call.Load()
	if s < 0 && s != abandonedMark {
		s = -s
	}
	return s > 0 && now-s > int64(d)
}

// abandon gives up on the call in flight, cancelling its context. On
// success the caller owns the worker's recorder (the worker will never
// touch it again) and gets the call's intended time and whether it was
// measured; it fails when no call is in flight.
func (g *guard) abandon() (intended int64, measured, ok bool) {
	for {
		s := g.call.Load()
		if s == 0 || s == abandonedMark {
			return 0, false, false
		}
		if g.call.CompareAndSwap(s, abandonedMark) {
			g.stop()
			return g.intended.Load(), g.measured.Load(), true
		}
	}
}

func (g *guard) stop() {
	g.mu.Lock()
	g.cancel()
	g.mu.Unlock()
}

// watchdogTick is how often the watchdog looks: a tenth of the timeout,
// between 1 ms and 100 ms.
func watchdogTick(timeout time.Duration) time.Duration {
	return min(max(timeout/10, time.Millisecond), 100*time.Millisecond)
}
