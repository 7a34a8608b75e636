package results

import (
	"bytes"
	"fmt"
	"html/template"
	"image/color"
	"math"
	"regexp"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Charts are drawn on the server with gonum/plot as SVG and inlined, so a
// report needs no script and no other host to show them. Text is measured
// with Liberation Sans, which is metric-compatible with Arial and
// Helvetica: the SVG names those as fallbacks, so a viewer without the
// font lays the labels out the same.

// chartFont is the font of every chart's text.
var chartFont = font.Font{Typeface: "Liberation", Variant: "Sans"}

// Chart sizes in points; the SVG scales to its container.
const (
	chartW = 16 * vg.Centimeter
	chartH = 9 * vg.Centimeter
)

// palette holds colours that stay apart for colour-blind readers
// (Okabe and Ito), each pattern keeping its colour in every chart.
var palette = []color.RGBA{
	{0x00, 0x72, 0xB2, 0xff}, // blue
	{0xD5, 0x5E, 0x00, 0xff}, // vermillion
	{0x00, 0x9E, 0x73, 0xff}, // green
	{0xCC, 0x79, 0xA7, 0xff}, // purple
	{0xE6, 0x9F, 0x00, 0xff}, // orange
	{0x56, 0xB4, 0xE9, 0xff}, // sky
	{0x00, 0x00, 0x00, 0xff}, // black
	{0x99, 0x99, 0x33, 0xff}, // olive
}

// patternOrder is the usual order of the patterns, from the most coupled
// to the floor; others follow sorted.
var patternOrder = []string{"shareddb", "soap", "rest", "thrift", "grpc", "rawtcp"}

// colours assigns each name a colour of the palette, known patterns first.
type colours map[string]color.RGBA

func newColours(names []string) colours {
	sorted := slices.Clone(names)
	slices.SortFunc(sorted, func(a, b string) int {
		ia, ib := rankOf(a), rankOf(b)
		if ia != ib {
			return ia - ib
		}
		return strings.Compare(a, b)
	})
	c := colours{}
	for i, n := range slices.Compact(sorted) {
		c[n] = palette[i%len(palette)]
	}
	return c
}

func rankOf(name string) int {
	if i := slices.Index(patternOrder, name); i >= 0 {
		return i
	}
	return len(patternOrder)
}

// newPlot returns a plot with the report's font and a light grid.
func newPlot(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	for _, ts := range []*draw.TextStyle{&p.Title.TextStyle, &p.X.Label.TextStyle, &p.Y.Label.TextStyle, &p.X.Tick.Label, &p.Y.Tick.Label, &p.Legend.TextStyle} {
		ts.Font.Typeface, ts.Font.Variant = chartFont.Typeface, chartFont.Variant
	}
	p.Title.Text, p.X.Label.Text, p.Y.Label.Text = title, xLabel, yLabel
	p.Title.TextStyle.Font.Size = vg.Points(12)
	p.Legend.Top = true
	p.Legend.TextStyle.Font.Size = vg.Points(9)
	g := plotter.NewGrid()
	g.Vertical.Color = color.Gray{Y: 0xe0}
	g.Horizontal.Color = color.Gray{Y: 0xe0}
	p.Add(g)
	return p
}

// line adds a line of pts in colour c to p, named in the legend; dashed
// draws it dashed.
func line(p *plot.Plot, name string, pts plotter.XYs, c color.Color, dashed bool) error {
	l, err := plotter.NewLine(pts)
	if err != nil {
		return fmt.Errorf("chart %q: %w", name, err)
	}
	l.LineStyle.Color, l.LineStyle.Width = c, vg.Points(1.6)
	if dashed {
		l.LineStyle.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	}
	p.Add(l)
	if name != "" {
		p.Legend.Add(name, l)
	}
	return nil
}

// band shades the area between lo and hi (same x) in a light c.
func band(p *plot.Plot, lo, hi plotter.XYs, c color.RGBA) error {
	if len(lo) < 2 {
		return nil
	}
	ring := slices.Clone(lo)
	for i := len(hi) - 1; i >= 0; i-- {
		ring = append(ring, hi[i])
	}
	poly, err := plotter.NewPolygon(ring)
	if err != nil {
		return fmt.Errorf("chart band: %w", err)
	}
	poly.Color = color.NRGBA{c.R, c.G, c.B, 0x40} // not premultiplied: RGBA would be invalid
	poly.LineStyle.Width = 0
	p.Add(poly)
	return nil
}

// svgSize renders p as an inline SVG element of w×h points.
func svgSize(p *plot.Plot, w, h vg.Length) (template.HTML, error) {
	c := vgsvg.New(w, h)
	p.Draw(draw.New(c))
	return finishSVG(c)
}

// svgOf renders p at the standard size.
func svgOf(p *plot.Plot) (template.HTML, error) { return svgSize(p, chartW, chartH) }

var (
	svgProlog = regexp.MustCompile(`(?s)^<\?xml[^>]*\?>\s*<!--.*?-->\s*`)
	svgSizeRe = regexp.MustCompile(`<svg width="[^"]*" height="[^"]*"`)
	svgFamily = regexp.MustCompile(`font-family:Liberation Sans;`)
)

// finishSVG makes the canvas an element to inline in HTML: no XML
// prolog, sized by CSS through its viewBox, and a font stack that falls
// back to the metric-compatible system fonts.
func finishSVG(c *vgsvg.Canvas) (template.HTML, error) {
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return "", fmt.Errorf("chart: %w", err)
	}
	s := svgProlog.ReplaceAllString(buf.String(), "")
	s = svgSizeRe.ReplaceAllString(s, `<svg class="chart" role="img" preserveAspectRatio="xMidYMid meet"`)
	s = svgFamily.ReplaceAllString(s, `font-family:'Liberation Sans',Arial,Helvetica,sans-serif;`)
	return template.HTML(s), nil // built by our own code from numbers and escaped labels
}

// msTicks marks a log axis of milliseconds at 1, 2 and 5 of each decade,
// labelled as durations (50µs, 1ms, 2s), with unlabelled ticks between.
type msTicks struct{}

// Ticks returns the ticks between min and max.
func (msTicks) Ticks(min, max float64) []plot.Tick {
	var t []plot.Tick
	if min <= 0 || max <= min {
		return t
	}
	for k := math.Floor(math.Log10(min)); k <= math.Ceil(math.Log10(max)); k++ {
		for m := 1.0; m < 10; m++ {
			v := m * math.Pow(10, k)
			if v < min*0.999 || v > max*1.001 {
				continue
			}
			tick := plot.Tick{Value: v}
			if m == 1 || m == 2 || m == 5 {
				tick.Label = dur(v * 1e6)
			}
			t = append(t, tick)
		}
	}
	return t
}

// logMs makes p's y axis a log axis of milliseconds.
func logMs(p *plot.Plot) {
	p.Y.Scale, p.Y.Tick.Marker = plot.LogScale{}, msTicks{}
}

// tidyTicks are gonum's default ticks labelled with at most its number
// of decimals and no trailing zeros (25, 37.5 and 50, not 25.00, 37.50
// and 50.00).
type tidyTicks int

// Ticks returns the ticks between min and max.
func (d tidyTicks) Ticks(min, max float64) []plot.Tick {
	t := plot.DefaultTicks{}.Ticks(min, max)
	for i := range t {
		if t[i].Label != "" {
			t[i].Label = num(t[i].Value, int(d))
		}
	}
	return t
}
