package thrift

import (
	"errors"
	"net"
	"sync"
	"time"

	"github.com/intbench/intbench/transports/thrift/gen/orders"
)

// errClientClosed is returned by calls on a closed client.
var errClientClosed = errors.New("thrift: client closed")

// pconn is one pooled connection with its own generated client (a Thrift
// client holds a sequence number and must not be shared between calls).
type pconn struct {
	nc        net.Conn
	ct        *connTransport
	oc        *orders.OrdersClient
	idleSince time.Time
}

// pool keeps idle connections LIFO, so the most recently used (warm, least
// likely to have been dropped) go out first and the surplus ages out. It
// tracks every open connection so Close can end calls in flight too.
type pool struct {
	maxIdle     int
	idleTimeout time.Duration

	mu     sync.Mutex
	idle   []*pconn
	all    map[*pconn]struct{}
	closed bool
}

func newPool(maxIdle int, idleTimeout time.Duration) *pool {
	return &pool{maxIdle: maxIdle, idleTimeout: idleTimeout, all: map[*pconn]struct{}{}}
}

// get returns an idle connection, or nil when there is none. It fails only
// when the pool is closed.
func (p *pool) get() (*pconn, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil, errClientClosed
	}
	n := len(p.idle)
	if n == 0 {
		return nil, nil
	}
	c := p.idle[n-1]
	p.idle[n-1] = nil
	p.idle = p.idle[:n-1]
	if time.Since(c.idleSince) > p.idleTimeout {
		// The newest idle connection is stale, so all of them are.
		p.idle = append(p.idle, c)
		p.closeIdleLocked()
		return nil, nil
	}
	return c, nil
}

// add registers a newly dialled connection.
func (p *pool) add(c *pconn) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return errClientClosed
	}
	p.all[c] = struct{}{}
	return nil
}

// put returns a healthy connection for reuse.
func (p *pool) put(c *pconn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed || len(p.idle) >= p.maxIdle {
		p.dropLocked(c)
		return
	}
	c.idleSince = time.Now()
	p.idle = append(p.idle, c)
}

// discard closes a connection that must not be reused.
func (p *pool) discard(c *pconn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.dropLocked(c)
}

func (p *pool) dropLocked(c *pconn) {
	delete(p.all, c)
	_ = c.nc.Close()
}

func (p *pool) closeIdleLocked() {
	for i, c := range p.idle {
		p.dropLocked(c)
		p.idle[i] = nil
	}
	p.idle = p.idle[:0]
}

// size returns the numbers of open and idle connections.
func (p *pool) size() (open, idle int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.all), len(p.idle)
}

// close closes every connection, idle or in use; later calls do nothing.
func (p *pool) close() {
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
