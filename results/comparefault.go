package results

import "math"

// failureMetric is a figure of a fault cell that varies from run to run.
type failureMetric struct {
	compareMetric
	// missing says what a run without the figure means.
	missing string
}

// failureMetrics are tested over runs like the healthy figures (a fault
// run is made once by default, so they say "not enough runs" unless both
// sides used --count 6 or more).
var failureMetrics = []failureMetric{
	{compareMetric{"success under fault", true, failureFigure(func(f *FailureMetrics) *float64 { return Float(f.SuccessRate) }), pct}, ""},
	{compareMetric{"detect", false, failureFigure(func(f *FailureMetrics) *float64 { return f.DetectMs }), msText}, "no call failed in a run"},
	{compareMetric{"recover", false, failureFigure(func(f *FailureMetrics) *float64 { return f.RecoverMs }), msText}, "a run never recovered within its window"},
	{compareMetric{"hung calls/run", false, func(r Run) *float64 {
		if r.Failure == nil {
			return nil
		}
		return Float(float64(r.Classes[ClassHung]))
	}, count1}, ""},
	{compareMetric{"unknown outcomes/run", false, func(r Run) *float64 {
		if r.Writes == nil {
			return nil
		}
		return Float(float64(r.Writes.UnknownOutcome))
	}, count1}, ""},
}

// failureFigure reads a figure of a fault run's failure metrics; nil for
// a run without them.
func failureFigure(f func(*FailureMetrics) *float64) func(Run) *float64 {
	return func(r Run) *float64 {
		if r.Failure == nil {
			return nil
		}
		return f(r.Failure)
	}
}

func count1(v float64) string { return num(v, 1) }

// failureCounts are the events of a fault cell that must not happen at
// all (a lost write fails the run; a write executed twice defeats the
// request ID that should make a retry safe): compared exactly, as counts
// per run. From none to some is a regression whatever the threshold; from some to
// more, beyond it. Hung calls and unrecovered runs are not among them:
// two identical runs differ in them (a recovery that ends just inside or
// just outside the window), so they are tested over runs like the rest.
var failureCounts = []struct {
	name  string
	count func(Run) (int64, bool)
}{
	{"lost writes/run", func(r Run) (int64, bool) {
		if r.Writes == nil {
			return 0, false
		}
		return r.Writes.Lost, true
	}},
	{"duplicate executions/run", func(r Run) (int64, bool) {
		if r.Writes == nil {
			return 0, false
		}
		return r.Writes.DuplicateExecutions, true
	}},
}

// compareFailure compares the failure behaviour of a key that ran under a
// fault on both sides; nothing when either side ran healthy.
func compareFailure(key string, bc, hc *Cell, threshold float64) []Change {
	if !hasFailure(bc) || !hasFailure(hc) {
		return nil
	}
	var out []Change
	for _, m := range failureMetrics {
		ch := compareRuns(key, m.compareMetric, bc, hc, threshold)
		if ch.Verdict == Unknown && m.missing != "" {
			ch.Why = m.missing
		}
		out = append(out, ch)
	}
	for _, m := range failureCounts {
		out = append(out, compareCount(key, m.name, m.count, bc, hc, threshold))
	}
	return out
}

func hasFailure(c *Cell) bool {
	for _, r := range c.Runs {
		if r.Failure != nil {
			return true
		}
	}
	return false
}

// compareCount compares an event's mean count per run exactly.
func compareCount(key, name string, count func(Run) (int64, bool), bc, hc *Cell, threshold float64) Change {
	ch := Change{Key: key, Metric: name, P: math.NaN(), Exact: true, format: func(v float64) string { return num(v, 2) }}
	var ok [2]bool
	ch.Base, ch.BaseN, ok[0] = meanCount(bc, count)
	ch.Head, ch.HeadN, ok[1] = meanCount(hc, count)
	switch {
	case !ok[0] && !ok[1]:
		ch.Verdict = NotMeasured
	case !ok[0] || !ok[1]:
		ch.Verdict, ch.Why = Unknown, "measured on one side only"
	case ch.Base == ch.Head:
		ch.Verdict = ExactSame
	case ch.Base == 0:
		ch.Delta, ch.Verdict = math.Inf(1), Regression
	default:
		ch.Delta = relative(ch.Base, ch.Head)
		ch.Verdict = directional(ch.Delta, false, threshold)
	}
	return ch
}

// meanCount is an event's mean count over the runs that could count it.
func meanCount(c *Cell, count func(Run) (int64, bool)) (mean float64, runs int, ok bool) {
	var sum int64
	for _, r := range c.Runs {
		if n, ok := count(r); ok {
			sum += n
			runs++
		}
	}
	if runs == 0 {
		return 0, 0, false
	}
	return float64(sum) / float64(runs), runs, true
}

// msText formats milliseconds.
func msText(v float64) string { return dur(v * 1e6) }
