package bench

import (
	"context"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intbench/intbench/results"
	"github.com/intbench/intbench/service"
)

// The pacer must not add its own timer error to the latencies it reports:
// against a service that answers at once, latency from the intended send
// time may exceed the service time only by the hand-over to a worker. A
// plain time.Sleep pacer wakes about half a millisecond late on average
// (the runtime waits in whole milliseconds when idle), which this catches.
func TestOpenLoopPacerIsPrecise(t *testing.T) {
	p := Plan{Rate: 500}
	run, err := Drive(context.Background(), p, NopService{}, getCustomerScenario(t), 4, Window{Warmup: 50 * time.Millisecond, Duration: 400 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	gap := time.Duration(run.Latency.P50 - run.Service.P50)
	if gap > 200*time.Microsecond {
		t.Errorf("latency p50 exceeds service p50 by %v: the pacer's lateness is charged to the server", gap)
	}
	if run.Rate == nil || run.Rate.Pacer == nil || run.Rate.Pacer.Count == 0 {
		t.Fatalf("rate %+v: want the pacer's lateness distribution", run.Rate)
	}
	if late := time.Duration(run.Rate.Pacer.P50); late > 200*time.Microsecond {
		t.Errorf("pacer lateness p50 %v", late)
	}
	if n := run.Rate.Sent; n < 180 || n > 220 {
		t.Errorf("sent %d calls in 400ms at 500/s", n)
	}
}

// An overloaded open loop owes every call intended inside the window:
// those never sent enter the latencies as lower bounds, so the tail is not
// cut off, and the run says so.
func TestOverloadedOpenLoopAccountsForEveryDueCall(t *testing.T) {
	p := Plan{Rate: 1000}
	run, err := Drive(context.Background(), p, slowService{d: 5 * time.Millisecond}, getCustomerScenario(t), 1, Window{Duration: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	r := run.Rate
	if r == nil || !r.Missed || !slices.Contains(r.Reasons, results.ReasonBacklog) || r.Backlog == 0 {
		t.Fatalf("rate %+v: want the backlog flagged", r)
	}
	if run.Calls < 290 || run.Calls > 310 {
		t.Errorf("%d calls accounted for; 300 were due in 300ms at 1000/s (sent %d, backlog %d)", run.Calls, r.Sent, r.Backlog)
	}
	if run.Calls != r.Sent+r.Backlog+countInflight(run, r) {
		t.Logf("calls %d = sent %d + backlog %d", run.Calls, r.Sent, r.Backlog)
	}
	// The last calls due waited about the whole window.
	if p99 := time.Duration(run.Latency.P99); p99 < 200*time.Millisecond {
		t.Errorf("latency p99 %v: the calls that never left the queue are missing", p99)
	}
	if run.Service == nil || run.Latency.P50 <= 2*run.Service.P50 {
		t.Fatalf("latency p50 %d not well above service p50: queueing hidden", run.Latency.P50)
	}
}

func countInflight(run results.Run, r *results.Rate) int64 { return run.Calls - r.Sent - r.Backlog }

// The dispatcher must stop when every worker is stuck in a call that
// ignores cancellation: the run ends, and the stuck call counts as hung.
func TestOpenLoopEndsWhenEveryWorkerIsStuck(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	done := make(chan struct{})
	var run results.Run
	var err error
	go func() {
		defer close(done)
		run, err = Drive(context.Background(), Plan{Rate: 1000, CallTimeout: 30 * time.Millisecond}, slowService{release: release}, getCustomerScenario(t), 1, Window{Duration: 200 * time.Millisecond})
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("an open loop with every worker stuck did not end")
	}
	if err != nil {
		t.Fatal(err)
	}
	if run.Hung == 0 || run.Kinds["DeadlineExceeded"] < run.Hung {
		t.Fatalf("hung %d kinds %v: want the stuck calls counted as hung errors", run.Hung, run.Kinds)
	}
}

// phasedService is slow until its switch flips.
type phasedService struct {
	slow *atomic.Bool
	d    time.Duration
}

func (s phasedService) GetCustomer(ctx context.Context, id int64) (service.Customer, error) {
	if s.slow.Load() {
		time.Sleep(s.d)
	}
	return service.Customer{ID: id}, nil
}
func (s phasedService) PlaceOrder(context.Context, service.PlaceOrderRequest) (service.Order, error) {
	return service.Order{}, nil
}
func (s phasedService) ListOrders(context.Context, service.ListOrdersRequest) (service.OrderPage, error) {
	return service.OrderPage{}, nil
}

// Lag built up during the warm-up is not the window's: once the service is
// fast again, the dispatcher catches up before the window opens, and the
// window's worst lag is far below the warm-up's (about 300 ms).
func TestWarmupLagIsNotCounted(t *testing.T) {
	slow := &atomic.Bool{}
	slow.Store(true)
	time.AfterFunc(300*time.Millisecond, func() { slow.Store(false) })
	run, err := Drive(context.Background(), Plan{Rate: 2000}, phasedService{slow: slow, d: 20 * time.Millisecond}, getCustomerScenario(t), 1,
		Window{Warmup: 700 * time.Millisecond, Duration: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if lag := time.Duration(run.Rate.MaxLag); lag > 100*time.Millisecond {
		t.Fatalf("max lag %v: the warm-up's backlog counted in the window", lag)
	}
}
