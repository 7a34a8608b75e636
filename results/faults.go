package results

// Error classes: what the caller saw when a call failed, classed once by
// the engine from the error chain or the pattern's native code.
const (
	ClassTimeout     = "timeout"     // the call's deadline passed
	ClassRefused     = "refused"     // the connection was refused
	ClassReset       = "reset"       // the connection was reset (RST)
	ClassEOF         = "eof"         // the connection closed mid-call
	ClassUnavailable = "unavailable" // the pattern said unavailable without a cause
	ClassProtocol    = "protocol"    // a malformed or unexpected answer
	ClassApplication = "application" // the service's own error (not found, invalid, conflict)
	ClassHung        = "hung"        // still running at twice its deadline; abandoned
)

// Classes lists the error classes in report order.
var Classes = []string{ClassTimeout, ClassRefused, ClassReset, ClassEOF, ClassUnavailable, ClassProtocol, ClassApplication, ClassHung}

// Timeline is a fault run's record over time: a healthy baseline, the
// fault, and healthy again, in buckets of equal length by the time each
// call ended.
type Timeline struct {
	Bucket Duration `json:"bucket"`
	// FaultStart and FaultEnd are offsets from the timeline's start.
	FaultStart Duration `json:"fault_start"`
	FaultEnd   Duration `json:"fault_end"`
	Buckets    []Bucket `json:"buckets"`
}

// Bucket is one interval of a timeline.
type Bucket struct {
	OK     int64            `json:"ok"`
	Errors map[string]int64 `json:"errors,omitempty"` // by class
	// P50 and P99 are the latency of the calls that succeeded in the
	// bucket, in nanoseconds; null without any.
	P50 *int64 `json:"p50_ns"`
	P99 *int64 `json:"p99_ns"`
}

// FailureMetrics describe one run's behaviour under its fault. Times are
// in milliseconds; a time that did not occur (no error, never recovered) is
// null.
type FailureMetrics struct {
	// SuccessRate is the share of the calls in flight at any moment of
	// the fault that succeeded, whenever they ended (1 when there was
	// none).
	SuccessRate float64 `json:"success_rate"`
	// DetectMs is the time from the fault's onset to the first failed call.
	DetectMs *float64 `json:"detect_ms"`
	// PastDeadlineMs is how far past its deadline the latest failed call
	// returned (its timeout: the profile's, else the engine's).
	PastDeadlineMs *float64 `json:"past_deadline_ms"`
	// BaselineP99 and FaultP99 are the p99 of successful calls before and
	// during the fault, in nanoseconds.
	BaselineP99 *int64 `json:"baseline_p99_ns"`
	FaultP99    *int64 `json:"fault_p99_ns"`
	// RecoverFirstMs is the time from the fault's end to the first
	// success; RecoverMs until the p99 of a bucket is back within 1.5× the
	// baseline's and stays there.
	RecoverFirstMs *float64 `json:"recover_first_ms"`
	RecoverMs      *float64 `json:"recover_ms"`
	// Reconnects counts connections the client opened during the
	// timeline beyond those it had before the fault.
	Reconnects int64 `json:"reconnects"`
	// Retries counts the retries of the client's own policy (hardened).
	Retries int64 `json:"retries"`
}

// Reconciliation compares what the callers of a fault run's writes were
// told with what the database holds, by request ID.
type Reconciliation struct {
	// Writes counts the writes the run measured.
	Writes int64 `json:"writes"`
	// Acknowledged and committed: the normal case.
	AckedCommitted int64 `json:"acked_committed"`
	// Lost: acknowledged but not committed. Must be zero; a run with lost
	// writes fails.
	Lost int64 `json:"lost"`
	// UnknownOutcome: reported failed (or hung) but committed; the caller
	// believes a write failed that happened.
	UnknownOutcome int64 `json:"unknown_outcome"`
	// FailedNotCommitted: reported failed and not committed.
	FailedNotCommitted int64 `json:"failed_not_committed"`
	// DuplicateDeliveries counts request IDs that reached the store more
	// than once (absorbed by the request ID).
	DuplicateDeliveries int64 `json:"duplicate_deliveries"`
	// DuplicateExecutions counts request IDs committed more than once.
	// Must be zero.
	DuplicateExecutions int64 `json:"duplicate_executions"`
}

// FailureSummary summarises a fault cell across its runs: counts summed,
// times and rates as medians over the runs that have them.
type FailureSummary struct {
	Classes        map[string]int64 `json:"error_classes,omitempty"`
	SuccessRate    Stat             `json:"success_rate"`
	DetectMs       *Stat            `json:"detect_ms"`
	PastDeadlineMs *Stat            `json:"past_deadline_ms"`
	FaultP99       *Stat            `json:"fault_p99_ns"`
	RecoverFirstMs *Stat            `json:"recover_first_ms"`
	RecoverMs      *Stat            `json:"recover_ms"`
	Reconnects     int64            `json:"reconnects"`
	Retries        int64            `json:"retries"`
	// Hung counts the calls the engine's watchdog had to end.
	Hung int64 `json:"hung"`
	// Writes sums the runs' reconciliations; null when no run wrote.
	Writes *Reconciliation `json:"writes"`
	// NeverRecovered counts runs that had not recovered when they ended.
	NeverRecovered int `json:"never_recovered,omitempty"`
}

// summarizeFailure fills s.Failure from runs that carry failure metrics.
func (c *Cell) summarizeFailure() *FailureSummary {
	var runs []Run
	for _, r := range c.Runs {
		if r.Failure != nil {
			runs = append(runs, r)
		}
	}
	if len(runs) == 0 {
		return nil
	}
	sub := Cell{Runs: runs}
	f := &FailureSummary{Classes: map[string]int64{}}
	for _, r := range runs {
		for k, n := range r.Classes {
			f.Classes[k] += n
		}
		f.Reconnects += r.Failure.Reconnects
		f.Retries += r.Failure.Retries
		f.Hung += r.Classes[ClassHung]
		if r.Failure.RecoverMs == nil {
			f.NeverRecovered++
		}
		if w := r.Writes; w != nil {
			if f.Writes == nil {
				f.Writes = &Reconciliation{}
			}
			f.Writes.add(*w)
		}
	}
	f.SuccessRate = sub.Metric(func(r Run) float64 { return r.Failure.SuccessRate })
	f.DetectMs = sub.present(func(r Run) *float64 { return r.Failure.DetectMs })
	f.PastDeadlineMs = sub.present(func(r Run) *float64 { return r.Failure.PastDeadlineMs })
	f.FaultP99 = sub.present(func(r Run) *float64 { return intPtrFloat(r.Failure.FaultP99) })
	f.RecoverFirstMs = sub.present(func(r Run) *float64 { return r.Failure.RecoverFirstMs })
	f.RecoverMs = sub.present(func(r Run) *float64 { return r.Failure.RecoverMs })
	return f
}

func (w *Reconciliation) add(o Reconciliation) {
	w.Writes += o.Writes
	w.AckedCommitted += o.AckedCommitted
	w.Lost += o.Lost
	w.UnknownOutcome += o.UnknownOutcome
	w.FailedNotCommitted += o.FailedNotCommitted
	w.DuplicateDeliveries += o.DuplicateDeliveries
	w.DuplicateExecutions += o.DuplicateExecutions
}

// present summarises a figure over the runs that have it; null when none
// does.
func (c *Cell) present(f func(Run) *float64) *Stat {
	var v []float64
	for _, r := range c.Runs {
		if p := f(r); p != nil {
			v = append(v, *p)
		}
	}
	if len(v) == 0 {
		return nil
	}
	s := StatOf(v)
	return &s
}

func intPtrFloat(p *int64) *float64 {
	if p == nil {
		return nil
	}
	return Float(float64(*p))
}
