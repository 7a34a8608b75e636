package bench_test

import (
	"context"
	"testing"
	"time"

	"github.com/intbench/intbench/bench"
	"github.com/intbench/intbench/scenarios"
)

// An open loop's client CPU includes the driver's pacing and wake-ups; the
// driver's own CPU at the same rate is measured and reported beside it.
func TestOpenLoopReportsTheDriversOwnCPU(t *testing.T) {
	sc, _ := scenarios.Lookup("get-customer")
	s, err := bench.Open(context.Background(), bench.Plan{Transports: []string{"rawtcp"}, Scenarios: []scenarios.Scenario{sc}, Rate: 2000}, "rawtcp")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	run, _, err := s.Measure(context.Background(), sc, 4, 0, bench.Window{Warmup: 50 * time.Millisecond, Duration: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	c := run.Cost
	// The two are measured in separate windows on a shared machine, so
	// the driver's share is not always below the client's figure.
	if c.DriverCPUNs == nil || c.ClientCPUNs == nil || *c.DriverCPUNs <= 0 {
		t.Fatalf("driver CPU %v, client CPU %v: want both, the driver's above 0", c.DriverCPUNs, c.ClientCPUNs)
	}
	t.Logf("client %.1fµs/call, of which the driver alone %.1fµs", *c.ClientCPUNs/1e3, *c.DriverCPUNs/1e3)
}
