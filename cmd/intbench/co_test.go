package main

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/intbench/intbench/bench"
	"github.com/intbench/intbench/scenarios"
)

// Coordinated omission, end to end: an open loop at a fixed rate against a
// real server frozen (SIGSTOP) for one second of a five-second window must
// report a p99 close to the freeze, because the calls due during it waited,
// while the service time of the calls actually sent does not show it.
func TestOpenLoopChargesAFrozenServerForTheFreeze(t *testing.T) {
	sc, err := scenarios.Lookup("get-customer")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := bench.Open(ctx, bench.Plan{Transports: []string{"grpc"}, Scenarios: []scenarios.Scenario{sc}, Backend: "memory",
		Rate: 200, Launcher: bench.Process{Exe: binary}}, "grpc")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	pid := s.Served().PID
	if pid == 0 {
		t.Fatal("the child server has no PID")
	}
	const warmup, freeze = 200 * time.Millisecond, time.Second
	thaw := make(chan struct{})
	go func() {
		defer close(thaw)
		time.Sleep(warmup + 2*time.Second)
		_ = syscall.Kill(pid, syscall.SIGSTOP)
		time.Sleep(freeze)
		_ = syscall.Kill(pid, syscall.SIGCONT)
	}()
	run, _, err := s.Measure(ctx, sc, 4, 0, bench.Window{Warmup: warmup, Duration: 5 * time.Second})
	<-thaw
	if err != nil {
		t.Fatal(err)
	}
	p99, svc := time.Duration(run.Latency.P99), time.Duration(run.Service.P99)
	t.Logf("latency p99 %v, service-time p99 %v, %d calls, backlog %d", p99, svc, run.Calls, run.Rate.Backlog)
	if p99 < 700*time.Millisecond || p99 > 1500*time.Millisecond {
		t.Errorf("latency p99 %v, want close to the 1s freeze", p99)
	}
	if svc > 200*time.Millisecond {
		t.Errorf("service-time p99 %v: it should hide the freeze (only the few calls in flight saw it)", svc)
	}
	if run.Calls < 900 || run.Calls > 1100 {
		t.Errorf("%d calls, want the 1000 due in 5s at 200/s", run.Calls)
	}
}
