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

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
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
