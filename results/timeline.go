package results

import (
	"fmt"
	"html/template"
	"image/color"
	"math"
	"slices"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

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
