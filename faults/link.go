package faults

import (
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// A link is one proxied connection: the client's socket, the one dialled
// upstream, and a pipe each way.
type link struct {
	p      *Proxy
	ord    uint64 // 1 for the first connection accepted
	client *net.TCPConn
	done   chan struct{} // closed by close

	mu     sync.Mutex
	server *net.TCPConn // nil until dialled
	closed bool

	halves atomic.Int32 // pipes that delivered their source's close
}

// attach adds the upstream socket, unless the link was closed meanwhile.
func (l *link) attach(s *net.TCPConn) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		_ = s.Close()
		return false
	}
	l.server = s
	return true
}

// handshake waits one round trip of the network before the link dials
// upstream. The client's connect returned at once, on loopback; holding
// its first bytes back this long charges them the round trip TCP's
// handshake takes. False means the link was closed meanwhile.
func (l *link) handshake() bool {
	rtt := l.p.opts.Network.RTT
	if rtt <= 0 {
		return true
	}
	var s sleeper
	defer s.close()
	return s.until(time.Now().Add(rtt), l.done)
}

// run forwards both ways until the link is closed.
func (l *link) run() {
	upPipe := newPipe(l, up, l.client, l.server)
	downPipe := newPipe(l, down, l.server, l.client)
	l.p.wg.Go(downPipe.run)
	upPipe.run()
}

// close closes both sockets once: with a RST (SO_LINGER 0) to the client
// if rst has down, to the server if rst has up, and a FIN otherwise.
func (l *link) close(rst dir) {
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return
	}
	l.closed = true
	s := l.server
	l.mu.Unlock()
	close(l.done)
	l.p.untrack(l)
	l.p.shut(l.client, rst.has(down))
	if s != nil {
		l.p.shut(s, rst.has(up))
	}
}

// halfClosed notes that one pipe delivered its source's close; after both,
// the link is done.
func (l *link) halfClosed() {
	if l.halves.Add(1) == 2 {
		l.close(0)
	}
}

func (p *Proxy) shut(c *net.TCPConn, rst bool) {
	if rst && c.SetLinger(0) == nil {
		p.stats.resets.Add(1)
	}
	_ = c.Close()
}
