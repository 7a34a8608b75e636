package bench

import (
	"context"
	"io"
	"net"
	"testing"
	"time"

	"github.com/intbench/intbench/scenarios"
	"github.com/intbench/intbench/service"
)

func TestWireCounterCountsBothDirectionsAndTurns(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		_, _ = io.Copy(c, c) // echo
	}()
	wc := NewWireCounter()
	conn, err := wc.Dial(nil)(context.Background(), "tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 100)
	for range 3 {
		if _, err := conn.Write(buf[:40]); err != nil {
			t.Fatal(err)
		}
		if _, err := io.ReadFull(conn, buf[:40]); err != nil {
			t.Fatal(err)
		}
	}
	want := Wire{Out: 120, In: 120, Turns: 3, Dials: 1}
	if got := wc.Snapshot(); got != want {
		t.Fatalf("live snapshot %+v, want %+v", got, want)
	}
	_ = conn.Close()
	_ = conn.Close()
	if got := wc.Snapshot(); got != want {
		t.Fatalf("after close %+v, want %+v", got, want)
	}
}

func TestParseStat(t *testing.T) {
	tests := []struct {
		line          string
		pid, ppid     int
		ticks, reaped int64
		ok            bool
	}{
		{"42 (postgres) S 7 42 42 0 -1 4194560 1 0 0 0 11 22 33 44 20 0 1 0", 42, 7, 33, 77, true},
		{"9 (a b) c)) R 1 9 9 0 -1 0 0 0 0 0 1 2 3 4 20 0 1 0", 9, 1, 3, 7, true},
		{"garbage", 0, 0, 0, 0, false},
		{"5 (x) S 1 2", 0, 0, 0, 0, false},
	}
	for _, tt := range tests {
		pid, st, ok := parseStat(tt.line)
		if ok != tt.ok || (ok && (pid != tt.pid || st.ppid != tt.ppid || st.ticks != tt.ticks || st.reaped != tt.reaped)) {
			t.Errorf("parseStat(%q) = %d %+v %v", tt.line, pid, st, ok)
		}
	}
}

func TestRecordAllocatesNothing(t *testing.T) {
	r := newRecorder(true)
	allocs := testing.AllocsPerRun(1000, func() {
		r.record(37_000, 30_000, 0)
	})
	if allocs != 0 {
		t.Fatalf("record allocates %v times per call, want 0", allocs)
	}
	if r.calls != 1001 || r.errs != 0 || r.lat.TotalCount() != 1001 {
		t.Fatalf("recorded %d calls %d errors %d values", r.calls, r.errs, r.lat.TotalCount())
	}
}

func BenchmarkRecord(b *testing.B) {
	r := newRecorder(false)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		r.record(int64(20_000+i%5000), 0, 0)
	}
}

// slowService takes d per call and honours cancellation.
type slowService struct {
	d       time.Duration
	release chan struct{} // when non-nil, calls ignore ctx and wait for it
}

func (s slowService) wait(ctx context.Context) error {
	if s.release != nil {
		<-s.release
		return nil
	}
	select {
	case <-time.After(s.d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s slowService) GetCustomer(ctx context.Context, id int64) (service.Customer, error) {
	return service.Customer{ID: id}, s.wait(ctx)
}
func (s slowService) PlaceOrder(ctx context.Context, r service.PlaceOrderRequest) (service.Order, error) {
	return service.Order{}, s.wait(ctx)
}
func (s slowService) ListOrders(ctx context.Context, r service.ListOrdersRequest) (service.OrderPage, error) {
	return service.OrderPage{}, s.wait(ctx)
}

func getCustomerScenario(t *testing.T) scenarios.Scenario {
	sc, err := scenarios.Lookup("get-customer")
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func TestDriveCountBoundedWindow(t *testing.T) {
	run, err := Drive(context.Background(), Plan{}, slowService{d: time.Microsecond}, getCustomerScenario(t), 4, Window{Calls: 500})
	if err != nil {
		t.Fatal(err)
	}
	if run.Calls != 500 || run.Latency.Count != 500 || run.Errors != 0 {
		t.Fatalf("calls %d histogram %d errors %d, want 500 500 0", run.Calls, run.Latency.Count, run.Errors)
	}
}

// An open loop that asks for more than the service can give must say so,
// and its latency (from the intended send time) must include the queueing
// that the service time alone hides.
func TestOpenLoopSignalsMissedRateAndCountsQueueing(t *testing.T) {
	p := Plan{Rate: 1000}
	run, err := Drive(context.Background(), p, slowService{d: 5 * time.Millisecond}, getCustomerScenario(t), 1, Window{Duration: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if run.Rate == nil || !run.Rate.Missed {
		t.Fatalf("rate %+v: want Missed for 1000/s against one 5ms worker", run.Rate)
	}
	if run.Service == nil || run.Latency.P50 <= 2*run.Service.P50 {
		t.Fatalf("latency p50 %d not well above service p50 %v: queueing hidden", run.Latency.P50, run.Service)
	}
}

func TestCallTimeoutIsEnforcedByTheDriver(t *testing.T) {
	p := Plan{CallTimeout: 30 * time.Millisecond}
	run, err := Drive(context.Background(), p, slowService{d: time.Hour}, getCustomerScenario(t), 2, Window{Duration: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if run.Kinds["DeadlineExceeded"] == 0 || run.Errors != run.Calls {
		t.Fatalf("kinds %v errors %d calls %d: want every call DeadlineExceeded", run.Kinds, run.Errors, run.Calls)
	}
	if run.ErrorLatency == nil || run.Latency.Count != 0 {
		t.Fatalf("failures must be kept apart: error latency %v, success latency count %d", run.ErrorLatency, run.Latency.Count)
	}
	// HDR keeps three significant figures: 30 ms may read 29.99 ms.
	if min := run.ErrorLatency.Min; min < int64(30*time.Millisecond)*999/1000 {
		t.Fatalf("a call ended after %v, before its 30ms deadline", time.Duration(min))
	}
}

func TestSteadyCost(t *testing.T) {
	cum := func(costs ...Wire) []Wire {
		out := []Wire{{}}
		var acc Wire
		for _, c := range costs {
			acc = Wire{Out: acc.Out + c.Out, In: acc.In + c.In, Turns: acc.Turns + c.Turns, CtlOut: acc.CtlOut + c.CtlOut, CtlIn: acc.CtlIn + c.CtlIn}
			out = append(out, acc)
		}
		return out
	}
	call := Wire{Out: 58, In: 151, Turns: 1}
	setup := Wire{Out: 300, In: 200, Turns: 2}
	// A ping the counter could not tell apart: the cheapest call is the
	// call's own cost.
	unsplit := Wire{Out: 58 + 17, In: 151 + 17, Turns: 2}
	if own := steadyCost(cum(setup, call, unsplit, call, call)); own != call {
		t.Fatalf("steadyCost = %+v; want %+v", own, call)
	}
	// Pings and window updates in every call, told apart: still the call's.
	split := Wire{Out: 58 + 30, In: 151 + 17, Turns: 1, CtlOut: 30, CtlIn: 17}
	if own := steadyCost(cum(setup, split, split, split)); own.Out != call.Out || own.In != call.In || own.Turns != 1 {
		t.Fatalf("steady calls with control frames: %+v; want %+v", own, call)
	}
}

// slowWriteConn accepts a write at once (as a kernel buffer does) but
// returns from Write only when released, like a writer goroutine that is
// not scheduled again before the answer comes back.
type slowWriteConn struct {
	net.Conn
	written chan struct{}
	release chan struct{}
}

func (c slowWriteConn) Write(p []byte) (int, error) {
	close(c.written)
	<-c.release
	return len(p), nil
}

// Bytes a call wrote are counted by the time its answer can be read, even
// if Write has not returned yet.
func TestWireCounterCountsAWriteStillInProgress(t *testing.T) {
	wc := NewWireCounter()
	sc := slowWriteConn{written: make(chan struct{}), release: make(chan struct{})}
	conn, err := wc.Dial(func(context.Context, string, string) (net.Conn, error) { return sc, nil })(context.Background(), "tcp", "x")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _, _ = conn.Write(make([]byte, 100)); close(done) }()
	<-sc.written
	if got := wc.Snapshot().Out; got != 100 {
		t.Errorf("during the write the counter shows %d bytes out, want 100", got)
	}
	close(sc.release)
	<-done
	if got := wc.Snapshot().Out; got != 100 {
		t.Errorf("after the write %d bytes out, want 100", got)
	}
}
