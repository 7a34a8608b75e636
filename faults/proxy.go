package faults

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// Defaults of Options.
const (
	DefaultListen      = "127.0.0.1:0"
	DefaultDialTimeout = 5 * time.Second
)

// Options configures a Proxy. The zero value is usable.
type Options struct {
	// Listen is the address to listen on; DefaultListen when empty.
	Listen string
	// Seed seeds every random choice of every fault.
	Seed uint64
	// DialTimeout bounds each upstream dial; DefaultDialTimeout when zero.
	DialTimeout time.Duration
	// Restarter restarts the upstream server for the restart fault; without
	// one, restart cannot be injected.
	Restarter Restarter
	// Network is the steady condition of the path, applied to every
	// connection for the proxy's life; faults act on top of it. The zero
	// Network adds nothing.
	Network Network

	// trace, set by tests only, sees every chunk a fault shapes.
	trace func(ordinal uint64, d dir, delay time.Duration, kept bool)
}

// A Restarter kills the upstream server (kill -9, or an immediate
// PostgreSQL shutdown) and starts it again on the same address. The proxy
// cannot do that; whoever launched the server implements it.
type Restarter interface {
	// Restart returns once the server accepts connections again, or when
	// ctx (cancelled by Proxy.Close) is done.
	Restart(ctx context.Context) error
}

// Stats counts what a Proxy did since New. Reading them is cheap.
type Stats struct {
	Accepted  uint64 // connections accepted
	Active    int64  // connections open now
	Refused   uint64 // accepted but closed unforwarded: upstream unreachable, or down
	Resets    uint64 // RSTs sent: by the reset fault, or mirroring one peer's RST to the other
	BytesUp   uint64 // bytes delivered to the server
	BytesDown uint64 // bytes delivered to the client
}

// A Proxy forwards TCP connections from its address to one upstream address
// and injects faults into them. Its methods are safe for concurrent use.
type Proxy struct {
	upstream string
	addr     string // the bound address; down listens on it again
	opts     Options
	ctx      context.Context // cancelled by Close
	cancel   context.CancelFunc
	wg       sync.WaitGroup // every goroutine the proxy starts

	lnMu sync.Mutex
	ln   net.Listener // nil while down or closed

	linksMu     sync.Mutex
	links       map[*link]struct{}
	linksClosed bool

	rulesMu sync.Mutex // serialises setRules
	rules   atomic.Pointer[rules]

	injMu  sync.Mutex
	cur    *injection
	closed bool

	closeOnce sync.Once
	ordinal   atomic.Uint64 // of the last connection accepted
	stats     counters
}

type counters struct {
	accepted, refused, resets atomic.Uint64
	bytes                     [2]atomic.Uint64 // by direction index
	active                    atomic.Int64
}

// New listens on opts.Listen and forwards every connection it accepts to
// upstream, healthy until a fault is injected.
func New(upstream string, opts Options) (*Proxy, error) {
	if upstream == "" {
		return nil, errors.New("faults: no upstream address")
	}
	if opts.Listen == "" {
		opts.Listen = DefaultListen
	}
	if opts.DialTimeout <= 0 {
		opts.DialTimeout = DefaultDialTimeout
	}
	if err := opts.Network.check(); err != nil {
		return nil, fmt.Errorf("faults: network %s: %w", opts.Network, err)
	}
	ln, err := net.Listen("tcp", opts.Listen)
	if err != nil {
		return nil, fmt.Errorf("faults: listen: %w", err)
	}
	p := &Proxy{upstream: upstream, addr: ln.Addr().String(), opts: opts, ln: ln, links: map[*link]struct{}{}}
	p.ctx, p.cancel = context.WithCancel(context.Background())
	p.rules.Store(&rules{next: make(chan struct{})})
	p.wg.Go(func() { p.accept(ln) })
	return p, nil
}

// Addr returns the address clients dial, "host:port". It stays the same
// while the down fault closes and reopens the listener.
func (p *Proxy) Addr() string { return p.addr }

// Stats returns the proxy's counters.
func (p *Proxy) Stats() Stats {
	return Stats{
		Accepted:  p.stats.accepted.Load(),
		Active:    p.stats.active.Load(),
		Refused:   p.stats.refused.Load(),
		Resets:    p.stats.resets.Load(),
		BytesUp:   p.stats.bytes[up.index()].Load(),
		BytesDown: p.stats.bytes[down.index()].Load(),
	}
}

// Close ends the fault in force, closes the listener and every connection,
// and returns once every goroutine of the proxy has ended. It returns the
// error of ending the fault, if any. Calling it again returns nil.
func (p *Proxy) Close() error {
	var err error
	p.closeOnce.Do(func() { err = p.shutdown() })
	return err
}

func (p *Proxy) shutdown() error {
	p.cancel()
	p.injMu.Lock()
	p.closed = true
	var err error
	if p.cur != nil {
		err = p.cur.end()
		p.cur = nil
	}
	p.injMu.Unlock()
	p.unlisten()
	for _, l := range p.snapshot(true) {
		l.close(0)
	}
	p.wg.Wait()
	return err
}

// accept serves ln until it is closed.
func (p *Proxy) accept(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) || !p.pause(5*time.Millisecond) {
				return
			}
			continue // out of file descriptors, say: try again shortly
		}
		p.wg.Go(func() { p.serve(c.(*net.TCPConn)) })
	}
}

// pause waits d, or returns false at once if the proxy is closing.
func (p *Proxy) pause(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-p.ctx.Done():
		return false
	}
}

// serve connects one accepted client to the upstream and forwards until
// both sides are closed.
func (p *Proxy) serve(c *net.TCPConn) {
	p.stats.accepted.Add(1)
	l := &link{p: p, ord: p.ordinal.Add(1), client: c, done: make(chan struct{})}
	if !p.track(l) {
		_ = c.Close()
		return
	}
	if r := p.rules.Load(); r.onNew != nil {
		r.onNew(l)
		return
	}
	if !l.handshake() {
		return
	}
	d := net.Dialer{Timeout: p.opts.DialTimeout}
	s, err := d.DialContext(p.ctx, "tcp", p.upstream)
	if err != nil {
		if p.ctx.Err() == nil { // not a dial cut short by Close
			p.stats.refused.Add(1)
		}
		l.close(0)
		return
	}
	if l.attach(s.(*net.TCPConn)) {
		l.run()
	}
}

func (p *Proxy) track(l *link) bool {
	p.linksMu.Lock()
	defer p.linksMu.Unlock()
	if p.linksClosed {
		return false
	}
	p.links[l] = struct{}{}
	p.stats.active.Add(1)
	return true
}

func (p *Proxy) untrack(l *link) {
	p.linksMu.Lock()
	delete(p.links, l)
	p.linksMu.Unlock()
	p.stats.active.Add(-1)
}

// snapshot returns the open links; with final set, no link is tracked
// after it.
func (p *Proxy) snapshot(final bool) []*link {
	p.linksMu.Lock()
	defer p.linksMu.Unlock()
	p.linksClosed = p.linksClosed || final
	out := make([]*link, 0, len(p.links))
	for l := range p.links {
		out = append(out, l)
	}
	return out
}

// unlisten closes the listener: the kernel refuses new connections.
func (p *Proxy) unlisten() {
	p.lnMu.Lock()
	defer p.lnMu.Unlock()
	if p.ln != nil {
		_ = p.ln.Close()
		p.ln = nil
	}
}

// relisten listens on the proxy's address again, unless it is listening
// or closing.
func (p *Proxy) relisten() error {
	p.lnMu.Lock()
	defer p.lnMu.Unlock()
	if p.ln != nil || p.ctx.Err() != nil {
		return nil
	}
	ln, err := net.Listen("tcp", p.addr) // Go sets SO_REUSEADDR
	if err != nil {
		return fmt.Errorf("listen again on %s: %w", p.addr, err)
	}
	p.ln = ln
	p.wg.Go(func() { p.accept(ln) })
	return nil
}
