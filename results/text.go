package results

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

func init() {
	register(Format{Name: "text", Summary: "the plain comparison table for a terminal", Ext: ".txt",
		Renderer: RendererFunc(func(s Sink, d *Document) error {
			w, err := s.Part("")
			if err != nil {
				return err
			}
			if err := WriteTable(w, d); err != nil {
				return err
			}
			return WriteEvolution(w, d.Evolution)
		})})
}

// WriteTable prints the plain comparison table: one row per cell with the
// medians across repetitions, the confidence interval of the headline
// figures, marks where a pattern does not differ significantly from the
// next better one, and the caveats under the table; then, when the
// document has fault cells, their behaviour under the fault.
func WriteTable(w io.Writer, d *Document) error {
	if d.Incomplete {
		fmt.Fprintln(w, IncompleteNote)
	}
	if len(d.Cells) == 0 && d.Evolution != nil {
		return nil // an evolve document: the matrix is all it has
	}
	if !hasHealthy(d) { // a fault run: its cells are in the failure table
		writeWarnings(w, d)
		return writeFailureText(w, d)
	}
	sig := newSignificance(d.Cells)
	extra := d.ExtraLabels()
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "pattern\tscenario\tbackend\tload\t"+tabs(extra)+"calls/s\tp50\tp99\tp99.9\twire out B/call\twire in B/call\tclient CPU/call\tserver CPU/call\terrors\t")
	notes := map[string]bool{}
	for i, c := range d.Cells {
		if IsFaultCell(c) {
			continue // in the failure table
		}
		s := c.Summary
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s%s\t%s\t%s\t%s\t%.0f\t%.0f\t%s\t%s\t%d\t\n",
			c.Labels["transport"], c.Labels["scenario"], c.Labels["backend"], c.Labels["load"], labelCells(&c, extra),
			withCI(fmt.Sprintf("%.0f", s.Throughput.Median), s.Throughput)+sig.mark(i, colThroughput),
			withCI(dur(s.P50.Median), s.P50)+sig.mark(i, colP50),
			withCI(dur(s.P99.Median), s.P99)+sig.mark(i, colP99),
			dur(s.P999.Median), s.WireOut.Median, s.WireIn.Median,
			clientCPU(c, notes), serverCPU(c, notes), s.Errors)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("results: table: %w", err)
	}
	writeNotes(w, d, sig, notes)
	writeWarnings(w, d)
	return writeFailureText(w, d)
}

// tabs is the header cells of the extra labels.
func tabs(labels []string) string {
	var b strings.Builder
	for _, l := range labels {
		b.WriteString(l + "\t")
	}
	return b.String()
}

// labelCells is a row's cells of the extra labels ("-" where the cell
// lacks the label).
func labelCells(c *Cell, labels []string) string {
	var b strings.Builder
	for _, l := range labels {
		v := c.Label(l)
		if v == "" {
			v = "-"
		}
		b.WriteString(v + "\t")
	}
	return b.String()
}

// writeFailureText prints the failure table of the fault cells.
func writeFailureText(w io.Writer, d *Document) error {
	ft := newFailureTable(d)
	if len(ft.Rows) == 0 {
		return nil
	}
	fmt.Fprintln(w, "\nUnder faults:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(ft.Header, "\t")+"\t")
	for _, r := range ft.Rows {
		fmt.Fprintln(tw, strings.Join(r.Values, "\t")+"\t")
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("results: failure table: %w", err)
	}
	fmt.Fprintln(w, failureNotes)
	return nil
}

// withCI appends the relative half-width of s's interval; its level is in
// the notes under the table.
func withCI(v string, s Stat) string {
	r, ok := s.RelCI()
	if !ok {
		return v
	}
	return fmt.Sprintf("%s ±%s", v, pct(r))
}

func pct(r float64) string {
	if r < 0.1 {
		return fmt.Sprintf("%.1f%%", 100*r)
	}
	return fmt.Sprintf("%.0f%%", 100*r)
}

// Footnote markers of the CPU columns.
const (
	markInProcess  = "*"
	markExternalDB = "†"
)

func clientCPU(c Cell, notes map[string]bool) string {
	s := c.Summary.ClientCPU
	if s == nil {
		return "n/a"
	}
	v := dur(s.Median)
	if len(c.Runs) > 0 && strings.HasPrefix(c.Runs[0].Cost.ClientScope, ScopeInProcess) {
		notes[markInProcess] = true
		v += markInProcess
	}
	if dc := c.Summary.DriverCPU; dc != nil {
		v += fmt.Sprintf(" (driver %s)", dur(dc.Median))
	}
	return v
}

func serverCPU(c Cell, notes map[string]bool) string {
	s := c.Summary.ServerCPU
	if s == nil {
		return "n/a"
	}
	v := dur(s.Median)
	if len(c.Runs) > 0 && c.Runs[0].Cost.ServerScope == ScopeServerOnly {
		notes[markExternalDB] = true
		v += markExternalDB
	}
	return v
}

// Scopes of the CPU and allocation figures: what each includes.
const (
	// ScopeClient: the driver process, which holds the client.
	ScopeClient = "client+driver"
	// ScopeInProcess: the driver process, which holds client and server.
	ScopeInProcess = "client+driver+server (in-process)"
	// ScopeClientProxy: the driver process, which holds the client and
	// the proxies of a fault run or a network (they run in process).
	ScopeClientProxy = "client+driver+proxies"
	// ScopeServerProcess: the server's process tree (memory backend).
	ScopeServerProcess = "server process tree"
	// ScopeServerTree: the server's process tree and the PostgreSQL
	// cluster it uses (DatabaseCPUNs is that part).
	ScopeServerTree = "server process tree + PostgreSQL cluster"
	// ScopeServerOnly: the server's process tree without its database,
	// an external server that cannot be measured.
	ScopeServerOnly = "server process tree; PostgreSQL external, not measured"
	// ScopeNotSeparable: the server runs in the driver's process.
	ScopeNotSeparable = "in the driver's process: not separable"
	// ScopeUnknown: the server runs elsewhere.
	ScopeUnknown = "unknown: the server runs elsewhere"
)

func writeNotes(w io.Writer, d *Document, sig *significance, notes map[string]bool) {
	if len(d.Cells) == 0 {
		return
	}
	writeLevels(w, d.Cells)
	if sig.tested {
		fmt.Fprintf(w, "≈ marks a pattern not significantly different from the next better one in the same scenario and load (Mann-Whitney U over the runs, α = %.2f): do not read that step as a ranking.\n", 1-Confidence)
	}
	if sig.undecidable {
		fmt.Fprintln(w, "Too few runs to tell patterns apart at that level: use --count 6 or more before ranking them.")
	}
	if notes[markInProcess] {
		fmt.Fprintln(w, markInProcess+" the server ran in the driver's process: the figure is client and server together.")
	}
	if notes[markExternalDB] {
		fmt.Fprintln(w, markExternalDB+" the database is an external server: its CPU is not included.")
	}
	fmt.Fprintln(w, "n/a: not measured (never shown as 0).")
}

// writeLevels says what ± means: the interval's level for the run counts
// in the table (order statistics reach 95% from six runs on).
func writeLevels(w io.Writer, cells []Cell) {
	levels := map[int]float64{}
	for _, c := range cells {
		if s := c.Summary.Throughput; s.Lo != nil {
			levels[s.N] = s.Confidence
		}
	}
	if len(levels) == 0 {
		fmt.Fprintln(w, "No confidence intervals: a cell needs at least 3 runs (--count), 6 for 95%.")
		return
	}
	var parts []string
	for _, n := range slices.Sorted(maps.Keys(levels)) {
		parts = append(parts, fmt.Sprintf("%.1f%% with %d runs", 100*levels[n], n))
	}
	fmt.Fprintf(w, "± is the confidence interval of the median over a cell's runs (order statistics, distribution-free): %s%s.\n",
		strings.Join(parts, ", "), map[bool]string{true: "; 6 runs reach 95%", false: ""}[slices.Min(slices.Collect(maps.Keys(levels))) < 6])
}

// writeWarnings names the cells whose figures need a caveat: an open loop
// that could not keep its rate or whose pacer was late, calls abandoned as
// hung, latencies beyond the histogram, and patterns not measured at all.
func writeWarnings(w io.Writer, d *Document) {
	for _, c := range d.Cells {
		for i, r := range c.Runs {
			if r.Rate != nil && r.Rate.Missed {
				fmt.Fprintf(w, "caveat: %s run %d: %s\n", c.Key, i+1, rateCaveat(r))
			}
			if r.Hung > 0 {
				fmt.Fprintf(w, "hung calls: %s run %d abandoned %d calls still running at twice the call timeout (counted as errors)\n", c.Key, i+1, r.Hung)
			}
			if r.Clipped > 0 {
				fmt.Fprintf(w, "clipped: %s run %d recorded %d latencies above the histogram's %s range at its maximum\n", c.Key, i+1, r.Clipped, time.Duration(HistMax))
			}
		}
	}
	for _, f := range d.Failures {
		fmt.Fprintf(w, "not measured: %s: %s\n", f.Transport, f.Error)
	}
	for _, p := range probeProblems(d) {
		fmt.Fprintln(w, p)
	}
}

// rateCaveat says what a flagged open-loop run means for its figures.
func rateCaveat(r Run) string {
	rt := r.Rate
	var parts []string
	for _, reason := range rt.Reasons {
		switch reason {
		case ReasonBacklog:
			parts = append(parts, fmt.Sprintf("sent %.0f/s of %.0f/s; %d calls due in the window were never sent and enter the percentiles as lower bounds (their wait until the window closed), so the latencies understate a queue that kept growing and calls/s is the capacity, not the target", rt.Achieved, rt.Target, rt.Backlog))
		case ReasonLag:
			parts = append(parts, fmt.Sprintf("sends fell up to %s behind schedule waiting for a free worker: that queueing is in the latencies (more workers would separate it)", time.Duration(rt.MaxLag).Round(time.Microsecond)))
		case ReasonPacer:
			parts = append(parts, fmt.Sprintf("the pacer itself woke late (p50 %s, p99 %s), a timer error included in every latency", dur(float64(rt.Pacer.P50)), dur(float64(rt.Pacer.P99))))
		default:
			parts = append(parts, reason)
		}
	}
	return strings.Join(parts, "; ")
}

// Reasons an open-loop run is flagged.
const (
	ReasonBacklog = "backlog"
	ReasonLag     = "lag"
	ReasonPacer   = "pacer"
)

// dur formats nanoseconds with a precision that suits their size.
func dur(ns float64) string {
	d := time.Duration(ns)
	switch {
	case d >= 10*time.Millisecond:
		return d.Round(100 * time.Microsecond).String()
	case d >= 10*time.Microsecond:
		return d.Round(time.Microsecond).String()
	}
	return d.Round(10 * time.Nanosecond).String()
}

// groupKey is a cell's labels but the transport: the cells a table
// compares patterns within.
func groupKey(c Cell) string {
	l := maps.Clone(c.Labels)
	delete(l, "transport")
	return Key(l)
}

// Columns tested for significance, with the direction of better.
const (
	colThroughput = iota
	colP50
	colP99
	numCols
)

var columns = [numCols]struct {
	value  func(Run) float64
	higher bool
}{
	colThroughput: {func(r Run) float64 { return r.Throughput }, true},
	colP50:        {func(r Run) float64 { return float64(r.Latency.P50) }, false},
	colP99:        {func(r Run) float64 { return float64(r.Latency.P99) }, false},
}

// significance holds, per cell and column, whether the cell is not
// significantly different from the next better cell of its group.
type significance struct {
	tied        map[[2]int]bool
	tested      bool // at least one pair could be decided
	undecidable bool // some pair had too few runs to decide at all
}

func newSignificance(cells []Cell) *significance {
	s := &significance{tied: map[[2]int]bool{}}
	groups := map[string][]int{}
	for i, c := range cells {
		groups[groupKey(c)] = append(groups[groupKey(c)], i)
	}
	for _, idx := range groups {
		if len(idx) < 2 {
			continue
		}
		for col := range numCols {
			s.rank(cells, idx, col)
		}
	}
	return s
}

// rank orders a group by one column's median, best first, and tests each
// cell against the one ranked just above it.
func (s *significance) rank(cells []Cell, idx []int, col int) {
	c := columns[col]
	med := func(i int) float64 { return cells[i].Metric(c.value).Median }
	order := slices.Clone(idx)
	slices.SortStableFunc(order, func(a, b int) int {
		if c.higher {
			return compare(med(b), med(a))
		}
		return compare(med(a), med(b))
	})
	for k := 1; k < len(order); k++ {
		p, ok := Significance(cells[order[k-1]].Values(c.value), cells[order[k]].Values(c.value))
		if !ok {
			s.undecidable = true
			continue
		}
		s.tested = true
		if p > 1-Confidence {
			s.tied[[2]int{order[k], col}] = true
		}
	}
}

func compare(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (s *significance) mark(cell, col int) string {
	if s.tied[[2]int{cell, col}] {
		return " ≈"
	}
	return ""
}

// hasHealthy reports whether any cell ran without a fault: the cells of
// the comparison table.
func hasHealthy(d *Document) bool {
	for _, c := range d.Cells {
		if !IsFaultCell(c) {
			return true
		}
	}
	return false
}
