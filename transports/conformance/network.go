package conformance

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/intbench/intbench/internal/backend"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// NetErrors says which cause a pattern's errors carry, by errors.Is, when
// the network fails under a call; nil checks the kind (Unavailable) only,
// for a library that hides the cause.
type NetErrors struct {
	// Refused: the server's port is closed.
	Refused error
	// Reset: the server reads the request, then resets the connection
	// (SO_LINGER 0, a true RST).
	Reset error
	// EOF: the server reads the request, then closes the connection
	// (FIN) without answering.
	EOF error
}

// CausesKept is what a client whose library keeps the network's errors in
// the chain reports: the syscall error, or io.EOF.
var CausesKept = NetErrors{Refused: syscall.ECONNREFUSED, Reset: syscall.ECONNRESET, EOF: io.EOF}

// HostPort is the address function of patterns dialled at host:port.
func HostPort(hostport string) string { return hostport }

// causes are the errors.Is targets the engine classes failures by; Network
// logs which of them an error matches.
var causes = []struct {
	name string
	err  error
}{
	{"ECONNREFUSED", syscall.ECONNREFUSED},
	{"ECONNRESET", syscall.ECONNRESET},
	{"EPIPE", syscall.EPIPE},
	{"io.EOF", io.EOF},
	{"io.ErrUnexpectedEOF", io.ErrUnexpectedEOF},
	{"os.ErrDeadlineExceeded", os.ErrDeadlineExceeded},
	{"context.DeadlineExceeded", context.DeadlineExceeded},
}

// Network checks what tr's client reports when the network fails: for a
// closed port, a reset and an early close, the error (from Dial or from
// the first call, whichever fails) must be of kind Unavailable and match
// want's cause. It runs under the default and the hardened profile; the
// hardened client must also have retried the call twice. addr turns
// host:port into what tr.Dial takes. The causes each error matches are
// logged, as the table of what each library reports.
func Network(t *testing.T, tr transports.Transport, addr func(hostport string) string, want NetErrors) {
	t.Helper()
	cases := []struct {
		name   string
		listen func(t *testing.T) string
		want   error
	}{
		{"refused", closedPort, want.Refused},
		{"reset", func(t *testing.T) string { return dropServer(t, true) }, want.Reset},
		{"eof", func(t *testing.T) string { return dropServer(t, false) }, want.EOF},
	}
	profiles := []struct {
		name string
		cfg  func(t *testing.T) transports.ClientConfig
	}{
		{transports.ProfileDefault, func(*testing.T) transports.ClientConfig { return transports.ClientConfig{} }},
		{transports.ProfileHardened, hardenedConfig},
	}
	for _, p := range profiles {
		for _, c := range cases {
			t.Run(p.name+"/"+c.name, func(t *testing.T) {
				cfg := p.cfg(t)
				err, called, retries := failOnce(t, tr, addr(c.listen(t)), cfg)
				t.Logf("%s %s/%s: %s; %v", tr.Name(), p.name, c.name, matches(err), err)
				if k := service.KindOf(err); k != service.KindUnavailable {
					t.Fatalf("kind %v, want Unavailable: %v", k, err)
				}
				if c.want != nil && !errors.Is(err, c.want) {
					t.Fatalf("errors.Is(err, %v) = false: %v", c.want, err)
				}
				if wantRetries := int64(max(cfg.Retry.Attempts-1, 0)); called && retries != wantRetries {
					t.Fatalf("%d retries, want %d", retries, wantRetries)
				}
			})
		}
	}
}

// failOnce dials addr and, if that succeeds, calls GetCustomer. It returns
// the error, whether the call was made and the client's retries.
func failOnce(t *testing.T, tr transports.Transport, addr string, cfg transports.ClientConfig) (err error, called bool, retries int64) {
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	cl, err := tr.Dial(ctx, addr, transports.DialConfig{Client: cfg})
	if err != nil {
		return err, false, 0
	}
	defer cl.Close()
	if _, err = cl.GetCustomer(ctx, 1); err == nil {
		t.Fatal("GetCustomer succeeded against a failing server")
	}
	return err, true, transports.RetriesOf(cl)
}

// matches lists the causes err matches, e.g. "ECONNRESET=true io.EOF=false".
func matches(err error) string {
	s := ""
	for _, c := range causes {
		s += fmt.Sprintf("%s=%v ", c.name, errors.Is(err, c.err))
	}
	return s + "kind=" + service.KindOf(err).String()
}

// closedPort returns a loopback host:port nobody listens on.
func closedPort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	return addr
}

// quiet is how long a dropServer waits for more bytes before it decides
// the request is complete: generous, because a request may leave the
// client in several writes (HTTP headers, then the body).
const quiet = 250 * time.Millisecond

// dropServer listens on a loopback port; on every connection it reads the
// request (until the client has been quiet for a while), then closes the
// connection, with a reset when reset is set. It stops when t ends.
func dropServer(t *testing.T, reset bool) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Go(func() { drop(c.(*net.TCPConn), reset) })
		}
	})
	t.Cleanup(func() {
		_ = ln.Close()
		wg.Wait()
	})
	return ln.Addr().String()
}

func drop(c *net.TCPConn, reset bool) {
	buf := make([]byte, 64<<10)
	for {
		_ = c.SetReadDeadline(time.Now().Add(quiet))
		if _, err := c.Read(buf); err != nil {
			break
		}
	}
	if reset {
		_ = c.SetLinger(0)
	}
	_ = c.Close()
}

// Resends checks how many times tr's client sends a read on its own
// (default profile, no retries of ours) when the server's side of a reused
// connection closes as the request arrives, and every new connection fails
// the same way: sends is 1 for a client that does not re-send, 2 for one
// that re-sends once on a fresh connection (net/http for GETs, our rawtcp
// client). The call must fail as Unavailable. It serves the memory
// backend, so it is for patterns with a server of their own whose client
// opens connections on demand (not gRPC, which also reconnects in the
// background).
func Resends(t *testing.T, tr transports.Transport, sends int64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	srv, err := tr.Serve(ctx, transports.ServeConfig{Backend: backend.NewMemory(service.MustGenerate(Seed)).Backend})
	if err != nil {
		t.Fatalf("serve: %v", err)
	}
	defer srv.Close()
	p := NewDropProxy(t, srv.Addr())
	cl, err := tr.Dial(ctx, p.Addr(), transports.DialConfig{})
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	defer cl.Close()
	if _, err := cl.GetCustomer(ctx, 1); err != nil {
		t.Fatalf("GetCustomer through the proxy: %v", err)
	}
	p.Drop(false)
	_, err = cl.GetCustomer(ctx, 1)
	t.Logf("%s: a read on a reused connection closed under it was sent %d times: %v", tr.Name(), p.Dropped(), err)
	if k := service.KindOf(err); k != service.KindUnavailable {
		t.Fatalf("kind %v, want Unavailable: %v", k, err)
	}
	if got := p.Dropped(); got != sends {
		t.Fatalf("the read was sent %d times, want %d", got, sends)
	}
}
