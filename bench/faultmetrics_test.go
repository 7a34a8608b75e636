package bench

import (
	"testing"
	"time"

	"github.com/intbench/intbench/results"
	"github.com/intbench/intbench/service"
)

func TestReconcileWrites(t *testing.T) {
	writes := []writeRecord{
		{"a", writeAcked}, {"b", writeAcked}, {"c", writeFailed}, {"d", writeHung}, {"e", writeFailed}, {"f", writeAcked},
	}
	ledger := []service.Delivery{
		{RequestID: "a", Deliveries: 1, Executions: 1},
		{RequestID: "c", Deliveries: 1, Executions: 1}, // failed, but committed
		{RequestID: "d", Deliveries: 2, Executions: 1}, // hung, committed, delivered twice
		{RequestID: "f", Deliveries: 3, Executions: 2}, // executed twice
	}
	got := *reconcileWrites(writes, ledger)
	want := results.Reconciliation{Writes: 6, AckedCommitted: 2, Lost: 1, UnknownOutcome: 2, FailedNotCommitted: 1,
		DuplicateDeliveries: 2, DuplicateExecutions: 1}
	if got != want {
		t.Fatalf("reconcile = %+v, want %+v", got, want)
	}
}

// A synthetic cell: healthy for 4 buckets, failing for 4, slow for 2,
// healthy again.
func TestFailureMetrics(t *testing.T) {
	const b = int64(50 * time.Millisecond)
	fc := &faultClock{bucket: b}
	log := &faultLog{}
	call := func(bucket int, latency time.Duration, class int) {
		end := int64(bucket)*b + b/2
		log.note(fc, 0, end-int64(latency), end, int64(latency), class)
	}
	for i := range 4 {
		call(i, 2*time.Millisecond, -1)
	}
	fc.onset.Store(4 * b)
	for i := 4; i < 8; i++ {
		call(i, time.Millisecond, classReset)
	}
	fc.end.Store(8 * b)
	call(8, 20*time.Millisecond, -1) // sent after the fault ended
	call(9, 40*time.Millisecond, -1)
	for i := 10; i < 16; i++ {
		call(i, 2*time.Millisecond, -1)
	}
	ev := faultEvents{onset: 4 * b, end: 8 * b, dialsAtOnset: 3, dialsAtEnd: 7}
	tl, f := failureMetrics(log, 0, 16*b, ev, FaultTimeline{Bucket: time.Duration(b), Deadline: time.Second})
	if len(tl.Buckets) != 16 || tl.Buckets[5].Errors[results.ClassReset] != 1 || tl.Buckets[0].OK != 1 {
		t.Fatalf("timeline %+v", tl.Buckets)
	}
	if f.SuccessRate != 0 {
		t.Errorf("success rate %v during a fault that failed every call", f.SuccessRate)
	}
	if f.DetectMs == nil || *f.DetectMs != 25 {
		t.Errorf("detect %v, want 25ms (first failure in the middle of the onset bucket)", f.DetectMs)
	}
	if f.RecoverFirstMs == nil || *f.RecoverFirstMs != 25 {
		t.Errorf("first success after %v, want 25ms", f.RecoverFirstMs)
	}
	if f.RecoverMs == nil || *f.RecoverMs != 100 {
		t.Errorf("recovered after %v, want 100ms (p99 back from bucket 10)", f.RecoverMs)
	}
	if f.Reconnects != 4 {
		t.Errorf("reconnects %d", f.Reconnects)
	}
}
