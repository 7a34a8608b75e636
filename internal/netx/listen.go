package netx

import (
	"net"
	"sync"
	"syscall"
)

// LimitListener returns a listener that holds at most n of its
// connections open at once. A connection accepted beyond them is reset at
// once (SO_LINGER 0), so that its client fails fast with "connection
// reset by peer" rather than waiting in the backlog for a slot; Accept
// then goes on to the next one. A slot is free again when its connection
// is closed.
func LimitListener(ln net.Listener, n int) net.Listener {
	return &limitListener{Listener: ln, slots: make(chan struct{}, n)}
}

type limitListener struct {
	net.Listener
	slots chan struct{}
}

// Accept returns the next connection within the limit.
func (l *limitListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		select {
		case l.slots <- struct{}{}:
			return &limitConn{Conn: c, free: func() { <-l.slots }}, nil
		default:
			reset(c)
		}
	}
}

// reset closes c with a RST rather than a FIN.
func reset(c net.Conn) {
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = c.Close()
}

// limitConn gives its slot back when closed. It passes on the methods of
// a *net.TCPConn that servers look for: CloseWrite (a graceful close) and
// SyscallConn (Thrift's connectivity check).
type limitConn struct {
	net.Conn
	once sync.Once
	free func()
}

// Close closes the connection and frees its slot; calling it twice is
// safe.
func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.free)
	return err
}

// CloseWrite shuts down the writing side, where the connection has one.
func (c *limitConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

// SyscallConn returns the raw connection, where there is one.
func (c *limitConn) SyscallConn() (syscall.RawConn, error) {
	if sc, ok := c.Conn.(syscall.Conn); ok {
		return sc.SyscallConn()
	}
	return nil, syscall.EINVAL
}
