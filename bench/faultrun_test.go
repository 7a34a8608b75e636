package bench

import (
	"context"
	"testing"
	"time"

	"github.com/intbench/intbench/results"
	"github.com/intbench/intbench/scenarios"
)

// A fault run end to end, on real sockets and real PostgreSQL: rawtcp in
// process, a reset, a blackhole and a PostgreSQL restart, each under both
// profiles. Every cell fills its failure metrics and reconciles its
// writes (none lost), and each fault shows what it should to the caller.
func TestFaultRunEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("a fault run takes about 20 s")
	}
	sc, err := scenarios.Lookup("mixed")
	if err != nil {
		t.Fatal(err)
	}
	p := Plan{Transports: []string{"rawtcp"}, Scenarios: []scenarios.Scenario{sc}, Concurrency: []int{4}, Backend: BackendPostgres,
		Faults: []string{"reset", "blackhole", "db:restart"}, Profiles: []string{"default", "hardened"},
		Timeline: FaultTimeline{Baseline: 150 * time.Millisecond, Fault: 400 * time.Millisecond, MinRecovery: 300 * time.Millisecond}}
	doc, err := Run(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Failures) > 0 || len(doc.Cells) != 6 {
		t.Fatalf("%d cells, failures %+v", len(doc.Cells), doc.Failures)
	}
	classes := map[string]map[string]int64{}
	for _, c := range doc.Cells {
		r := c.Runs[0]
		if r.Failure == nil || r.Timeline == nil || len(r.Timeline.Buckets) == 0 || r.Writes == nil {
			t.Fatalf("%s: failure %v timeline %v writes %v", c.Key, r.Failure, r.Timeline, r.Writes)
		}
		if w := r.Writes; w.Writes == 0 || w.Lost != 0 || w.DuplicateExecutions != 0 {
			t.Errorf("%s: writes %+v: want some, none lost, none executed twice", c.Key, w)
		}
		if r.Failure.DetectMs == nil {
			t.Errorf("%s: no failure detected", c.Key)
		}
		classes[c.Labels["fault"]+"/"+c.Labels["profile"]] = r.Classes
	}
	for _, want := range []struct{ cell, class string }{
		{"reset/default", results.ClassReset},
		{"blackhole/default", results.ClassHung},     // no deadline of its own: the watchdog ends it
		{"blackhole/hardened", results.ClassTimeout}, // its own 1 s deadline
	} {
		if classes[want.cell][want.class] == 0 {
			t.Errorf("%s: classes %v, want %s", want.cell, classes[want.cell], want.class)
		}
	}
}
