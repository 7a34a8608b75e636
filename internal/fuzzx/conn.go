package fuzzx

import (
	"bytes"
	"context"
	"errors"
	"net"
	"os"
	"sync"
	"time"

	"github.com/intbench/intbench/transports"
)

// MaxSent is the most a Peer keeps of what is written to it; the rest is
// counted and dropped, so a fuzzed exchange cannot grow it without bound.
const MaxSent = 1 << 20

// peerAddr is the address of both ends of a Peer.
var peerAddr = &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 9}

var _ net.Conn = (*Peer)(nil)

// Peer is a connection whose far end sends the bytes it was made with,
// then io.EOF: at once (NewPeer, a client's bytes for a server), or in
// answer to the first write (NewReplier, a server's answer for a client,
// which must not come before the request: net/http's client reads as soon
// as it dials, and calls an answer that comes first unsolicited). Writes
// succeed and are kept, up to MaxSent. A read deadline ends a read that
// waits; once the far end has spoken no read waits. It is safe for
// concurrent use.
type Peer struct {
	mu      sync.Mutex
	in      *bytes.Reader
	sent    []byte
	spoke   bool
	closed  bool
	readDL  time.Time
	changed chan struct{} // closed and replaced when any of the above changes
}

// NewPeer returns a connection whose far end has sent in.
func NewPeer(in []byte) *Peer {
	return &Peer{in: bytes.NewReader(in), spoke: true, changed: make(chan struct{})}
}

// NewReplier returns a connection whose far end answers the first write
// with in.
func NewReplier(in []byte) *Peer { return &Peer{in: bytes.NewReader(in), changed: make(chan struct{})} }

// Read reads what the far end answered, once something was written, then
// io.EOF.
func (p *Peer) Read(b []byte) (int, error) {
	for {
		p.mu.Lock()
		switch {
		case p.closed:
			p.mu.Unlock()
			return 0, net.ErrClosed
		case p.spoke:
			defer p.mu.Unlock()
			return p.in.Read(b)
		case !p.readDL.IsZero() && !time.Now().Before(p.readDL):
			p.mu.Unlock()
			return 0, os.ErrDeadlineExceeded
		}
		changed, dl := p.changed, p.readDL
		p.mu.Unlock()
		wait(changed, dl)
	}
}

// wait returns when changed is closed or dl (if set) has passed.
func wait(changed <-chan struct{}, dl time.Time) {
	if dl.IsZero() {
		<-changed
		return
	}
	t := time.NewTimer(time.Until(dl))
	defer t.Stop()
	select {
	case <-changed:
	case <-t.C:
	}
}

// change records that the state changed; p.mu is held.
func (p *Peer) change() {
	close(p.changed)
	p.changed = make(chan struct{})
}

// Write keeps b (up to MaxSent in all) and reports it written.
func (p *Peer) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return 0, net.ErrClosed
	}
	if room := MaxSent - len(p.sent); room > 0 {
		p.sent = append(p.sent, b[:min(len(b), room)]...)
	}
	if !p.spoke && len(b) > 0 {
		p.spoke = true
		p.change()
	}
	return len(b), nil
}

// Sent returns what was written, up to MaxSent bytes.
func (p *Peer) Sent() []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.sent
}

// Close closes the connection; later reads and writes fail.
func (p *Peer) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.closed {
		p.closed = true
		p.change()
	}
	return nil
}

// LocalAddr returns a loopback address.
func (*Peer) LocalAddr() net.Addr { return peerAddr }

// RemoteAddr returns a loopback address.
func (*Peer) RemoteAddr() net.Addr { return peerAddr }

// SetDeadline sets the read deadline; writes never wait.
func (p *Peer) SetDeadline(t time.Time) error { return p.SetReadDeadline(t) }

// SetReadDeadline bounds the wait of reads for the first write.
func (p *Peer) SetReadDeadline(t time.Time) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.readDL = t
	p.change()
	return nil
}

// SetWriteDeadline does nothing: writes never wait.
func (*Peer) SetWriteDeadline(time.Time) error { return nil }

// ErrOneConn is what a DialPeer dialer returns after its one connection.
var ErrOneConn = errors.New("fuzzx: the peer's one connection is taken")

// DialPeer returns a dialer whose first connection is a Peer that
// answers in (NewReplier);
// later dials fail with ErrOneConn (a client that dials again would read
// the reply a second time, which no server sends).
func DialPeer(in []byte) transports.DialFunc {
	var once sync.Once
	return func(context.Context, string, string) (net.Conn, error) {
		var c net.Conn
		once.Do(func() { c = NewReplier(in) })
		if c == nil {
			return nil, ErrOneConn
		}
		return c, nil
	}
}

// Tap records the bytes of every connection dialled through it, each
// direction in one stream: use one Tap per connection to keep them apart.
type Tap struct {
	mu             sync.Mutex
	sent, received bytes.Buffer
}

// Dial returns a dialer that opens connections through next and records
// them.
func (t *Tap) Dial(next transports.DialFunc) transports.DialFunc {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := next(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return &tapConn{Conn: c, t: t}, nil
	}
}

// Sent returns a copy of the bytes written so far.
func (t *Tap) Sent() []byte {
	t.mu.Lock()
	defer t.mu.Unlock()
	return bytes.Clone(t.sent.Bytes())
}

// Received returns a copy of the bytes read so far.
func (t *Tap) Received() []byte {
	t.mu.Lock()
	defer t.mu.Unlock()
	return bytes.Clone(t.received.Bytes())
}

type tapConn struct {
	net.Conn
	t *Tap
}

func (c *tapConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	c.t.mu.Lock()
	c.t.received.Write(b[:n])
	c.t.mu.Unlock()
	return n, err
}

func (c *tapConn) Write(b []byte) (int, error) {
	n, err := c.Conn.Write(b)
	c.t.mu.Lock()
	c.t.sent.Write(b[:n])
	c.t.mu.Unlock()
	return n, err
}
