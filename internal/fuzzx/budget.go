package fuzzx

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/intbench/intbench/service"
)

// CallTimeout bounds one decode. A call still running at twice it panics
// with every goroutine's stack, which the fuzz engine records as a
// crasher.
const CallTimeout = 5 * time.Second

// Budget bounds the bytes one decode of n input bytes may allocate:
// PerByte×n + Fixed. PerByte covers what decoding legitimately makes of
// each byte (the worst case is usually an empty element of a repeated
// field, a few bytes of input that become a struct of a hundred); Fixed
// covers what a call costs whatever its input (buffers, a connection, the
// service's answer from its seeded data).
type Budget struct {
	PerByte int64
	Fixed   int64
}

// Limit is the most n input bytes may allocate (twice as much under the
// race detector; see raceFactor).
func (b Budget) Limit(n int) uint64 { return raceFactor * uint64(b.PerByte*int64(n)+b.Fixed) }

// measureAllocs is false when FUZZX_ALLOCS=0: the allocation checks are
// skipped. Measuring costs a stop of the world on each side of a call,
// about 90 µs in a fuzzing worker, which divides the executions of a
// cheap target by four; a long campaign after panics and hangs alone may
// do without.
var measureAllocs = os.Getenv("FUZZX_ALLOCS") != "0"

// Call runs fn once with a context that ends after CallTimeout, and
// fails t when fn runs until that deadline or allocates more than the
// budget allows for n input bytes. Allocations of other goroutines in
// the meantime (a server's, the runtime's) count too: Fixed allows for
// them.
func (b Budget) Call(t testing.TB, n int, fn func(ctx context.Context)) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), CallTimeout)
	defer cancel()
	watchdog := time.AfterFunc(2*CallTimeout, hung)
	var before, after runtime.MemStats
	if measureAllocs {
		runtime.ReadMemStats(&before)
	}
	fn(ctx)
	if measureAllocs {
		runtime.ReadMemStats(&after)
	}
	watchdog.Stop()
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Fatalf("fuzzx: the call ran until its deadline (%v) on %d bytes of input", CallTimeout, n)
	}
	if got, limit := after.TotalAlloc-before.TotalAlloc, b.Limit(n); got > limit {
		t.Fatalf("fuzzx: the call allocated %d bytes for %d bytes of input; the budget is %d ((%d a byte + %d) × %d)",
			got, n, limit, b.PerByte, b.Fixed, raceFactor)
	}
}

// hung panics with the stacks of every goroutine: a call that ignores its
// context cannot be stopped, only reported.
func hung() {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	panic(fmt.Sprintf("fuzzx: a call hung for %v\n\n%s", 2*CallTimeout, buf))
}

// CheckError fails t unless err is nil or classified: it wraps the
// sentinel of one of the service's error kinds (or a context error), so
// that a caller's errors.Is works on it. An error that is only Internal
// because KindOf knows no better is not classified.
func CheckError(t testing.TB, err error) {
	t.Helper()
	if err == nil || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return
	}
	for k := service.KindNotFound; k <= service.KindInternal; k++ {
		if errors.Is(err, k.Sentinel()) {
			return
		}
	}
	t.Fatalf("fuzzx: error of no kind: %v", err)
}
