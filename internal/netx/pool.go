package netx

import (
	"context"
	"sync"
	"time"
)

// Conn is what a Pool holds: a connection that can be closed and used as
// a map key (a pointer).
type Conn interface {
	comparable
	Close() error
}

// Pool keeps the connections of a client whose calls take one connection
// each. Idle connections are reused LIFO, so the most recently used (warm,
// least likely to have been dropped) go out first and the surplus ages
// out. It tracks every open connection, so Close ends calls in flight too.
// It is safe for concurrent use.
type Pool[C Conn] struct {
	dial        func(context.Context) (C, error)
	maxIdle     int
	idleTimeout time.Duration

	mu     sync.Mutex
	idle   []idleConn[C]
	all    map[C]struct{}
	closed bool
}

type idleConn[C Conn] struct {
	c     C
	since time.Time
}

// NewPool returns a pool that opens connections with dial and keeps at
// most maxIdle of them idle, each for at most idleTimeout.
func NewPool[C Conn](dial func(context.Context) (C, error), maxIdle int, idleTimeout time.Duration) *Pool[C] {
	return &Pool[C]{dial: dial, maxIdle: maxIdle, idleTimeout: idleTimeout, all: map[C]struct{}{}}
}

// Get returns an idle connection, or a new one. It fails with
// ErrClientClosed once the pool is closed, or with dial's error.
func (p *Pool[C]) Get(ctx context.Context) (C, error) {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		var zero C
		return zero, ErrClientClosed
	}
	if n := len(p.idle); n > 0 {
		ic := p.idle[n-1]
		p.idle[n-1] = idleConn[C]{}
		p.idle = p.idle[:n-1]
		if time.Since(ic.since) <= p.idleTimeout {
			p.mu.Unlock()
			return ic.c, nil
		}
		// The newest idle connection is stale, so all of them are.
		p.dropLocked(ic.c)
		p.closeIdleLocked()
	}
	p.mu.Unlock()
	return p.New(ctx)
}

// New opens a connection and tracks it, even when idle ones exist.
func (p *Pool[C]) New(ctx context.Context) (C, error) {
	c, err := p.dial(ctx)
	if err != nil {
		return c, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		_ = c.Close()
		var zero C
		return zero, ErrClientClosed
	}
	p.all[c] = struct{}{}
	return c, nil
}

// Put returns a healthy connection for reuse; it is closed instead when
// the pool is closed or has maxIdle idle connections already.
func (p *Pool[C]) Put(c C) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed || len(p.idle) >= p.maxIdle {
		p.dropLocked(c)
		return
	}
	p.idle = append(p.idle, idleConn[C]{c: c, since: time.Now()})
}

// Discard closes a connection that must not be reused.
func (p *Pool[C]) Discard(c C) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.dropLocked(c)
}

// Size returns the numbers of open and idle connections.
func (p *Pool[C]) Size() (open, idle int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.all), len(p.idle)
}

// Close closes every connection, idle or in use, so calls in flight fail;
// later calls of Get fail with ErrClientClosed. Calling it twice is safe.
func (p *Pool[C]) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return
	}
	p.closed = true
	p.closeIdleLocked()
	for c := range p.all {
		p.dropLocked(c)
	}
}

func (p *Pool[C]) dropLocked(c C) {
	delete(p.all, c)
	_ = c.Close()
}

func (p *Pool[C]) closeIdleLocked() {
	for i, ic := range p.idle {
		p.dropLocked(ic.c)
		p.idle[i] = idleConn[C]{}
	}
	p.idle = p.idle[:0]
}
