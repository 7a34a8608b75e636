package conformance

import (
	"net"
	"sync"
	"sync/atomic"
	"testing"
)

// DropProxy forwards TCP connections to a target until Drop is called.
// From then on, the next bytes a client sends on any connection, open or
// new, close that connection instead of reaching the target: the request
// is lost and the client sees its connection end (FIN, or a reset).
type DropProxy struct {
	ln      net.Listener
	target  string
	mode    atomic.Int32 // forwarding, dropFIN or dropRST
	dials   atomic.Int64
	dropped atomic.Int64

	wg    sync.WaitGroup
	mu    sync.Mutex
	conns []net.Conn
}

const (
	forwarding int32 = iota
	dropFIN
	dropRST
)

// NewDropProxy listens on a loopback port and forwards to target
// (host:port) until t ends.
func NewDropProxy(t *testing.T, target string) *DropProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &DropProxy{ln: ln, target: target}
	p.wg.Go(p.accept)
	t.Cleanup(p.close)
	return p
}

// Addr returns the proxy's host:port.
func (p *DropProxy) Addr() string { return p.ln.Addr().String() }

// Drop makes the proxy drop every connection on its client's next bytes,
// with a reset if reset is set, else with a plain close.
func (p *DropProxy) Drop(reset bool) {
	if reset {
		p.mode.Store(dropRST)
	} else {
		p.mode.Store(dropFIN)
	}
}

// Dials returns the connections accepted so far.
func (p *DropProxy) Dials() int64 { return p.dials.Load() }

// Dropped returns the connections dropped so far: each is a request (or a
// connection set-up) that was sent and lost.
func (p *DropProxy) Dropped() int64 { return p.dropped.Load() }

func (p *DropProxy) accept() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.dials.Add(1)
		up, err := net.Dial("tcp", p.target)
		if err != nil {
			_ = c.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, c, up)
		p.mu.Unlock()
		p.wg.Go(func() { p.upstream(c.(*net.TCPConn), up) })
		p.wg.Go(func() { p.downstream(c, up) })
	}
}

// upstream forwards the client's bytes, or drops the client.
func (p *DropProxy) upstream(c *net.TCPConn, up net.Conn) {
	buf := make([]byte, 32<<10)
	for {
		n, err := c.Read(buf)
		if err != nil {
			_ = up.Close()
			return
		}
		if mode := p.mode.Load(); mode != forwarding {
			p.dropped.Add(1)
			if mode == dropRST {
				_ = c.SetLinger(0)
			}
			_ = c.Close()
			_ = up.Close()
			return
		}
		if _, err := up.Write(buf[:n]); err != nil {
			return
		}
	}
}

// downstream forwards the target's bytes.
func (p *DropProxy) downstream(c, up net.Conn) {
	buf := make([]byte, 32<<10)
	for {
		n, err := up.Read(buf)
		if err != nil {
			_ = c.Close()
			return
		}
		if _, err := c.Write(buf[:n]); err != nil {
			return
		}
	}
}

func (p *DropProxy) close() {
	_ = p.ln.Close()
	p.mu.Lock()
	for _, c := range p.conns {
		_ = c.Close()
	}
	p.mu.Unlock()
	p.wg.Wait()
}
