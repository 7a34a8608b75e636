package results

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Label returns the cell's label name, or "" when it has none.
func (c *Cell) Label(name string) string { return c.Labels[name] }

// OpWeight is one operation of a scenario's mix and its weight.
type OpWeight struct {
	Op     string
	Weight float64
}

// ProbeFigures are a probe's exact per-call figures for a mix of
// operations: each the weighted mean over the mix, exact given the mix.
type ProbeFigures struct {
	Out, In           float64 // one steady call, headers and framing included
	SetupOut, SetupIn float64 // extra bytes of a connection's first call
	ExtraOut, ExtraIn float64 // control bytes between calls (not exact)
	RoundTrips        float64
	// BodyOut and BodyIn are the encoded bodies alone; nil when any
	// operation of the mix cannot tell them apart.
	BodyOut, BodyIn *float64
}

// Wire is the bytes of one steady call, both directions.
func (p ProbeFigures) Wire() float64 { return p.Out + p.In }

// Control is the mean control bytes between calls, both directions.
func (p ProbeFigures) Control() float64 { return p.ExtraOut + p.ExtraIn }

// MixProbe weights the probe of each operation of mix; false when the
// probe lacks one of them or the mix is empty.
func MixProbe(probe map[string]OpProbe, mix []OpWeight) (ProbeFigures, bool) {
	var f ProbeFigures
	var bodyOut, bodyIn, weights float64
	bodies := true
	for _, m := range mix {
		p, ok := probe[m.Op]
		if !ok {
			return ProbeFigures{}, false
		}
		w := m.Weight
		f.Out += w * float64(p.OutBytes)
		f.In += w * float64(p.InBytes)
		f.SetupOut += w * float64(p.SetupOut)
		f.SetupIn += w * float64(p.SetupIn)
		f.ExtraOut += w * p.ExtraOut
		f.ExtraIn += w * p.ExtraIn
		f.RoundTrips += w * float64(p.RoundTrips)
		if p.BodyOut == nil || p.BodyIn == nil {
			bodies = false
		} else {
			bodyOut += w * float64(*p.BodyOut)
			bodyIn += w * float64(*p.BodyIn)
		}
		weights += w
	}
	if weights <= 0 {
		return ProbeFigures{}, false
	}
	for _, v := range []*float64{&f.Out, &f.In, &f.SetupOut, &f.SetupIn, &f.ExtraOut, &f.ExtraIn, &f.RoundTrips} {
		*v /= weights
	}
	if bodies {
		f.BodyOut, f.BodyIn = Float(bodyOut/weights), Float(bodyIn/weights)
	}
	return f, true
}

// PlanScenario is a scenario as the plan in a document records it.
type PlanScenario struct {
	Name  string `json:"name"`
	Steps []struct {
		Op        string `json:"op"`
		Weight    int    `json:"weight"`
		Limit     int    `json:"limit,omitempty"`
		NoteBytes int    `json:"note_bytes,omitempty"`
	} `json:"steps"`
}

// Mix is the scenario's operations and weights.
func (s PlanScenario) Mix() []OpWeight {
	out := make([]OpWeight, len(s.Steps))
	for i, st := range s.Steps {
		out[i] = OpWeight{Op: st.Op, Weight: float64(st.Weight)}
	}
	return out
}

// Scenarios returns the scenarios of the document's plan by name; empty
// when the plan does not record them.
func (d *Document) Scenarios() map[string]PlanScenario {
	var p struct {
		Scenarios []PlanScenario `json:"scenarios"`
	}
	_ = json.Unmarshal(d.Plan, &p) // a plan without scenarios has none to give
	out := map[string]PlanScenario{}
	for _, s := range p.Scenarios {
		out[s.Name] = s
	}
	return out
}

// CellProbe returns the exact per-call figures of c's scenario: the
// plan's mix weighted as the scenario does, or the one operation a probe
// holds when the plan does not say.
func (d *Document) CellProbe(c *Cell, scs map[string]PlanScenario) (ProbeFigures, bool) {
	if len(c.Probe) == 0 {
		return ProbeFigures{}, false
	}
	if sc, ok := scs[c.Label("scenario")]; ok {
		return MixProbe(c.Probe, sc.Mix())
	}
	if len(c.Probe) == 1 {
		for op := range c.Probe {
			return MixProbe(c.Probe, []OpWeight{{Op: op, Weight: 1}})
		}
	}
	return ProbeFigures{}, false
}

// TrustedProbe is CellProbe for the figures a report prints as exact:
// false also when a probe of the cell has a Problem, so its bytes read as
// unknown (empty, n/a, left out) rather than as exact and wrong. The
// report's notes name the probe.
func (d *Document) TrustedProbe(c *Cell, scs map[string]PlanScenario) (ProbeFigures, bool) {
	if probeTrouble(c) {
		return ProbeFigures{}, false
	}
	return d.CellProbe(c, scs)
}

// ClassCount sums the failures of class over c's runs; false when some
// run failed without its failures classed (older engines).
func (c *Cell) ClassCount(class string) (int64, bool) {
	var n int64
	for _, r := range c.Runs {
		if r.Errors > 0 && len(r.Classes) == 0 {
			return 0, false
		}
		n += r.Classes[class]
	}
	return n, true
}

// Writes sums the runs' reconciliations of writes; nil when no run has
// one (a healthy cell, or a backend that cannot be read back).
func (c *Cell) Writes() *Reconciliation {
	var w *Reconciliation
	for _, r := range c.Runs {
		if r.Writes != nil {
			if w == nil {
				w = &Reconciliation{}
			}
			w.add(*r.Writes)
		}
	}
	return w
}

// MaxLatency is the median over runs of each run's largest latency.
func (c *Cell) MaxLatency() Stat {
	return c.Metric(func(r Run) float64 { return float64(r.Latency.Max) })
}

// ExtraLabels lists the labels beyond transport, scenario, backend and
// load that some cell of the comparison table carries (fault cells are in
// the failure table), in key order.
func (d *Document) ExtraLabels() []string {
	base := map[string]bool{"transport": true, "scenario": true, "backend": true, "load": true}
	seen := map[string]bool{}
	for _, c := range d.Cells {
		if IsFaultCell(c) {
			continue
		}
		for k := range c.Labels {
			if !base[k] {
				seen[k] = true
			}
		}
	}
	var out []string
	for _, k := range LabelOrder {
		if seen[k] {
			out = append(out, k)
			delete(seen, k)
		}
	}
	return append(out, slices.Sorted(maps.Keys(seen))...)
}

// num formats v with at most decimals digits after the point, trailing
// zeros dropped.
func num(v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		return "0"
	}
	return s
}

// IncompleteNote says what an interrupted run's figures are.
const IncompleteNote = "INCOMPLETE: the run was interrupted; these figures are what was measured before, and cells may lack runs or be missing."

// Problem says why a probe's figures cannot all be true, or "": a steady
// call that wrote or read nothing, bodies larger than the bytes that
// carried them, or a connection's first call cheaper than a steady one.
// Such a probe attributed bytes to the wrong call (a transport that
// flushes after the call returns can do that).
func (p OpProbe) Problem() string {
	var out []string
	if p.OutBytes <= 0 || p.InBytes <= 0 {
		out = append(out, fmt.Sprintf("a steady call wrote %d B and read %d B", p.OutBytes, p.InBytes))
	}
	if p.BodyOut != nil && *p.BodyOut > p.OutBytes {
		out = append(out, fmt.Sprintf("request body %d B > %d B written", *p.BodyOut, p.OutBytes))
	}
	if p.BodyIn != nil && *p.BodyIn > p.InBytes {
		out = append(out, fmt.Sprintf("response body %d B > %d B read", *p.BodyIn, p.InBytes))
	}
	if p.SetupOut < 0 || p.SetupIn < 0 {
		out = append(out, fmt.Sprintf("set-up %d/%d B (first call cheaper than a steady one)", p.SetupOut, p.SetupIn))
	}
	return strings.Join(out, "; ")
}

// probeProblems lists, once per pattern, scenario and operation, the
// probes whose figures cannot all be true.
func probeProblems(d *Document) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range d.Cells {
		for _, op := range slices.Sorted(maps.Keys(c.Probe)) {
			id := c.Label("transport") + " " + c.Label("scenario") + " " + op
			if p := c.Probe[op].Problem(); p != "" && !seen[id] {
				seen[id] = true
				out = append(out, fmt.Sprintf("probe not trustworthy: %s %s %s: %s", c.Label("transport"), c.Label("scenario"), op, p))
			}
		}
	}
	return out
}
