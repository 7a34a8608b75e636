package bench

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intbench/intbench/service"
)

// The watchdog cancels only the call it found overdue: a claim on a call
// that has ended must not cancel the worker's next call.
func TestGuardExpiresOnlyTheOverdueCall(t *testing.T) {
	g := newGuard(context.Background())
	g.begin(100, 100, true)
	g.end()
	ctx := g.begin(200, 200, true)
	g.mu.Lock()
	claimed := g.call.CompareAndSwap(100, -100) // the watchdog's stale claim
	g.mu.Unlock()
	if claimed || ctx.Err() != nil {
		t.Fatalf("a stale claim cancelled the next call (claimed %v, err %v)", claimed, ctx.Err())
	}
	g.expire(200+int64(time.Second)+1, time.Second)
	if ctx.Err() == nil {
		t.Fatal("the overdue call was not cancelled")
	}
	if expired, abandoned := g.end(); !expired || abandoned {
		t.Fatalf("end = %v %v, want expired", expired, abandoned)
	}
	if next := g.begin(300, 300, true); next.Err() != nil {
		t.Fatal("the call after an expired one starts cancelled")
	}
}

// returnsLate ignores cancellation and answers nil after d.
type returnsLate struct{ d time.Duration }

func (s returnsLate) GetCustomer(ctx context.Context, id int64) (service.Customer, error) {
	time.Sleep(s.d)
	return service.Customer{ID: id}, nil
}
func (s returnsLate) PlaceOrder(context.Context, service.PlaceOrderRequest) (service.Order, error) {
	return service.Order{}, nil
}
func (s returnsLate) ListOrders(context.Context, service.ListOrdersRequest) (service.OrderPage, error) {
	return service.OrderPage{}, nil
}

// A call that outlived its deadline is a failure even when it later
// returns nil: its caller had given up on it.
func TestLateSuccessCountsAsDeadlineExceeded(t *testing.T) {
	run, err := Drive(context.Background(), Plan{CallTimeout: 20 * time.Millisecond}, returnsLate{d: 60 * time.Millisecond}, getCustomerScenario(t), 1, Window{Duration: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if run.Errors != run.Calls || run.Kinds["DeadlineExceeded"] != run.Calls || run.Latency.Count != 0 {
		t.Fatalf("calls %d errors %d kinds %v successes %d: a late nil must count as DeadlineExceeded", run.Calls, run.Errors, run.Kinds, run.Latency.Count)
	}
}

// stuckOnce answers at once but for the first call after at, which
// ignores cancellation and never returns until released.
type stuckOnce struct {
	at      time.Time
	taken   *atomic.Bool
	seen    *atomic.Int64
	release chan struct{}
}

func (s stuckOnce) GetCustomer(ctx context.Context, id int64) (service.Customer, error) {
	s.seen.Add(1)
	if time.Now().After(s.at) && s.taken.CompareAndSwap(false, true) {
		<-s.release
	}
	return service.Customer{ID: id}, nil
}
func (s stuckOnce) PlaceOrder(context.Context, service.PlaceOrderRequest) (service.Order, error) {
	return service.Order{}, nil
}
func (s stuckOnce) ListOrders(context.Context, service.ListOrdersRequest) (service.OrderPage, error) {
	return service.OrderPage{}, nil
}

// A worker stuck in a call keeps every call it completed before; the stuck
// call counts as hung, and a fresh worker carries the load on.
func TestHungCallKeepsTheWorkersRecordAndIsReplaced(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	svc := stuckOnce{at: time.Now().Add(100 * time.Millisecond), taken: &atomic.Bool{}, seen: &atomic.Int64{}, release: release}
	run, err := Drive(context.Background(), Plan{CallTimeout: 30 * time.Millisecond}, svc, getCustomerScenario(t), 1, Window{Duration: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if run.Hung != 1 || run.Errors != 1 {
		t.Fatalf("hung %d errors %d, want the stuck call counted once", run.Hung, run.Errors)
	}
	// All but the calls made before the window opened (a few) are kept.
	if got, seen := run.Calls, svc.seen.Load(); float64(got) < 0.9*float64(seen) {
		t.Fatalf("%d calls recorded of %d made: the stuck worker's record was dropped", got, seen)
	}
	if h := run.ErrorLatency; h == nil || h.Max < int64(60*time.Millisecond) {
		t.Fatalf("error latency %+v: the hung call is recorded at its abandonment, twice the timeout", h)
	}
}

// flaky fails fast on even customer IDs and succeeds slowly on odd ones.
type flaky struct{ slow time.Duration }

func (f flaky) GetCustomer(ctx context.Context, id int64) (service.Customer, error) {
	if id%2 == 0 {
		return service.Customer{}, service.Errorf(service.KindNotFound, "customer %d", id)
	}
	time.Sleep(f.slow)
	return service.Customer{ID: id}, nil
}
func (f flaky) PlaceOrder(context.Context, service.PlaceOrderRequest) (service.Order, error) {
	return service.Order{}, errors.New("unused")
}
func (f flaky) ListOrders(context.Context, service.ListOrdersRequest) (service.OrderPage, error) {
	return service.OrderPage{}, errors.New("unused")
}

// Fast failures must not pull the latency of successes down.
func TestFailuresAreKeptApartFromSuccesses(t *testing.T) {
	run, err := Drive(context.Background(), Plan{}, flaky{slow: 2 * time.Millisecond}, getCustomerScenario(t), 2, Window{Duration: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if run.Errors == 0 || run.ErrorLatency == nil {
		t.Fatalf("errors %d, error latency %v", run.Errors, run.ErrorLatency)
	}
	if p50 := time.Duration(run.Latency.P50); p50 < 2*time.Millisecond {
		t.Fatalf("success p50 %v below the 2ms every success takes", p50)
	}
	if p50 := time.Duration(run.ErrorLatency.P50); p50 > time.Millisecond {
		t.Fatalf("failure p50 %v; failures are immediate", p50)
	}
}
