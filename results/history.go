package results

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"regexp"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

//go:embed templates/history.html.tmpl
var historyTemplate string

var historyTmpl = template.Must(template.New("history").Parse(historyTemplate))

// historyMetric is one headline figure charted over commits: its median
// and, where runs were repeated, the interval of the median. Times are in
// nanoseconds and shown in µs or ms, whichever suits the series.
type historyMetric struct {
	name, unit string
	time       bool
	stat       func(d *Document, c *Cell) *Stat
	// fallback replaces stat for the whole series when distrust says a
	// point's figure cannot be trusted; note says so under the chart.
	fallback func(d *Document, c *Cell) *Stat
	distrust func(c *Cell) bool
	note     string
}

var historyMetrics = []historyMetric{
	{name: "throughput", unit: "calls/s", stat: func(_ *Document, c *Cell) *Stat { return &c.Summary.Throughput }},
	{name: "p50", time: true, stat: func(_ *Document, c *Cell) *Stat { return latencyStat(c, c.Summary.P50) }},
	{name: "p99", time: true, stat: func(_ *Document, c *Cell) *Stat { return latencyStat(c, c.Summary.P99) }},
	{name: "wire bytes per call", unit: "B", stat: probeWire, fallback: loadWire, distrust: probeTrouble,
		note: "(!) the probe's figures cannot all be true at some commit: bytes per call under load instead, for every commit"},
	{name: "client CPU per call", time: true, stat: func(_ *Document, c *Cell) *Stat { return c.Summary.ClientCPU }},
	{name: "server CPU per call", time: true, stat: func(_ *Document, c *Cell) *Stat { return c.Summary.ServerCPU }},
}

func latencyStat(c *Cell, s Stat) *Stat {
	if c.Summary.Merged.Count == 0 {
		return nil
	}
	return &s
}

// probeWire is the probe's exact bytes of one call, or, without a probe,
// the bytes per call under load.
func probeWire(d *Document, c *Cell) *Stat {
	if p, ok := d.CellProbe(c, d.Scenarios()); ok {
		return &Stat{N: 1, Median: p.Wire()}
	}
	return loadWire(d, c)
}

// loadWire is the bytes per call under load, over the runs.
func loadWire(_ *Document, c *Cell) *Stat {
	if len(c.Runs) == 0 {
		return nil
	}
	s := c.Metric(func(r Run) float64 { return r.Wire.OutPerCall + r.Wire.InPerCall })
	return &s
}

// HistoryPoint is one commit of a history: its documents pooled.
type HistoryPoint struct {
	Label string
	Doc   *Document
}

// HistoryPoints pools the documents of each commit (as merge does, with
// differences allowed) and orders the commits by the time they were
// measured, oldest first. Documents without a commit count by their time.
func HistoryPoints(docs []*Document) ([]HistoryPoint, error) {
	byCommit := map[string][]*Document{}
	var order []string
	for _, d := range docs {
		k := d.Env.Commit
		if k == "" {
			k = "@" + d.Created.String()
		}
		if byCommit[k] == nil {
			order = append(order, k)
		}
		byCommit[k] = append(byCommit[k], d)
	}
	var out []HistoryPoint
	for _, k := range order {
		group := byCommit[k]
		d := group[0]
		if len(group) > 1 {
			var err error
			if d, err = MergeWith(MergeOptions{AllowDifferences: true}, group...); err != nil {
				return nil, err
			}
			for _, g := range group {
				if g.Created.After(d.Created) {
					d.Created = g.Created
				}
			}
		}
		out = append(out, HistoryPoint{Label: pointLabel(d), Doc: d})
	}
	slices.SortStableFunc(out, func(a, b HistoryPoint) int { return a.Doc.Created.Compare(b.Doc.Created) })
	return out, nil
}

func pointLabel(d *Document) string {
	return shortCommit(d.Env.Commit, 7, "?") + "\n" + d.Created.UTC().Format("01-02 15:04")
}

// historyPage is what the history template shows.
type historyPage struct {
	Title   string
	Style   template.CSS
	Span    string
	Commits []string
	Keys    []historyKey
}

type historyKey struct {
	ID     string // the section's anchor, for the page's contents
	Key    string
	Latest string
	Charts []figure
}

// HistoryOptions choose what a history page draws.
type HistoryOptions struct {
	// Keys, when set, keeps the keys it matches: a run's every key times
	// five metrics is a long page.
	Keys *regexp.Regexp
}

// WriteHistory writes one self-contained HTML page of regression charts:
// for every key and headline metric, the median at each commit, newest
// last, with the interval of the median shaded where runs were repeated.
func WriteHistory(w io.Writer, docs []*Document) error {
	return WriteHistoryWith(w, docs, HistoryOptions{})
}

// WriteHistoryWith writes the page of WriteHistory as opts choose.
func WriteHistoryWith(w io.Writer, docs []*Document, opts HistoryOptions) error {
	points, err := HistoryPoints(docs)
	if err != nil {
		return err
	}
	if len(points) == 0 {
		return fmt.Errorf("results: history: no documents")
	}
	page := historyPage{Title: "intbench history", Style: template.CSS(reportStyle)}
	first, last := points[0].Doc, points[len(points)-1].Doc
	page.Span = fmt.Sprintf("%d commits from %s to %s.", len(points), docLabel(first), docLabel(last))
	for _, p := range points {
		page.Commits = append(page.Commits, strings.ReplaceAll(p.Label, "\n", " ")+" — "+commitNote(p.Doc))
	}
	for _, key := range historyKeys(points) {
		if opts.Keys != nil && !opts.Keys.MatchString(key) {
			continue
		}
		hk := historyKey{ID: fmt.Sprintf("k%d", len(page.Keys)+1), Key: key}
		for _, m := range historyMetrics {
			fig, ok, err := historyChart(points, key, m)
			if err != nil {
				return fmt.Errorf("results: history %s %s: %w", key, m.name, err)
			}
			if ok {
				hk.Charts = append(hk.Charts, fig)
			}
		}
		page.Keys = append(page.Keys, hk)
	}
	if len(page.Keys) == 0 {
		return fmt.Errorf("results: history: no key matches %q", opts.Keys)
	}
	var buf bytes.Buffer
	if err := historyTmpl.Execute(&buf, page); err != nil {
		return fmt.Errorf("results: history: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

func commitNote(d *Document) string {
	s := d.Env.Commit
	if s == "" {
		s = "no commit recorded"
	}
	if d.Incomplete {
		s += " (incomplete run)"
	}
	if len(d.Sources) > 1 {
		s += fmt.Sprintf(" (%d documents pooled)", len(d.Sources))
	}
	return s
}

// historyKeys lists every key of any point, in first-seen order.
func historyKeys(points []HistoryPoint) []string {
	var keys []string
	seen := map[string]bool{}
	for _, p := range points {
		for _, c := range p.Doc.Cells {
			if !seen[c.Key] {
				seen[c.Key] = true
				keys = append(keys, c.Key)
			}
		}
	}
	return keys
}

// historyChart draws one metric of one key over the points; false when
// no point has the figure.
func historyChart(points []HistoryPoint, key string, m historyMetric) (figure, bool, error) {
	stat, note := m.stat, ""
	if m.distrust != nil {
		for _, p := range points {
			if c := cellByKey(p.Doc, key); c != nil && m.distrust(c) {
				stat, note = m.fallback, m.note
				break
			}
		}
	}
	unit, scale := m.unit, 1.0
	if m.time {
		unit, scale = timeUnit(points, key, stat)
	}
	var med, lo, hi plotter.XYs
	var segments [][2]plotter.XYs // interval bands, one per run of points that have one
	var bandLo, bandHi plotter.XYs
	flush := func() {
		if len(bandLo) > 0 {
			segments = append(segments, [2]plotter.XYs{bandLo, bandHi})
		}
		bandLo, bandHi = nil, nil
	}
	for i, p := range points {
		c := cellByKey(p.Doc, key)
		var s *Stat
		if c != nil {
			s = stat(p.Doc, c)
		}
		if s == nil || s.N == 0 {
			flush()
			continue
		}
		x := float64(i)
		med = append(med, plotter.XY{X: x, Y: s.Median / scale})
		if s.Lo != nil && s.Hi != nil {
			bandLo = append(bandLo, plotter.XY{X: x, Y: *s.Lo / scale})
			bandHi = append(bandHi, plotter.XY{X: x, Y: *s.Hi / scale})
			lo, hi = append(lo, bandLo[len(bandLo)-1]), append(hi, bandHi[len(bandHi)-1])
		} else {
			flush()
		}
	}
	flush()
	if len(med) == 0 {
		return figure{}, false, nil
	}
	p := newPlot("", "", unit)
	p.Y.Tick.Marker = tidyTicks(3)
	p.Title.Text = m.name
	p.Title.TextStyle.Font.Size = vg.Points(11)
	colour := palette[0]
	for _, seg := range segments {
		if err := band(p, seg[0], seg[1], colour); err != nil {
			return figure{}, false, err
		}
		if len(seg[0]) == 1 { // a lone interval: an error bar
			if err := line(p, "", plotter.XYs{seg[0][0], seg[1][0]}, colour, false); err != nil {
				return figure{}, false, err
			}
		}
	}
	if err := line(p, "", med, colour, false); err != nil {
		return figure{}, false, err
	}
	sc, err := plotter.NewScatter(med)
	if err != nil {
		return figure{}, false, err
	}
	sc.GlyphStyle.Color, sc.GlyphStyle.Shape, sc.GlyphStyle.Radius = colour, draw.CircleGlyph{}, vg.Points(2.5)
	p.Add(sc)
	p.X.Min, p.X.Max = -0.4, float64(len(points))-0.6
	p.X.Tick.Marker = commitTicks(points)
	p.X.Tick.Label.Font.Size = vg.Points(7)
	if len(points) > 6 {
		p.X.Tick.Label.Rotation = math.Pi / 5
		p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XRight, draw.YCenter
	}
	yMin, yMax := minMaxY(append(append(slices.Clone(med), lo...), hi...))
	pad := math.Max((yMax-yMin)*0.15, math.Abs(yMax)*0.02+1e-9)
	p.Y.Min, p.Y.Max = math.Max(0, yMin-pad), yMax+pad
	svg, err := svgSize(p, 9*vg.Centimeter, 6.5*vg.Centimeter)
	if err != nil {
		return figure{}, false, err
	}
	caption := "median of each commit's runs"
	if len(lo) > 0 {
		caption += "; shaded: the interval of the median"
	}
	if note != "" {
		caption += ". " + note
	}
	return figure{Title: m.name, SVG: svg, Caption: caption}, true, nil
}

func cellByKey(d *Document, key string) *Cell {
	for i := range d.Cells {
		if d.Cells[i].Key == key {
			return &d.Cells[i]
		}
	}
	return nil
}

func commitTicks(points []HistoryPoint) plot.ConstantTicks {
	t := make([]plot.Tick, len(points))
	for i, p := range points {
		t[i] = plot.Tick{Value: float64(i), Label: p.Label}
	}
	return t
}

// timeUnit picks µs or ms for a series of nanoseconds: ms once the
// largest figure reaches 10 ms.
func timeUnit(points []HistoryPoint, key string, stat func(*Document, *Cell) *Stat) (string, float64) {
	top := 0.0
	for _, p := range points {
		if c := cellByKey(p.Doc, key); c != nil {
			if s := stat(p.Doc, c); s != nil {
				top = math.Max(top, s.Median)
				if s.Hi != nil {
					top = math.Max(top, *s.Hi)
				}
			}
		}
	}
	if top >= 10e6 {
		return "ms", 1e6
	}
	return "µs", 1e3
}
