package results

import (
	"fmt"
	"math"
	"time"
)

// CompareOptions tunes Compare.
type CompareOptions struct {
	// Threshold is the effect-size floor: a significant change smaller
	// than this share of the base (0.05 for 5%) is not a regression.
	Threshold float64
}

// Verdict is what a comparison concluded for one figure.
type Verdict string

// Verdicts, from the worst.
const (
	Regression     Verdict = "regression"
	Improvement    Verdict = "improvement"
	BelowThreshold Verdict = "below threshold"
	NotSignificant Verdict = "~ not significant"
	NotEnoughRuns  Verdict = "not enough runs"
	ExactSame      Verdict = "same (exact)"
	Unknown        Verdict = "unknown"
	// NotMeasured: neither side measured the figure (server CPU of an
	// in-process run): nothing to compare, and nothing new.
	NotMeasured Verdict = "not measured"
)

// Change is one figure of one key in base and head.
type Change struct {
	Key, Metric string
	// Base and Head are the medians over each side's runs; N their runs.
	Base, Head   float64
	BaseN, HeadN int
	// Delta is (Head - Base) / Base.
	Delta float64
	// P is the Mann-Whitney U p-value (NaN for exact figures).
	P       float64
	Exact   bool
	Verdict Verdict
	// Why says more when the verdict needs it (unknown, not enough runs).
	Why    string
	format func(float64) string
}

// BaseText and HeadText are the figures formatted in their unit.
func (c Change) BaseText() string { return c.text(c.Base, c.BaseN) }

// HeadText is the head's figure in its unit.
func (c Change) HeadText() string { return c.text(c.Head, c.HeadN) }

func (c Change) text(v float64, n int) string {
	if c.Verdict == Unknown || c.Verdict == NotMeasured || n == 0 {
		return "n/a"
	}
	return c.format(v)
}

// Comparison is the outcome of comparing two documents key by key.
type Comparison struct {
	Base, Head *Document
	Threshold  float64
	Alpha      float64
	// Differences name what makes the documents measure other things
	// than the code (machine, plan, settings): reported, not refused.
	Differences []string
	Changes     []Change
	// OnlyBase and OnlyHead list keys measured on one side only.
	OnlyBase, OnlyHead []string
}

// Regressions counts the changes judged regressions.
func (c *Comparison) Regressions() int {
	n := 0
	for _, ch := range c.Changes {
		if ch.Verdict == Regression {
			n++
		}
	}
	return n
}

// compareMetric is one figure compare looks at.
type compareMetric struct {
	name   string
	higher bool // higher is better
	value  func(Run) *float64
	format func(float64) string
}

var compareMetrics = []compareMetric{
	{"throughput", true, func(r Run) *float64 { return Float(r.Throughput) }, func(v float64) string { return num(v, 0) + "/s" }},
	{"p50", false, func(r Run) *float64 { return latencyOf(r, r.Latency.P50) }, func(v float64) string { return dur(v) }},
	{"p99", false, func(r Run) *float64 { return latencyOf(r, r.Latency.P99) }, func(v float64) string { return dur(v) }},
	{"client CPU/call", false, func(r Run) *float64 { return r.Cost.ClientCPUNs }, func(v float64) string { return dur(v) }},
	{"server CPU/call", false, func(r Run) *float64 { return r.Cost.ServerCPUNs }, func(v float64) string { return dur(v) }},
}

func latencyOf(r Run, v int64) *float64 {
	if r.Latency.Count == 0 {
		return nil
	}
	return Float(float64(v))
}

// Compare compares head with base key by key, as benchstat does: each
// figure's runs on the two sides are tested with Mann-Whitney U (α =
// 1 - Confidence), and a significant change counts only beyond the
// threshold. Exact wire bytes (the probe's) compare exactly: any change
// is reported, and one beyond the threshold in the worse direction is a
// regression. Keys run under a fault on both sides compare their failure
// behaviour too (see compareFailure). Documents that measured in other
// conditions are compared anyway, with the differences listed.
func Compare(base, head *Document, opts CompareOptions) *Comparison {
	c := &Comparison{Base: base, Head: head, Threshold: opts.Threshold, Alpha: 1 - Confidence}
	c.Differences = machineDifferences(base.Env, head.Env)
	baseCells := map[string]*Cell{}
	for i := range base.Cells {
		baseCells[base.Cells[i].Key] = &base.Cells[i]
	}
	c.Differences = append(c.Differences, measureDifferences(base, head, baseCells)...)
	if base.Incomplete || head.Incomplete {
		c.Differences = append(c.Differences, "a run was interrupted (incomplete): some keys may lack runs")
	}
	headKeys := map[string]bool{}
	bs, hs := base.Scenarios(), head.Scenarios()
	for i := range head.Cells {
		hc := &head.Cells[i]
		headKeys[hc.Key] = true
		bc, ok := baseCells[hc.Key]
		if !ok {
			c.OnlyHead = append(c.OnlyHead, hc.Key)
			continue
		}
		for _, m := range compareMetrics {
			c.Changes = append(c.Changes, compareRuns(hc.Key, m, bc, hc, opts.Threshold))
		}
		c.Changes = append(c.Changes, compareWire(hc.Key, base, head, bc, hc, bs, hs, opts.Threshold))
		c.Changes = append(c.Changes, compareFailure(hc.Key, bc, hc, opts.Threshold)...)
	}
	for _, bc := range base.Cells {
		if !headKeys[bc.Key] {
			c.OnlyBase = append(c.OnlyBase, bc.Key)
		}
	}
	return c
}

// values returns one figure of every run, or false when a run lacks it.
func values(c *Cell, f func(Run) *float64) ([]float64, bool) {
	v := make([]float64, 0, len(c.Runs))
	for _, r := range c.Runs {
		p := f(r)
		if p == nil {
			return nil, false
		}
		v = append(v, *p)
	}
	return v, len(v) > 0
}

func compareRuns(key string, m compareMetric, bc, hc *Cell, threshold float64) Change {
	ch := Change{Key: key, Metric: m.name, P: math.NaN(), format: m.format}
	a, okA := values(bc, m.value)
	b, okB := values(hc, m.value)
	switch {
	case !okA && !okB:
		ch.Verdict = NotMeasured
		return ch
	case !okA || !okB:
		ch.Verdict, ch.Why = Unknown, "measured on one side only"
		return ch
	}
	ch.Base, ch.Head = StatOf(a).Median, StatOf(b).Median
	ch.BaseN, ch.HeadN = len(a), len(b)
	ch.Delta = relative(ch.Base, ch.Head)
	p, decidable := Significance(a, b)
	ch.P = p
	switch {
	case !decidable:
		ch.Verdict = NotEnoughRuns
		ch.Why = fmt.Sprintf("%d vs %d runs cannot reach α = %.2f; use --count 6 or more on both sides", len(a), len(b), 1-Confidence)
	case p > 1-Confidence:
		ch.Verdict = NotSignificant
	default:
		ch.Verdict = directional(ch.Delta, m.higher, threshold)
	}
	return ch
}

// compareWire compares the exact bytes of one steady call when both
// sides probed (and neither probe is flagged: see OpProbe.Problem), else
// the bytes per call under load, which vary, by their runs.
func compareWire(key string, base, head *Document, bc, hc *Cell, bs, hs map[string]PlanScenario, threshold float64) Change {
	bp, okB := base.CellProbe(bc, bs)
	hp, okH := head.CellProbe(hc, hs)
	if !okB || !okH || probeTrouble(bc) || probeTrouble(hc) { // a flagged probe's bytes are not exact
		m := compareMetric{"wire bytes/call (under load)", false, func(r Run) *float64 { return Float(r.Wire.OutPerCall + r.Wire.InPerCall) },
			func(v float64) string { return num(v, 1) + " B" }}
		return compareRuns(key, m, bc, hc, threshold)
	}
	ch := Change{Key: key, Metric: "wire bytes/call (exact)", Base: bp.Wire(), Head: hp.Wire(), BaseN: 1, HeadN: 1, P: math.NaN(), Exact: true,
		format: func(v float64) string { return num(v, 1) + " B" }}
	ch.Delta = relative(ch.Base, ch.Head)
	if ch.Base == ch.Head {
		ch.Verdict = ExactSame
	} else {
		ch.Verdict = directional(ch.Delta, false, threshold)
	}
	return ch
}

func relative(base, head float64) float64 {
	if base == 0 {
		if head == 0 {
			return 0
		}
		return math.Inf(1)
	}
	return (head - base) / math.Abs(base)
}

// directional judges a real change by its size and direction.
func directional(delta float64, higherBetter bool, threshold float64) Verdict {
	if math.Abs(delta) < threshold {
		return BelowThreshold
	}
	if (delta > 0) == higherBetter {
		return Improvement
	}
	return Regression
}

// docLabel names a document by its commit and time.
func docLabel(d *Document) string {
	commit := shortCommit(d.Env.Commit, 12, "unknown commit")
	if d.Env.Modified {
		commit += " (modified)"
	}
	return fmt.Sprintf("%s, %s", commit, d.Created.UTC().Format(time.DateTime))
}

// deltaText is a change as a signed percentage.
func deltaText(ch Change) string {
	if ch.Verdict == Unknown || ch.BaseN == 0 {
		return ""
	}
	if math.IsInf(ch.Delta, 0) {
		return "new"
	}
	return fmt.Sprintf("%+.1f%%", 100*ch.Delta)
}

func pText(ch Change) string {
	if ch.Exact {
		return "exact"
	}
	if math.IsNaN(ch.P) {
		return ""
	}
	return fmt.Sprintf("p=%.3f n=%d+%d", ch.P, ch.BaseN, ch.HeadN)
}

// shortCommit is the first n characters of a commit, or none when there
// is no commit.
func shortCommit(c string, n int, none string) string {
	if c == "" {
		return none
	}
	return c[:min(n, len(c))]
}
