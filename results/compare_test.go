package results

import (
	"bytes"
	"strings"
	"testing"
)

// scaled returns a copy of d with every run's figure changed by f.
func scaled(t *testing.T, d *Document, f func(*Run)) *Document {
	t.Helper()
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		t.Fatal(err)
	}
	cp, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for i := range cp.Cells {
		for j := range cp.Cells[i].Runs {
			f(&cp.Cells[i].Runs[j])
		}
		if err := cp.Cells[i].Summarize(); err != nil {
			t.Fatal(err)
		}
	}
	return cp
}

func verdictOf(c *Comparison, key, metric string) Change {
	for _, ch := range c.Changes {
		if ch.Key == key && ch.Metric == metric {
			return ch
		}
	}
	return Change{}
}

const gc1 = "transport=grpc/scenario=get-customer/backend=postgres/load=closed-c1"

func TestCompare(t *testing.T) {
	base := renderDoc(t)
	tests := []struct {
		name        string
		head        func(t *testing.T) *Document
		metric      string
		want        Verdict
		regressions int
	}{
		{"itself", func(t *testing.T) *Document { return base }, "throughput", NotSignificant, 0},
		{"itself, exact bytes", func(t *testing.T) *Document { return base }, "wire bytes/call (exact)", ExactSame, 0},
		{"20% slower", func(t *testing.T) *Document {
			return scaled(t, base, func(r *Run) { r.Throughput *= 0.8 })
		}, "throughput", Regression, 10}, // the fault cells' 3 runs cannot tell
		{"20% faster", func(t *testing.T) *Document {
			return scaled(t, base, func(r *Run) { r.Throughput *= 1.2 })
		}, "throughput", Improvement, 0},
		{"2% slower: significant, under the floor", func(t *testing.T) *Document {
			return scaled(t, base, func(r *Run) { r.Throughput *= 0.98 })
		}, "throughput", BelowThreshold, 0},
		{"server CPU unknown on one side", func(t *testing.T) *Document {
			return scaled(t, base, func(r *Run) { r.Cost.ServerCPUNs = nil })
		}, "server CPU/call", Unknown, 0}, // measured on one side only
		{"bytes grew by 10%", func(t *testing.T) *Document {
			h := scaled(t, base, func(*Run) {})
			for i := range h.Cells {
				for op, p := range h.Cells[i].Probe {
					p.OutBytes += 25
					h.Cells[i].Probe[op] = p
				}
			}
			return h
		}, "wire bytes/call (exact)", Regression, 7}, // 25 B is under 5% of the larger calls
		{"one byte more: reported, under the floor", func(t *testing.T) *Document {
			h := scaled(t, base, func(*Run) {})
			p := h.Cells[0].Probe["get-customer"]
			p.InBytes++
			h.Cells[0].Probe["get-customer"] = p
			return h
		}, "wire bytes/call (exact)", BelowThreshold, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Compare(base, tt.head(t), CompareOptions{Threshold: 0.05})
			if ch := verdictOf(c, gc1, tt.metric); ch.Verdict != tt.want {
				t.Errorf("%s: %s (delta %+.3f p %.3f), want %s", tt.metric, ch.Verdict, ch.Delta, ch.P, tt.want)
			}
			if got := c.Regressions(); got != tt.regressions {
				t.Errorf("%d regressions, want %d", got, tt.regressions)
			}
		})
	}
}

// Three runs a side cannot reach α = 0.05 however far apart they are:
// the comparison says so instead of guessing.
func TestCompareTooFewRuns(t *testing.T) {
	base := renderDoc(t)
	for i := range base.Cells {
		base.Cells[i].Runs = base.Cells[i].Runs[:3]
	}
	head := scaled(t, base, func(r *Run) { r.Throughput /= 2 })
	c := Compare(base, head, CompareOptions{Threshold: 0.05})
	ch := verdictOf(c, gc1, "throughput")
	if ch.Verdict != NotEnoughRuns || c.Regressions() != 0 || !strings.Contains(ch.Why, "3 vs 3 runs") {
		t.Fatalf("verdict %s (%s), %d regressions", ch.Verdict, ch.Why, c.Regressions())
	}
}

// Documents of other machines, plans or key sets are compared, with what
// differs listed.
func TestCompareReportsDifferences(t *testing.T) {
	base := renderDoc(t)
	head := scaled(t, base, func(*Run) {})
	head.Env.CPU = "Other CPU"
	head.Env.Commit = "fedcba"
	head.Cells = head.Cells[1:]
	c := Compare(base, head, CompareOptions{Threshold: 0.05})
	var buf bytes.Buffer
	if err := c.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"difference: cpu Test CPU @ 2.0GHz vs Other CPU", "only in base: " + gc1, "No regression beyond 5%"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "difference: commit") {
		t.Errorf("a different commit is what compare compares, not a difference:\n%s", out)
	}
}

func TestCompareGolden(t *testing.T) {
	base := renderDoc(t)
	head := scaled(t, base, func(r *Run) {
		r.Throughput *= 0.8
		r.Latency.P99 = r.Latency.P99 * 3 / 2
	})
	head.Env.Commit = "fedcba9876543210"
	for i := range base.Cells {
		if base.Cells[i].Label("scenario") != "get-customer" {
			continue
		}
		for op, p := range head.Cells[i].Probe {
			p.OutBytes += 2
			head.Cells[i].Probe[op] = p
		}
	}
	for i := range head.Cells { // a write lost under one fault
		if head.Cells[i].Label("fault") == "reset" && head.Cells[i].Label("transport") == "rest" {
			head.Cells[i].Runs[0].Writes.Lost = 1
		}
	}
	c := Compare(base, head, CompareOptions{Threshold: 0.05})
	var text, md bytes.Buffer
	if err := c.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if err := c.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	golden(t, "compare.txt.golden", text.Bytes())
	golden(t, "compare.md.golden", md.Bytes())
}

// A probe whose figures cannot all be true is not compared as exact.
func TestCompareDistrustsFlaggedProbes(t *testing.T) {
	base := renderDoc(t)
	head := scaled(t, base, func(*Run) {})
	p := head.Cells[0].Probe["get-customer"]
	p.OutBytes = 0
	head.Cells[0].Probe["get-customer"] = p
	c := Compare(base, head, CompareOptions{Threshold: 0.05})
	if ch := verdictOf(c, gc1, "wire bytes/call (under load)"); ch.Verdict != NotSignificant {
		t.Errorf("flagged probe: %+v, want the bytes under load compared by their runs", ch)
	}
}

const restReset = "transport=rest/scenario=mixed/backend=postgres/load=closed-c4/fault=reset/profile=default"

// A fault cell's failure behaviour is compared too: events that must not
// happen exactly (from none to some is a regression whatever the
// threshold), the rest by their runs.
func TestCompareFailure(t *testing.T) {
	base := renderDoc(t)
	tests := []struct {
		name   string
		change func(r *Run)
		metric string
		want   Verdict
		why    string // in the verdict's reason
	}{
		{"itself", func(*Run) {}, "lost writes/run", ExactSame, ""},
		{"one write lost", func(r *Run) {
			if r.Block == 0 {
				r.Writes.Lost = 1
			}
		}, "lost writes/run", Regression, ""},
		{"executed twice", func(r *Run) { r.Writes.DuplicateExecutions = 2 }, "duplicate executions/run", Regression, ""},
		{"a call hung: 3 runs cannot tell", func(r *Run) { r.Classes[ClassHung] = 1 }, "hung calls/run", NotEnoughRuns, ""},
		{"never recovered", func(r *Run) { r.Failure.RecoverMs = nil }, "recover", Unknown, "never recovered"},
		{"no call failed", func(r *Run) { r.Failure.DetectMs = nil }, "detect", Unknown, "no call failed"},
		{"fewer unknown outcomes: 3 runs cannot tell", func(r *Run) { r.Writes.UnknownOutcome = 0 }, "unknown outcomes/run", NotEnoughRuns, ""},
		{"slower detection: 3 runs cannot tell", func(r *Run) { *r.Failure.DetectMs *= 10 }, "detect", NotEnoughRuns, ""},
		{"no reconciliation on one side", func(r *Run) { r.Writes = nil }, "lost writes/run", Unknown, "one side only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			head := scaled(t, base, func(r *Run) {
				if r.Failure != nil {
					tt.change(r)
				}
			})
			c := Compare(base, head, CompareOptions{Threshold: 0.05})
			if ch := verdictOf(c, restReset, tt.metric); ch.Verdict != tt.want || !strings.Contains(ch.Why, tt.why) {
				t.Errorf("%s: %s (%s; base %v head %v), want %s (%s)", tt.metric, ch.Verdict, ch.Why, ch.Base, ch.Head, tt.want, tt.why)
			}
		})
	}
	// A key healthy on either side has no failure figures to compare.
	c := Compare(base, base, CompareOptions{Threshold: 0.05})
	if ch := verdictOf(c, gc1, "lost writes/run"); ch.Metric != "" {
		t.Errorf("a healthy key compared its failures: %+v", ch)
	}
}
