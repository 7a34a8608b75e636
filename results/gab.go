package results

import (
	"encoding/json"
	"fmt"
	"strings"
)

func init() {
	register(Format{Name: "gab", Summary: "github-action-benchmark custom JSON, one file per direction of better (-bigger, -smaller)", Ext: ".json",
		Parts: []string{GabBigger, GabSmaller}, Renderer: RendererFunc(renderGab)})
}

// The parts of the gab format: github-action-benchmark takes one
// direction of better per step, customBiggerIsBetter or
// customSmallerIsBetter.
const (
	GabBigger  = "bigger"
	GabSmaller = "smaller"
)

// gabEntry is one benchmark of github-action-benchmark's custom JSON.
type gabEntry struct {
	Name  string  `json:"name"`
	Unit  string  `json:"unit"`
	Value float64 `json:"value"`
	Range string  `json:"range,omitempty"`
	Extra string  `json:"extra,omitempty"`
}

// gabMetric is one headline figure of a cell.
type gabMetric struct {
	name, unit string
	bigger     bool
	stat       func(c *Cell) *Stat
	scale      float64
}

var gabMetrics = []gabMetric{
	{"throughput", "calls/s", true, func(c *Cell) *Stat { return &c.Summary.Throughput }, 1},
	{"p50", "us", false, func(c *Cell) *Stat { return &c.Summary.P50 }, 1e3},
	{"p99", "us", false, func(c *Cell) *Stat { return &c.Summary.P99 }, 1e3},
	{"client CPU", "us/call", false, func(c *Cell) *Stat { return c.Summary.ClientCPU }, 1e3},
	{"server CPU", "us/call", false, func(c *Cell) *Stat { return c.Summary.ServerCPU }, 1e3},
}

// renderGab writes the headline figures of every cell: the median over
// runs as the value, the half-width of its confidence interval as the
// range, the interval and run count as extra. Unknown figures are left out.
// Exact wire bytes (from the probe) go with the smaller-is-better ones.
func renderGab(s Sink, d *Document) error {
	var bigger, smaller []gabEntry
	scs := d.Scenarios()
	for i := range d.Cells {
		c := &d.Cells[i]
		for _, m := range gabMetrics {
			st := m.stat(c)
			if st == nil || st.N == 0 || (m.name != "throughput" && c.Summary.Merged.Count == 0 && (m.name == "p50" || m.name == "p99")) {
				continue
			}
			e := gabEntry{Name: c.Key + " " + m.name, Unit: m.unit, Value: st.Median / m.scale, Range: gabRange(*st, m.scale), Extra: gabExtra(d, *st, m.scale)}
			if m.bigger {
				bigger = append(bigger, e)
			} else {
				smaller = append(smaller, e)
			}
		}
		if p, ok := d.TrustedProbe(c, scs); ok {
			smaller = append(smaller, gabEntry{Name: c.Key + " wire bytes", Unit: "B/call", Value: p.Wire(), Extra: withIncomplete(d, "exact: the probe's steady call, both directions")})
		}
	}
	for _, part := range []struct {
		name    string
		entries []gabEntry
	}{{GabBigger, bigger}, {GabSmaller, smaller}} {
		w, err := s.Part(part.name)
		if err != nil {
			return err
		}
		if part.entries == nil {
			part.entries = []gabEntry{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(part.entries); err != nil {
			return fmt.Errorf("gab: %w", err)
		}
	}
	return nil
}

func gabRange(s Stat, scale float64) string {
	if s.Lo == nil || s.Hi == nil {
		return ""
	}
	half := max(s.Median-*s.Lo, *s.Hi-s.Median) / scale
	return "± " + num(half, 3)
}

func gabExtra(d *Document, s Stat, scale float64) string {
	text := fmt.Sprintf("median of %d runs", s.N)
	if s.Lo != nil && s.Hi != nil {
		text += fmt.Sprintf("; %.1f%% interval [%s, %s]", 100*s.Confidence, num(*s.Lo/scale, 3), num(*s.Hi/scale, 3))
	}
	return withIncomplete(d, text)
}

func withIncomplete(d *Document, s string) string {
	if d.Incomplete {
		return strings.TrimSpace(s + "; INCOMPLETE: the run was interrupted")
	}
	return s
}
