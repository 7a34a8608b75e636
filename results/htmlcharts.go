package results

import (
	"fmt"
	"html/template"
	"image/color"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// figure is one chart of a report: its SVG and what it shows.
type figure struct {
	Title   string
	SVG     template.HTML
	Caption string
}

// groupCells splits cells by their labels but one, keeping first-seen
// order: the charts compare the patterns within a group.
func groupCells(cells []Cell, keep func(*Cell) bool, except ...string) (keys []string, groups map[string][]*Cell) {
	groups = map[string][]*Cell{}
	for i := range cells {
		c := &cells[i]
		if !keep(c) {
			continue
		}
		l := maps.Clone(c.Labels)
		for _, e := range except {
			delete(l, e)
		}
		k := Key(l)
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], c)
	}
	return keys, groups
}

func healthy(c *Cell) bool {
	return c.Summary.Failure == nil && (c.Label("fault") == "" || c.Label("fault") == "none")
}

// spectrumFigures draw, per group of cells, the latency at every
// percentile from the merged HDR histogram: x is the percentile on a
// log scale of 1/(1-q) (90%, 99%, 99.9% evenly apart), y the latency
// on a log axis.
func spectrumFigures(d *Document, col colours) ([]figure, error) {
	keys, groups := groupCells(d.Cells, func(c *Cell) bool { return healthy(c) && c.Summary.Merged.Count > 0 }, "transport")
	var out []figure
	for _, k := range keys {
		p := newPlot("", "percentile", "latency (log)")
		logMs(p)
		p.Legend.Left = true
		maxX := 1.0
		for _, c := range groups[k] {
			h, err := c.Summary.Merged.Decode()
			if err != nil {
				return nil, err
			}
			top := math.Min(5, math.Log10(float64(h.TotalCount()))) // no resolution beyond 1/count
			maxX = math.Max(maxX, top)
			var pts plotter.XYs
			for x := 0.0; x <= top+1e-9; x += 0.05 {
				q := 100 * (1 - math.Pow(10, -x))
				v := float64(h.ValueAtQuantile(q)) / 1e6
				if v > 0 {
					pts = append(pts, plotter.XY{X: x, Y: v})
				}
			}
			if err := line(p, c.Label("transport"), pts, col[c.Label("transport")], false); err != nil {
				return nil, err
			}
		}
		p.X.Min, p.X.Max = 0, maxX
		p.X.Tick.Marker = percentileTicks(maxX)
		svg, err := svgOf(p)
		if err != nil {
			return nil, err
		}
		out = append(out, figure{Title: "Latency by percentile: " + k, SVG: svg,
			Caption: "Successful calls of all runs pooled (HDR histograms, 0.1% resolution); the curve stops where the calls run out."})
	}
	return out, nil
}

func percentileTicks(maxX float64) plot.ConstantTicks {
	var t []plot.Tick
	for x := 0; float64(x) <= maxX+1e-9; x++ {
		// 90%, 99%, 99.9%…: x-2 decimals, no float noise (99.999, not 99.99900000000001).
		label := strconv.FormatFloat(100*(1-math.Pow(10, -float64(x))), 'f', max(0, x-2), 64) + "%"
		t = append(t, plot.Tick{Value: float64(x), Label: label})
	}
	return t
}

// bytesFigures draw, per scenario, each pattern's exact bytes per call
// split into payload (the encoded bodies) and protocol overhead (headers,
// envelopes, framing), with the connection's set-up bytes beside them.
func bytesFigures(d *Document) ([]figure, error) {
	scs := d.Scenarios()
	byScenario := map[string][]*Cell{}
	var order []string
	seen := map[string]bool{}
	for i := range d.Cells {
		c := &d.Cells[i]
		id := c.Label("transport") + "/" + c.Label("scenario")
		if !healthy(c) || len(c.Probe) == 0 || seen[id] {
			continue
		}
		seen[id] = true
		sc := c.Label("scenario")
		if byScenario[sc] == nil {
			order = append(order, sc)
		}
		byScenario[sc] = append(byScenario[sc], c)
	}
	var out []figure
	for _, sc := range order {
		var names, bad []string
		var payload, overhead, opaque, setup plotter.Values
		for _, c := range byScenario[sc] {
			pf, ok := d.CellProbe(c, scs)
			if !ok {
				continue
			}
			name := c.Label("transport")
			if probeTrouble(c) {
				name += " (!)"
				bad = append(bad, c.Label("transport"))
			}
			names = append(names, name)
			setup = append(setup, math.Max(0, pf.SetupOut+pf.SetupIn))
			if pf.BodyOut != nil && !probeTrouble(c) {
				body := *pf.BodyOut + *pf.BodyIn
				payload, overhead, opaque = append(payload, body), append(overhead, pf.Wire()-body), append(opaque, 0)
			} else {
				payload, overhead, opaque = append(payload, 0), append(overhead, 0), append(opaque, pf.Wire())
			}
		}
		if len(names) == 0 {
			continue
		}
		p, err := bytesPlot(names, payload, overhead, opaque, setup)
		if err != nil {
			return nil, err
		}
		svg, err := svgOf(p)
		if err != nil {
			return nil, err
		}
		caption := "Exact bytes of one steady call from the probe (TCP payload, both directions; a mix weighted as the scenario draws its operations). Set-up is what a connection's first call exchanged beyond a steady one."
		if len(bad) > 0 {
			caption += " (!) " + strings.Join(bad, ", ") + ": the probe's figures cannot all be true (see the notes under the comparison), so the call is drawn whole, unsplit, and a negative set-up as none."
		}
		out = append(out, figure{Title: "Bytes per call: " + sc, SVG: svg, Caption: caption})
	}
	return out, nil
}

// loadWorkers reads the worker count of a closed-loop load label.
func loadWorkers(load string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimPrefix(load, "closed-c"))
	return n, err == nil && strings.HasPrefix(load, "closed-c")
}

// throughputFigures draw calls/s against the closed loop's workers, per
// group that has several, with the median's interval as error bars.
func throughputFigures(d *Document, col colours) ([]figure, error) {
	keys, groups := groupCells(d.Cells, func(c *Cell) bool { _, ok := loadWorkers(c.Label("load")); return ok && healthy(c) }, "transport", "load")
	var out []figure
	for _, k := range keys {
		byTr := map[string][]*Cell{}
		var trs []string
		loads := map[int]bool{}
		for _, c := range groups[k] {
			tr := c.Label("transport")
			if byTr[tr] == nil {
				trs = append(trs, tr)
			}
			byTr[tr] = append(byTr[tr], c)
			n, _ := loadWorkers(c.Label("load"))
			loads[n] = true
		}
		if len(loads) < 2 {
			continue
		}
		p := newPlot("", "concurrent workers (closed loop)", "calls/s")
		p.Legend.Left = true
		ns := slices.Sorted(maps.Keys(loads))
		p.X.Scale, p.X.Tick.Marker = plot.LogScale{}, workerTicks(ns)
		p.X.Min, p.X.Max = float64(ns[0])/1.25, float64(ns[len(ns)-1])*1.25 // the end error bars inside
		p.Y.Min = 0                                                         // calls/s from zero: no exaggerated slopes
		for _, tr := range trs {
			var pts plotter.XYs
			var errs plotter.YErrors
			cells := byTr[tr]
			slices.SortFunc(cells, func(a, b *Cell) int {
				x, _ := loadWorkers(a.Label("load"))
				y, _ := loadWorkers(b.Label("load"))
				return x - y
			})
			for _, c := range cells {
				n, _ := loadWorkers(c.Label("load"))
				s := c.Summary.Throughput
				pts = append(pts, plotter.XY{X: float64(n), Y: s.Median})
				lo, hi := s.Median, s.Median
				if s.Lo != nil {
					lo, hi = *s.Lo, *s.Hi
				}
				errs = append(errs, struct{ Low, High float64 }{s.Median - lo, hi - s.Median})
			}
			if err := line(p, tr, pts, col[tr], false); err != nil {
				return nil, err
			}
			eb, err := plotter.NewYErrorBars(struct {
				plotter.XYs
				plotter.YErrors
			}{pts, errs})
			if err != nil {
				return nil, fmt.Errorf("throughput chart: %w", err)
			}
			eb.LineStyle.Color = col[tr]
			p.Add(eb)
		}
		svg, err := svgOf(p)
		if err != nil {
			return nil, err
		}
		out = append(out, figure{Title: "Throughput against concurrency: " + k, SVG: svg,
			Caption: "Median calls/s over the runs; bars span the median's confidence interval (none below 3 runs)."})
	}
	return out, nil
}

func workerTicks(ns []int) plot.ConstantTicks {
	t := make([]plot.Tick, len(ns))
	for i, n := range ns {
		t[i] = plot.Tick{Value: float64(n), Label: strconv.Itoa(n)}
	}
	return t
}

// noteBytes is the payload size of a payload scenario: the note size of
// its only step, from the plan.
func noteBytes(scs map[string]PlanScenario, name string) (int, bool) {
	sc, ok := scs[name]
	if !ok || len(sc.Steps) != 1 || sc.Steps[0].NoteBytes <= 0 {
		return 0, false
	}
	return sc.Steps[0].NoteBytes, true
}

// payloadFigures draw p50 and p99 against the payload size of the
// payload-* scenarios, per group of the other labels.
func payloadFigures(d *Document, col colours) ([]figure, error) {
	scs := d.Scenarios()
	keys, groups := groupCells(d.Cells, func(c *Cell) bool {
		_, ok := noteBytes(scs, c.Label("scenario"))
		return ok && strings.HasPrefix(c.Label("scenario"), "payload") && c.Summary.Runs > 0
	}, "transport", "scenario")
	var out []figure
	for _, k := range keys {
		byTr := map[string]plotter.XYs{}
		byTr99 := map[string]plotter.XYs{}
		var trs []string
		sizes := map[int]bool{}
		for _, c := range groups[k] {
			tr := c.Label("transport")
			n, _ := noteBytes(scs, c.Label("scenario"))
			if _, ok := byTr[tr]; !ok {
				trs = append(trs, tr)
			}
			sizes[n] = true
			byTr[tr] = append(byTr[tr], plotter.XY{X: float64(n), Y: c.Summary.P50.Median / 1e6})
			byTr99[tr] = append(byTr99[tr], plotter.XY{X: float64(n), Y: c.Summary.P99.Median / 1e6})
		}
		if len(sizes) < 2 {
			continue
		}
		p := newPlot("", "note size (bytes, log)", "latency (log): p50 solid, p99 dashed")
		logMs(p)
		p.Legend.Left = true
		p.X.Scale, p.X.Tick.Marker = plot.LogScale{}, sizeTicks(slices.Sorted(maps.Keys(sizes)))
		for _, tr := range trs {
			for _, s := range []struct {
				pts    plotter.XYs
				name   string
				dashed bool
			}{{byTr[tr], tr, false}, {byTr99[tr], "", true}} {
				slices.SortFunc(s.pts, func(a, b plotter.XY) int { return int(a.X - b.X) })
				if err := line(p, s.name, s.pts, col[tr], s.dashed); err != nil {
					return nil, err
				}
			}
		}
		svg, err := svgOf(p)
		if err != nil {
			return nil, err
		}
		out = append(out, figure{Title: "Latency against payload size: " + k, SVG: svg,
			Caption: "Median over the runs of each run's p50 (solid) and p99 (dashed), by the size of the order's note."})
	}
	return out, nil
}

func sizeTicks(ns []int) plot.ConstantTicks {
	t := make([]plot.Tick, len(ns))
	for i, n := range ns {
		label := strconv.Itoa(n)
		if n >= 1024 && n%1024 == 0 {
			label = strconv.Itoa(n/1024) + " KiB"
		}
		t[i] = plot.Tick{Value: float64(n), Label: label}
	}
	return t
}

// timelineFigures draw each fault cell's timeline: calls per second that
// succeeded and that failed by class, and the p99 of the successes, over
// time, with the fault's window shaded. The run drawn is the one with the
// median success rate, so the picture is typical, not the best or worst.
func timelineFigures(d *Document) ([]figure, error) {
	var out []figure
	for i := range d.Cells {
		c := &d.Cells[i]
		r, idx := typicalRun(c)
		if r == nil {
			continue
		}
		svg, err := timelineSVG(r.Timeline)
		if err != nil {
			return nil, fmt.Errorf("timeline %s: %w", c.Key, err)
		}
		out = append(out, figure{Title: "Timeline: " + c.Key, SVG: svg,
			Caption: fmt.Sprintf("Run %d of %d (the median success rate during the fault), in %s buckets; shaded: the fault.", idx+1, len(c.Runs), time.Duration(r.Timeline.Bucket))})
	}
	return out, nil
}

// typicalRun is the run with a timeline whose success rate under the
// fault is the median of those runs.
func typicalRun(c *Cell) (*Run, int) {
	var idx []int
	for i, r := range c.Runs {
		if r.Timeline != nil && len(r.Timeline.Buckets) > 0 {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return nil, 0
	}
	rate := func(i int) float64 {
		if f := c.Runs[i].Failure; f != nil {
			return f.SuccessRate
		}
		return 0
	}
	slices.SortStableFunc(idx, func(a, b int) int { return compare(rate(a), rate(b)) })
	m := idx[(len(idx)-1)/2]
	return &c.Runs[m], m
}

// classColours colour the timeline's series: successes green, each error
// class its own colour.
var classColours = map[string]color.RGBA{
	"ok": {0x00, 0x9E, 0x73, 0xff}, ClassTimeout: {0xD5, 0x5E, 0x00, 0xff}, ClassRefused: {0xCC, 0x79, 0xA7, 0xff},
	ClassReset: {0x00, 0x72, 0xB2, 0xff}, ClassEOF: {0x56, 0xB4, 0xE9, 0xff}, ClassUnavailable: {0xE6, 0x9F, 0x00, 0xff},
	ClassProtocol: {0x99, 0x99, 0x33, 0xff}, ClassApplication: {0x66, 0x66, 0x66, 0xff}, ClassHung: {0x00, 0x00, 0x00, 0xff},
}

func timelineSVG(tl *Timeline) (template.HTML, error) {
	bucket := time.Duration(tl.Bucket).Seconds()
	if bucket <= 0 {
		return "", fmt.Errorf("bucket length %v", time.Duration(tl.Bucket))
	}
	series := map[string]plotter.XYs{}
	var p99 []plotter.XYs // runs of buckets with successes: no line across a gap
	maxRate := 1.0
	for i, b := range tl.Buckets {
		x := (float64(i) + 0.5) * bucket
		series["ok"] = append(series["ok"], plotter.XY{X: x, Y: float64(b.OK) / bucket})
		maxRate = math.Max(maxRate, float64(b.OK)/bucket)
		for _, cl := range Classes {
			series[cl] = append(series[cl], plotter.XY{X: x, Y: float64(b.Errors[cl]) / bucket})
			maxRate = math.Max(maxRate, float64(b.Errors[cl])/bucket)
		}
		switch {
		case b.P99 == nil || *b.P99 <= 0:
			if len(p99) > 0 && len(p99[len(p99)-1]) > 0 {
				p99 = append(p99, nil)
			}
		case len(p99) == 0:
			p99 = append(p99, plotter.XYs{{X: x, Y: float64(*b.P99) / 1e6}})
		default:
			p99[len(p99)-1] = append(p99[len(p99)-1], plotter.XY{X: x, Y: float64(*b.P99) / 1e6})
		}
	}
	end := float64(len(tl.Buckets)) * bucket
	fs, fe := time.Duration(tl.FaultStart).Seconds(), time.Duration(tl.FaultEnd).Seconds()
	top := newPlot("", "", "calls/s")
	top.X.Min, top.X.Max = 0, end
	top.Y.Tick.Marker = tidyTicks(0)
	top.Y.Min, top.Y.Max = 0, maxRate*1.45 // room for the legend above the lines
	if err := shade(top, fs, fe, 0, maxRate*1.45, true); err != nil {
		return "", err
	}
	for _, name := range append([]string{"ok"}, Classes...) {
		if name != "ok" && allZero(series[name]) {
			continue
		}
		label := name
		if name != "ok" {
			label = "failed: " + name
		}
		if err := line(top, label, series[name], classColours[name], name != "ok"); err != nil {
			return "", err
		}
	}
	bottom := newPlot("", "seconds since the timeline's start", "p99 of successes (log)")
	bottom.X.Min, bottom.X.Max = 0, end
	logMs(bottom)
	var all plotter.XYs
	for _, seg := range p99 {
		all = append(all, seg...)
	}
	if len(all) > 0 {
		lo, hi := minMaxY(all)
		if err := shade(bottom, fs, fe, lo*0.9, hi*1.1, false); err != nil {
			return "", err
		}
		for _, seg := range p99 {
			if err := segment(bottom, seg); err != nil {
				return "", err
			}
		}
	}
	cv := vgsvg.New(chartW, chartH*1.4)
	dc := draw.New(cv)
	tiles := draw.Tiles{Rows: 2, Cols: 1, PadY: vg.Points(6)}
	cs := plot.Align([][]*plot.Plot{{top}, {bottom}}, tiles, dc)
	top.Draw(cs[0][0])
	bottom.Draw(cs[1][0])
	return finishSVG(cv)
}

// shade fills the fault's window from x0 to x1 between y0 and y1.
func shade(p *plot.Plot, x0, x1, y0, y1 float64, legend bool) error {
	if x1 <= x0 {
		return nil
	}
	poly, err := plotter.NewPolygon(plotter.XYs{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
	if err != nil {
		return fmt.Errorf("fault window: %w", err)
	}
	poly.Color = color.NRGBA{0xD5, 0x5E, 0x00, 0x30} // not premultiplied: RGBA would be invalid
	poly.LineStyle.Width = 0
	p.Add(poly)
	if legend {
		p.Legend.Add("fault on", poly)
	}
	return nil
}

func allZero(pts plotter.XYs) bool {
	for _, p := range pts {
		if p.Y != 0 {
			return false
		}
	}
	return true
}

func minMaxY(pts plotter.XYs) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, p := range pts {
		lo, hi = math.Min(lo, p.Y), math.Max(hi, p.Y)
	}
	return lo, hi
}

// bytesPlot stacks payload, overhead and the not-separable bytes per
// pattern, with the set-up bytes in a bar beside them.
func bytesPlot(names []string, payload, overhead, opaque, setup plotter.Values) (*plot.Plot, error) {
	p := newPlot("", "", "bytes per call, both directions")
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.6, float64(len(names))-0.4
	p.Y.Tick.Marker = tidyTicks(0)
	w := vg.Points(math.Min(36, 300/float64(len(names))))
	top := 1.0
	for i := range names {
		top = math.Max(top, math.Max(payload[i]+overhead[i]+opaque[i], setup[i]))
	}
	p.Y.Min, p.Y.Max = 0, 2.2*top // room for the legend above the bars
	var below *plotter.BarChart
	for i, b := range []struct {
		name string
		v    plotter.Values
		c    color.Color
	}{
		{"payload (encoded bodies)", payload, color.RGBA{0x00, 0x72, 0xB2, 0xff}},
		{"protocol overhead (headers, envelopes, framing)", overhead, color.RGBA{0xE6, 0x9F, 0x00, 0xff}},
		{"whole call, unsplit (no body size, or a probe flagged (!))", opaque, color.Gray{Y: 0x99}},
		{"connection set-up, once per connection", setup, color.RGBA{0xCC, 0x79, 0xA7, 0xff}},
	} {
		bc, err := plotter.NewBarChart(b.v, w)
		if err != nil {
			return nil, fmt.Errorf("bytes chart: %w", err)
		}
		bc.Color, bc.Offset, bc.LineStyle.Width = b.c, -w/2, 0
		if i == 3 {
			bc.Offset = w / 2
		} else if below != nil {
			bc.StackOn(below)
		}
		if i < 3 {
			below = bc
		}
		p.Add(bc)
		if !allZeroValues(b.v) {
			p.Legend.Add(b.name, bc)
		}
	}
	return p, nil
}

func allZeroValues(v plotter.Values) bool {
	for _, x := range v {
		if x != 0 {
			return false
		}
	}
	return true
}

// probeTrouble reports whether any operation of c's probe has a problem.
func probeTrouble(c *Cell) bool {
	for _, p := range c.Probe {
		if p.Problem() != "" {
			return true
		}
	}
	return false
}

// segment draws a run of p99 points: a line, or a dot for a lone bucket.
func segment(p *plot.Plot, pts plotter.XYs) error {
	switch len(pts) {
	case 0:
		return nil
	case 1:
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return fmt.Errorf("timeline: %w", err)
		}
		sc.GlyphStyle.Shape, sc.GlyphStyle.Radius = draw.CircleGlyph{}, vg.Points(2)
		p.Add(sc)
		return nil
	}
	return line(p, "", pts, color.Black, false)
}
