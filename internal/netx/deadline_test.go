package netx

import (
	"context"
	"errors"
	"net"
	"os"
	"testing"
	"time"
)

// pipe returns a connected TCP pair whose peer never writes.
func pipe(t *testing.T) net.Conn {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	peer, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(); peer.Close() })
	return c
}

func TestDeadline(t *testing.T) {
	tests := []struct {
		name      string
		ctx       func() (context.Context, context.CancelFunc)
		wantClean bool
	}{
		{"deadline", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 30*time.Millisecond)
		}, false},
		{"cancel without deadline", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(30*time.Millisecond, cancel)
			return ctx, cancel
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := pipe(t)
			d := NewDeadline(c)
			ctx, cancel := tt.ctx()
			defer cancel()
			d.Arm(ctx)
			start := time.Now()
			_, err := c.Read(make([]byte, 1))
			if !errors.Is(err, os.ErrDeadlineExceeded) {
				t.Fatalf("Read: %v, want a deadline error", err)
			}
			if took := time.Since(start); took > 5*time.Second {
				t.Fatalf("Read returned after %v", took)
			}
			<-ctx.Done()
			time.Sleep(10 * time.Millisecond) // let a racing watchdog run
			if clean := d.Disarm(); clean != tt.wantClean {
				t.Fatalf("Disarm = %v, want %v", clean, tt.wantClean)
			}
		})
	}
}

func TestDeadlineClearsAfterACallWithOne(t *testing.T) {
	c := pipe(t)
	d := NewDeadline(c)
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	d.Arm(ctx)
	if !d.Disarm() {
		t.Fatal("Disarm after a live call = false")
	}
	cancel()
	// The next call has no deadline and cannot be cancelled: the old
	// deadline must be gone, so a read blocks until the conn closes.
	d.Arm(context.Background())
	done := make(chan error, 1)
	go func() { _, err := c.Read(make([]byte, 1)); done <- err }()
	select {
	case err := <-done:
		t.Fatalf("Read returned %v with no deadline armed", err)
	case <-time.After(50 * time.Millisecond):
	}
	c.Close()
	<-done
	if !d.Disarm() {
		t.Fatal("Disarm without a watchdog = false")
	}
}

func TestDeadlineAllocatesNothingWithoutContextBounds(t *testing.T) {
	c := pipe(t)
	d := NewDeadline(c)
	ctx := context.Background()
	if n := testing.AllocsPerRun(100, func() { d.Arm(ctx); d.Disarm() }); n != 0 {
		t.Fatalf("Arm+Disarm on an unbounded context: %v allocations, want 0", n)
	}
}
