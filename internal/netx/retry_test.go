package netx

import (
	"context"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

var hardenedRetry = transports.RetryPolicy{Attempts: 3, Backoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond}

func TestDo(t *testing.T) {
	unavailable := service.Wrap(service.KindUnavailable, io.EOF, "x")
	tests := []struct {
		name      string
		policy    transports.RetryPolicy
		safe      bool
		errs      []error // what each attempt returns; nil is success
		ctx       func() (context.Context, context.CancelFunc)
		wantCalls int
		wantErr   error
	}{
		{"success", hardenedRetry, true, []error{nil}, nil, 1, nil},
		{"unavailable then success", hardenedRetry, true, []error{unavailable, nil}, nil, 2, nil},
		{"unavailable every time", hardenedRetry, true, []error{unavailable, unavailable, unavailable}, nil, 3, unavailable},
		{"no policy", transports.RetryPolicy{}, true, []error{unavailable}, nil, 1, unavailable},
		{"unsafe write", hardenedRetry, false, []error{unavailable}, nil, 1, unavailable},
		{"application error", hardenedRetry, true, []error{service.Errorf(service.KindNotFound, "no")}, nil, 1, service.ErrNotFound},
		{"conflict", hardenedRetry, true, []error{service.Errorf(service.KindConflict, "no")}, nil, 1, service.ErrConflict},
		{"deadline exceeded", hardenedRetry, true, []error{service.Errorf(service.KindDeadlineExceeded, "slow")}, nil, 1, service.ErrDeadlineExceeded},
		{"closed client", hardenedRetry, true, []error{Closed("rest")}, nil, 1, ErrClientClosed},
		{"caller cancelled", hardenedRetry, true, []error{unavailable}, func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx, cancel
		}, 1, unavailable},
		{"wait would pass the deadline", transports.RetryPolicy{Attempts: 3, Backoff: time.Hour}, true, []error{unavailable}, func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), time.Minute)
		}, 1, unavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.Background(), context.CancelFunc(func() {})
			if tt.ctx != nil {
				ctx, cancel = tt.ctx()
			}
			defer cancel()
			r := NewRetry(tt.policy)
			calls := 0
			v, err := Do(ctx, r, tt.safe, func(context.Context) (int, error) {
				e := tt.errs[calls]
				calls++
				return calls, e
			})
			if calls != tt.wantCalls || !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Fatalf("%d calls, error %v; want %d calls, error %v", calls, err, tt.wantCalls, tt.wantErr)
			}
			if v != calls {
				t.Fatalf("value %d, want the last attempt's %d", v, calls)
			}
			if got := r.Count(); got != int64(calls-1) {
				t.Fatalf("Count = %d, want %d", got, calls-1)
			}
		})
	}
}

func TestDoStopsWaitingWhenTheContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// A wait drawn below an hour: far longer than the cancellation's 20 ms.
	r := NewRetry(transports.RetryPolicy{Attempts: 2, Backoff: time.Hour, Seed: 1})
	time.AfterFunc(20*time.Millisecond, cancel)
	start := time.Now()
	calls := 0
	_, err := Do(ctx, r, true, func(context.Context) (int, error) {
		calls++
		return 0, service.Errorf(service.KindUnavailable, "down")
	})
	if calls != 1 || err == nil || time.Since(start) > 5*time.Second || r.Count() != 0 {
		t.Fatalf("%d calls, %v after %v; want one call ended by the cancellation", calls, err, time.Since(start))
	}
}

func TestBackoff(t *testing.T) {
	p := transports.RetryPolicy{Attempts: 5, Backoff: 50 * time.Millisecond, MaxBackoff: 500 * time.Millisecond, Seed: 42}
	a, b := NewRetry(p), NewRetry(p)
	ceilings := []time.Duration{50, 100, 200, 400, 500, 500}
	for i, c := range ceilings {
		for range 20 {
			da, db := a.Backoff(i+1), b.Backoff(i+1)
			if da != db {
				t.Fatalf("attempt %d: same seed drew %v and %v", i+1, da, db)
			}
			if da < 0 || da > c*time.Millisecond {
				t.Fatalf("attempt %d: wait %v outside [0, %v]", i+1, da, c*time.Millisecond)
			}
		}
	}
	other := NewRetry(transports.RetryPolicy{Attempts: 5, Backoff: 50 * time.Millisecond, Seed: 43})
	same := 0
	for range 20 {
		if a.Backoff(1) == other.Backoff(1) {
			same++
		}
	}
	if same == 20 {
		t.Fatal("seeds 42 and 43 drew the same waits")
	}
}
