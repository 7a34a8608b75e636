package netx

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

type fakeConn struct {
	id     int
	closed atomic.Bool
}

func (c *fakeConn) Close() error { c.closed.Store(true); return nil }

func newFakePool(maxIdle int, idle time.Duration) (*Pool[*fakeConn], *int) {
	n := new(int)
	return NewPool(func(context.Context) (*fakeConn, error) {
		*n++
		return &fakeConn{id: *n}, nil
	}, maxIdle, idle), n
}

func TestPoolReusesLIFO(t *testing.T) {
	p, _ := newFakePool(2, time.Hour)
	ctx := context.Background()
	a, _ := p.Get(ctx)
	b, _ := p.Get(ctx)
	c, _ := p.Get(ctx)
	p.Put(a)
	p.Put(b)
	p.Put(c) // over maxIdle: closed
	if !c.closed.Load() || a.closed.Load() || b.closed.Load() {
		t.Fatalf("closed a=%v b=%v c=%v, want only c", a.closed.Load(), b.closed.Load(), c.closed.Load())
	}
	if got, _ := p.Get(ctx); got != b {
		t.Fatalf("Get = conn %d, want the last one put (%d)", got.id, b.id)
	}
	if open, idle := p.Size(); open != 2 || idle != 1 {
		t.Fatalf("Size = %d open, %d idle; want 2, 1", open, idle)
	}
}

func TestPoolDropsStaleConnections(t *testing.T) {
	p, dials := newFakePool(4, time.Millisecond)
	ctx := context.Background()
	a, _ := p.Get(ctx)
	b, _ := p.Get(ctx)
	p.Put(a)
	p.Put(b)
	time.Sleep(5 * time.Millisecond)
	c, _ := p.Get(ctx)
	if c == a || c == b || !a.closed.Load() || !b.closed.Load() || *dials != 3 {
		t.Fatalf("got conn %d after idling; a closed %v, b closed %v, %d dials", c.id, a.closed.Load(), b.closed.Load(), *dials)
	}
}

func TestPoolCloseEndsConnectionsInUse(t *testing.T) {
	p, _ := newFakePool(4, time.Hour)
	ctx := context.Background()
	inUse, _ := p.Get(ctx)
	idle, _ := p.Get(ctx)
	p.Put(idle)
	p.Close()
	p.Close()
	if !inUse.closed.Load() || !idle.closed.Load() {
		t.Fatal("Close left a connection open")
	}
	if _, err := p.Get(ctx); !errors.Is(err, ErrClientClosed) {
		t.Fatalf("Get after Close: %v", err)
	}
	p.Put(inUse) // a call ending after Close
	if open, idle := p.Size(); open != 0 || idle != 0 {
		t.Fatalf("Size after Close = %d, %d", open, idle)
	}
}

func TestPoolDialError(t *testing.T) {
	boom := errors.New("refused")
	p := NewPool(func(context.Context) (*fakeConn, error) { return nil, boom }, 1, time.Hour)
	if _, err := p.Get(context.Background()); !errors.Is(err, boom) {
		t.Fatalf("Get: %v", err)
	}
	if open, _ := p.Size(); open != 0 {
		t.Fatalf("%d open after a failed dial", open)
	}
}
