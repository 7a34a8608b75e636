package shareddb

import (
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"net/url"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/intbench/intbench/internal/backend"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// Proxy modes.
const (
	forward = iota
	dropRST // the next bytes from the client close its connection with a reset
	dropFIN // ... with a plain close
)

// dropProxy forwards connections to PostgreSQL until told to drop them:
// then the next bytes a client sends (a query, or a new connection's
// start-up) close the client's connection instead of reaching the server.
type dropProxy struct {
	ln     net.Listener
	target string
	mode   atomic.Int32
	dials  atomic.Int64 // connections accepted
	wg     sync.WaitGroup
	mu     sync.Mutex
	conns  []net.Conn
}

func newDropProxy(t *testing.T, b *backend.Backend) (*dropProxy, string) {
	t.Helper()
	u, err := url.Parse(b.DSN)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &dropProxy{ln: ln, target: u.Host}
	p.wg.Go(p.accept)
	t.Cleanup(p.close)
	u.Host = ln.Addr().String()
	return p, u.String()
}

func (p *dropProxy) accept() {
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
		p.wg.Go(func() { p.pipe(c, up) })
	}
}

// upstream forwards the client's bytes, or drops the client.
func (p *dropProxy) upstream(c *net.TCPConn, up net.Conn) {
	buf := make([]byte, 32<<10)
	for {
		n, err := c.Read(buf)
		if err != nil {
			_ = up.Close()
			return
		}
		switch p.mode.Load() {
		case dropRST:
			_ = c.SetLinger(0)
			fallthrough
		case dropFIN:
			_ = c.Close()
			_ = up.Close()
			return
		}
		if _, err := up.Write(buf[:n]); err != nil {
			return
		}
	}
}

func (p *dropProxy) pipe(dst, src net.Conn) {
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if err != nil {
			_ = dst.Close()
			return
		}
		if _, err := dst.Write(buf[:n]); err != nil {
			return
		}
	}
}

func (p *dropProxy) close() {
	_ = p.ln.Close()
	p.mu.Lock()
	for _, c := range p.conns {
		_ = c.Close()
	}
	p.mu.Unlock()
	p.wg.Wait()
}

// TestMidCallFailures shows what the caller sees when the connection of an
// established client is reset or closed under a query, and the connections
// database/sql opens to try again are dropped too. lib/pq reports a reset
// as it is, which database/sql does not retry; it turns an EOF after
// sending into driver.ErrBadConn, on which database/sql tries again on new
// connections (lib/pq#939: a statement that had run would run twice), and
// the caller sees the last attempt's EOF.
func TestMidCallFailures(t *testing.T) {
	tests := []struct {
		name      string
		mode      int32
		want      error
		wantRetry bool
	}{
		{"reset", dropRST, syscall.ECONNRESET, false},
		{"eof", dropFIN, io.EOF, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, dsn := newDropProxy(t, database(t))
			cl, err := New().Dial(testCtx(t), dsn, transports.DialConfig{})
			if err != nil {
				t.Fatal(err)
			}
			defer cl.Close()
			if _, err := cl.GetCustomer(testCtx(t), 1); err != nil {
				t.Fatal(err)
			}
			p.mode.Store(tt.mode)
			before := p.dials.Load()
			_, err = cl.GetCustomer(testCtx(t), 1)
			if redials := p.dials.Load() - before; (redials > 0) != tt.wantRetry {
				t.Errorf("database/sql opened %d connections to try again, want retries: %v", redials, tt.wantRetry)
			}
			t.Logf("%s under a query: ECONNRESET=%v io.EOF=%v driver.ErrBadConn=%v: %v", tt.name,
				errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.EOF), errors.Is(err, driver.ErrBadConn), err)
			if k := service.KindOf(err); k != service.KindUnavailable || !errors.Is(err, tt.want) {
				t.Fatalf("kind %v, want Unavailable caused by %v: %v", k, tt.want, err)
			}
		})
	}
}
