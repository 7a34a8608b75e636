package netx

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// Retry is one client's retry policy, with its own seeded jitter and a
// count of the retries made. It is safe for concurrent use.
type Retry struct {
	policy transports.RetryPolicy
	count  atomic.Int64

	mu  sync.Mutex
	rng *rand.Rand
}

// NewRetry returns the retries of p, jittered by a PCG seeded with
// p.Seed.
func NewRetry(p transports.RetryPolicy) *Retry {
	return &Retry{policy: p, rng: rand.New(rand.NewPCG(p.Seed, p.Seed^0x9e3779b97f4a7c15))}
}

// Count returns the retries made so far: attempts after the first.
func (r *Retry) Count() int64 { return r.count.Load() }

// Retryable reports whether a call governed by ctx that failed with err
// may be tried again: its context is still live, and err is Unavailable
// (the request may not have been processed) but not a closed client.
// Application errors (NotFound, InvalidArgument, Conflict), Internal and
// DeadlineExceeded are final.
func Retryable(ctx context.Context, err error) bool {
	return ctx.Err() == nil && service.KindOf(err) == service.KindUnavailable && !errors.Is(err, ErrClientClosed)
}

// Do makes call, and while it fails with a Retryable error makes it again,
// up to the policy's attempts in all, after a jittered wait; a wait that
// would end past ctx's deadline is not started, and ctx's end stops the
// wait. safe false (a write without a request ID) makes one attempt. It
// returns the last attempt's result.
func Do[T any](ctx context.Context, r *Retry, safe bool, call func(context.Context) (T, error)) (T, error) {
	v, err := call(ctx)
	if !safe {
		return v, err
	}
	for attempt := 1; err != nil && attempt < r.policy.Attempts && Retryable(ctx, err); attempt++ {
		if !r.wait(ctx, attempt) {
			break
		}
		r.count.Add(1)
		v, err = call(ctx)
	}
	return v, err
}

// wait sleeps before attempt+1 and reports whether to make it.
func (r *Retry) wait(ctx context.Context, attempt int) bool {
	d := r.Backoff(attempt)
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) <= d {
		return false
	}
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// Backoff returns the wait after the attempt-th failed attempt: drawn
// uniformly in [0, ceiling], the ceiling being Backoff doubled attempt-1
// times, capped at MaxBackoff (full jitter).
func (r *Retry) Backoff(attempt int) time.Duration {
	ceiling := r.policy.Backoff
	for i := 1; i < attempt && ceiling > 0 && ceiling < time.Duration(1)<<62; i++ {
		ceiling *= 2
	}
	if m := r.policy.MaxBackoff; m > 0 && ceiling > m {
		ceiling = m
	}
	if ceiling <= 0 {
		return 0
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return time.Duration(r.rng.Int64N(int64(ceiling) + 1))
}
