package faults

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// killer restarts a test server the way the engine restarts a process:
// kill it, start it again on the same address.
type killer struct{ s *server }

func (k killer) Restart(ctx context.Context) error {
	k.s.kill()
	select {
	case <-time.After(30 * time.Millisecond): // the time a process takes to start
	case <-ctx.Done():
		return ctx.Err()
	}
	return k.s.listen()
}

// restart kills the server at onset: open clients see their connection
// end; once ended, a new connection through the same proxy works.
func TestRestart(t *testing.T) {
	t.Parallel()
	srv := startServer(t, echo)
	p := startProxy(t, srv.addr, Options{Restarter: killer{srv}})
	c := dial(t, p.Addr())
	timeRoundTrip(t, c, "warm")
	end := inject(t, p, "restart")
	if err := readErr(c); err == nil || isTimeout(err) {
		t.Errorf("open connection across a restart: %v, want it closed", err)
	}
	end()
	if err := roundTrip(dial(t, p.Addr()), []byte("again"), 2*time.Second); err != nil {
		t.Fatal(err)
	}
}

// Without a Restarter, restart cannot be injected and says why.
func TestRestartNeedsRestarter(t *testing.T) {
	t.Parallel()
	p := startProxy(t, "127.0.0.1:1", Options{})
	_, err := p.Inject(restart{})
	if err == nil || !strings.HasPrefix(err.Error(), "faults: inject restart: ") {
		t.Fatalf("Inject(restart) without a Restarter: %v", err)
	}
}

type failing struct{}

func (failing) Restart(context.Context) error { return errors.New("no such process") }

// A failed restart is the error of ending the fault.
func TestRestartFailure(t *testing.T) {
	t.Parallel()
	p := startProxy(t, "127.0.0.1:1", Options{Restarter: failing{}})
	end, err := p.Inject(restart{})
	if err != nil {
		t.Fatal(err)
	}
	if err := end(); err == nil || !strings.Contains(err.Error(), "no such process") {
		t.Fatalf("end: %v, want the restarter's error", err)
	}
}
