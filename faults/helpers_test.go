package faults

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	code := m.Run()
	if code == 0 {
		if err := noGoroutines(true, 2*time.Second); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		} else if err := goleak.Find(); err != nil {
			// Any goroutine at all, not only the package's own.
			fmt.Fprintln(os.Stderr, "goleak:", err)
			code = 1
		}
	}
	os.Exit(code)
}

// noGoroutines waits up to within for every other goroutine running this
// package's code to end: the proxy's (files other than tests), and with
// tests set the test servers' too.
func noGoroutines(tests bool, within time.Duration) error {
	deadline := time.Now().Add(within)
	for {
		left := ourGoroutines(tests)
		if len(left) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%d goroutines leaked:\n\n%s", len(left), strings.Join(left, "\n\n"))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

var pkgDir = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file) + "/"
}()

func ourGoroutines(tests bool) []string {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	var out []string
	for i, g := range strings.Split(string(buf), "\n\n") {
		if i > 0 && runsOurCode(g, tests) { // the first is this goroutine
			out = append(out, g)
		}
	}
	return out
}

func runsOurCode(stack string, tests bool) bool {
	for _, line := range strings.Split(stack, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, pkgDir) {
			continue
		}
		file, _, _ := strings.Cut(strings.TrimPrefix(line, pkgDir), ":")
		if tests || !strings.HasSuffix(file, "_test.go") {
			return true
		}
	}
	return false
}

// server is a TCP server for tests that can be killed and started again on
// the same address.
type server struct {
	addr   string
	handle func(net.Conn)

	mu    sync.Mutex
	ln    net.Listener
	conns map[net.Conn]bool
	wg    sync.WaitGroup
}

// echo writes back what it reads, then closes.
func echo(c net.Conn) {
	_, _ = io.Copy(c, c)
	_ = c.Close()
}

func startServer(t testing.TB, handle func(net.Conn)) *server {
	t.Helper()
	s := &server{addr: "127.0.0.1:0", handle: handle}
	if err := s.listen(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.kill)
	return s
}

func (s *server) listen() error {
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.ln, s.addr, s.conns = ln, ln.Addr().String(), map[net.Conn]bool{}
	s.mu.Unlock()
	s.wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			if !s.add(c) {
				return
			}
			s.wg.Go(func() { s.handle(c) })
		}
	})
	return nil
}

func (s *server) add(c net.Conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conns == nil {
		_ = c.Close()
		return false
	}
	s.conns[c] = true
	return true
}

// kill closes the listener and every connection, as the death of the
// process would, and waits for the handlers.
func (s *server) kill() {
	s.mu.Lock()
	if s.ln != nil {
		_ = s.ln.Close()
	}
	for c := range s.conns {
		_ = c.Close()
	}
	s.conns = nil
	s.mu.Unlock()
	s.wg.Wait()
}

// startProxy starts a proxy to upstream that the test closes at its end,
// and checks that closing is prompt and leaves none of its goroutines.
func startProxy(t testing.TB, upstream string, opts Options) *Proxy {
	t.Helper()
	p, err := New(upstream, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { closeProxy(t, p) })
	return p
}

// echoHop starts an echo server behind a healthy proxy and opens one
// connection through it, warmed by a first round trip.
func echoHop(t testing.TB, opts Options) (*Proxy, *net.TCPConn) {
	t.Helper()
	srv := startServer(t, echo)
	p := startProxy(t, srv.addr, opts)
	c := dial(t, p.Addr())
	timeRoundTrip(t, c, "warm")
	return p, c
}

func closeProxy(t testing.TB, p *Proxy) {
	t.Helper()
	start := time.Now()
	if err := p.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Close took %v", d)
	}
}

// inject injects spec and returns its end; the test ends it at the latest.
func inject(t testing.TB, p *Proxy, spec string) func() {
	t.Helper()
	f, err := Parse(spec)
	if err != nil {
		t.Fatal(err)
	}
	end, err := p.Inject(f)
	if err != nil {
		t.Fatal(err)
	}
	ended := sync.OnceFunc(func() {
		if err := end(); err != nil {
			t.Errorf("end %s: %v", spec, err)
		}
	})
	t.Cleanup(ended)
	return ended
}

func dial(t testing.TB, addr string) *net.TCPConn {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c.(*net.TCPConn)
}

// roundTrip writes msg and reads as many bytes back, within d.
func roundTrip(c net.Conn, msg []byte, d time.Duration) error {
	_ = c.SetDeadline(time.Now().Add(d))
	defer c.SetDeadline(time.Time{})
	if _, err := c.Write(msg); err != nil {
		return err
	}
	got := make([]byte, len(msg))
	if _, err := io.ReadFull(c, got); err != nil {
		return err
	}
	if string(got) != string(msg) {
		return fmt.Errorf("echo %q, want %q", got, msg)
	}
	return nil
}

// timeRoundTrip is roundTrip that fails the test and returns the time.
func timeRoundTrip(t testing.TB, c net.Conn, msg string) time.Duration {
	t.Helper()
	start := time.Now()
	if err := roundTrip(c, []byte(msg), 5*time.Second); err != nil {
		t.Fatal(err)
	}
	return time.Since(start)
}

// isTimeout reports whether err is a deadline passing.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// eventually polls cond for up to 2 s.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(2 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not after 2s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
