package bench

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// guard bounds the calls of one worker without a context per call: the
// worker stamps the start of each call, and a watchdog cancels the worker's
// context when a call outlives the timeout. This costs the hot path one
// atomic store instead of a context.WithTimeout (a timer and allocations).
type guard struct {
	parent  context.Context
	mu      sync.Mutex
	ctx     context.Context
	cancel  context.CancelFunc
	started atomic.Int64 // unix nanos of the call in flight, 0 when idle
	fired   atomic.Bool  // the watchdog cancelled the current context
}

func newGuard(parent context.Context) *guard {
	g := &guard{parent: parent}
	g.ctx, g.cancel = context.WithCancel(parent)
	return g
}

// context returns the worker's current context, renewing it after the
// watchdog cancelled it. Only the worker calls it.
func (g *guard) context() context.Context {
	if g.ctx.Err() == nil || g.parent.Err() != nil {
		return g.ctx
	}
	g.mu.Lock()
	g.cancel()
	g.ctx, g.cancel = context.WithCancel(g.parent)
	g.mu.Unlock()
	g.fired.Store(false)
	return g.ctx
}

func (g *guard) expire(now int64, timeout time.Duration) {
	if s := g.started.Load(); s != 0 && now-s > int64(timeout) {
		g.mu.Lock()
		g.fired.Store(true)
		g.cancel()
		g.mu.Unlock()
	}
}

func (g *guard) stop() {
	g.mu.Lock()
	g.cancel()
	g.mu.Unlock()
}

// watchdog expires overdue calls until ctx ends.
func watchdog(ctx context.Context, guards []*guard, timeout time.Duration) {
	tick := min(max(timeout/10, time.Millisecond), 100*time.Millisecond)
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			for _, g := range guards {
				g.expire(now.UnixNano(), timeout)
			}
		}
	}
}
