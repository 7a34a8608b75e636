package results

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"
)

func init() {
	register(Format{Name: "html", Summary: "one self-contained page: tables, inline SVG charts, no other host needed", Ext: ".html",
		Renderer: RendererFunc(func(s Sink, d *Document) error {
			w, err := s.Part("")
			if err != nil {
				return err
			}
			page, err := htmlPage(d)
			if err != nil {
				return err
			}
			_, err = w.Write(page)
			return err
		})})
}

//go:embed templates/report.html.tmpl
var reportTemplate string

//go:embed templates/style.css
var reportStyle string

var reportTmpl = template.Must(template.New("report").Parse(reportTemplate))

// htmlReport is what the report template shows.
type htmlReport struct {
	Title      string
	Style      template.CSS
	Env        string
	Incomplete string
	Table      tableView
	Notes      []string
	Failure    failureTable
	Matrix     *failureMatrix
	Evolution  *evolutionView
	FailNotes  string
	Sections   []section
	Details    []detail
}

type section struct {
	Title   string
	Intro   string
	Figures []figure
}

// detail is one collapsible block of the environment and plan.
type detail struct {
	Summary string
	Rows    [][2]string
	Pre     string
}

// tableView is the comparison table as rows of text cells.
type tableView struct {
	Header []string
	Rows   [][]string
	Left   int // the first Left columns are labels
}

func htmlPage(d *Document) ([]byte, error) {
	r := htmlReport{Title: "intbench results", Style: template.CSS(reportStyle), Env: strings.ReplaceAll(mdEnv(d), "`", ""), FailNotes: failureNotes}
	if d.Incomplete {
		r.Incomplete = IncompleteNote
	}
	var notes bytes.Buffer
	if hasHealthy(d) {
		r.Table = comparisonView(d, &notes)
	}
	writeWarnings(&notes, d)
	for _, l := range strings.Split(strings.TrimSpace(notes.String()), "\n") {
		if l != "" {
			r.Notes = append(r.Notes, l)
		}
	}
	r.Failure = newFailureTable(d)
	r.Matrix = newFailureMatrix(d)
	r.Evolution = newEvolutionView(d.Evolution)
	var err error
	if r.Sections, err = chartSections(d); err != nil {
		return nil, err
	}
	r.Details = details(d)
	var buf bytes.Buffer
	if err := reportTmpl.Execute(&buf, r); err != nil {
		return nil, fmt.Errorf("html: %w", err)
	}
	return buf.Bytes(), nil
}

// comparisonView is the comparison table of the Markdown and HTML
// renderers (the text renderer's, with the exact bytes), with its notes
// written to notes.
func comparisonView(d *Document, notes *bytes.Buffer) tableView {
	sig := newSignificance(d.Cells)
	extra := d.ExtraLabels()
	v := tableView{Left: 4 + len(extra)}
	v.Header = append(append([]string{"pattern", "scenario", "backend", "load"}, extra...),
		"calls/s", "p50", "p99", "p99.9", "wire out B/call", "wire in B/call", "exact B/call", "client CPU/call", "server CPU/call", "errors")
	marks := map[string]bool{}
	scs := d.Scenarios()
	for i := range d.Cells {
		c := &d.Cells[i]
		if IsFaultCell(*c) {
			continue // in the failure table
		}
		s := c.Summary
		row := []string{c.Label("transport"), c.Label("scenario"), c.Label("backend"), c.Label("load")}
		for _, l := range extra {
			row = append(row, orDash(c.Label(l)))
		}
		exact := "n/a"
		if p, ok := d.TrustedProbe(c, scs); ok {
			exact = num(p.Wire(), 1)
		}
		row = append(row,
			withCI(fmt.Sprintf("%.0f", s.Throughput.Median), s.Throughput)+sig.mark(i, colThroughput),
			withCI(dur(s.P50.Median), s.P50)+sig.mark(i, colP50),
			withCI(dur(s.P99.Median), s.P99)+sig.mark(i, colP99),
			dur(s.P999.Median), fmt.Sprintf("%.0f", s.WireOut.Median), fmt.Sprintf("%.0f", s.WireIn.Median), exact,
			clientCPU(*c, marks), serverCPU(*c, marks), fmt.Sprint(s.Errors))
		v.Rows = append(v.Rows, row)
	}
	writeNotes(notes, d, sig, marks)
	return v
}

// chartSections draws every chart the document has data for.
func chartSections(d *Document) ([]section, error) {
	var trs []string
	for _, c := range d.Cells {
		trs = append(trs, c.Label("transport"))
	}
	col := newColours(trs)
	var out []section
	for _, s := range []struct {
		title, intro string
		draw         func() ([]figure, error)
	}{
		{"Latency percentile spectrum", "Where each pattern's latency goes in the tail: every percentile of the pooled histograms, on log axes.", func() ([]figure, error) { return spectrumFigures(d, col) }},
		{"Bytes per call", "What each pattern puts on the wire for the same call: the payload, and what the protocol adds.", func() ([]figure, error) { return bytesFigures(d) }},
		{"Throughput against concurrency", "", func() ([]figure, error) { return throughputFigures(d, col) }},
		{"Latency against payload size", "", func() ([]figure, error) { return payloadFigures(d, col) }},
		{"Fault timelines", "Each fault cell over time: successes and failures by class per second, and the p99 of the successes.", func() ([]figure, error) { return timelineFigures(d) }},
	} {
		figs, err := s.draw()
		if err != nil {
			return nil, fmt.Errorf("html: %s: %w", strings.ToLower(s.title), err)
		}
		if len(figs) > 0 {
			out = append(out, section{Title: s.title, Intro: s.intro, Figures: figs})
		}
	}
	return out, nil
}

// failureMatrix is the fault cells as a grid: a row per pattern and
// profile (and scenario and load when they vary), a column per fault,
// each coloured by the share of calls that succeeded during the fault.
type failureMatrix struct {
	Faults []string
	Rows   []matrixRow
}

type matrixRow struct {
	Name  string
	Cells []matrixCell
}

type matrixCell struct {
	Text, Detail, Warn string
	Style              template.CSS
}

func newFailureMatrix(d *Document) *failureMatrix {
	ft := newFailureTable(d)
	if len(ft.Rows) == 0 {
		return nil
	}
	m := &failureMatrix{}
	rows := map[string]map[string]failureRow{}
	var names []string
	vary := map[string]map[string]bool{"scenario": {}, "load": {}, "backend": {}}
	for _, r := range ft.Rows {
		for k := range vary {
			vary[k][r.Cell.Label(k)] = true
		}
	}
	for _, r := range ft.Rows {
		name := r.Cell.Label("transport") + " · " + orDash(r.Cell.Label("profile"))
		for _, k := range []string{"scenario", "load", "backend"} {
			if len(vary[k]) > 1 {
				name += " · " + r.Cell.Label(k)
			}
		}
		f := r.Cell.Label("fault")
		if !slices.Contains(m.Faults, f) {
			m.Faults = append(m.Faults, f)
		}
		if rows[name] == nil {
			rows[name] = map[string]failureRow{}
			names = append(names, name)
		}
		rows[name][f] = r
	}
	for _, n := range names {
		mr := matrixRow{Name: n}
		for _, f := range m.Faults {
			r, ok := rows[n][f]
			if !ok {
				mr.Cells = append(mr.Cells, matrixCell{Text: "not run", Style: "background:#f4f4f4;color:#777"})
				continue
			}
			mr.Cells = append(mr.Cells, matrixCellOf(r))
		}
		m.Rows = append(m.Rows, mr)
	}
	return m
}

func matrixCellOf(r failureRow) matrixCell {
	f := r.Cell.Summary.Failure
	mc := matrixCell{Text: successText(f.SuccessRate) + " ok", Detail: "detect " + msStat(f.DetectMs) + " · recover " + recovered(f)}
	if r.Success < 0 {
		mc.Style = "background:#eee"
	} else {
		// 0% red through 50% amber to 100% green, light enough for black text.
		mc.Style = template.CSS(fmt.Sprintf("background:hsl(%d,70%%,80%%)", int(120*r.Success)))
	}
	if w := r.Cell.Writes(); w != nil && (w.Lost > 0 || w.DuplicateExecutions > 0) {
		mc.Warn = fmt.Sprintf("%d lost, %d executed twice", w.Lost, w.DuplicateExecutions)
	}
	return mc
}

// details are the collapsible blocks: environment, plan, settings and
// the documents a merge pooled.
func details(d *Document) []detail {
	e := d.Env
	env := detail{Summary: "Environment", Rows: [][2]string{
		{"created", d.Created.UTC().Format("2006-01-02 15:04:05 MST")}, {"go", e.GoVersion}, {"os/arch", e.GOOS + "/" + e.GOARCH},
		{"cpu", e.CPU}, {"cpus", fmt.Sprint(e.NumCPU)}, {"GOMAXPROCS", fmt.Sprint(e.GOMAXPROCS)}, {"kernel", e.Kernel},
		{"commit", e.Commit + map[bool]string{true: " (modified checkout)", false: ""}[e.Modified]}, {"schema", d.Schema},
	}}
	for _, m := range slices.Sorted(maps.Keys(e.Modules)) {
		env.Rows = append(env.Rows, [2]string{m, e.Modules[m]})
	}
	out := []detail{env}
	if len(d.Plan) > 0 {
		var pretty bytes.Buffer
		if json.Indent(&pretty, d.Plan, "", "  ") == nil {
			out = append(out, detail{Summary: "Plan", Pre: pretty.String()})
		}
	}
	if set := settingsRows(d); len(set) > 0 {
		out = append(out, detail{Summary: "Client and server settings", Rows: set})
	}
	if len(d.Sources) > 0 {
		src := detail{Summary: "Merged from"}
		for i, s := range d.Sources {
			src.Rows = append(src.Rows, [2]string{fmt.Sprintf("document %d", i+1),
				fmt.Sprintf("%s, commit %s; %s", s.Created.UTC().Format("2006-01-02 15:04"), orNA(s.Commit), strings.Join(s.Differences, "; "))})
		}
		out = append(out, src)
	}
	return out
}

// settingsRows lists each setting with its values and the patterns that
// used each, so shared settings take one row.
func settingsRows(d *Document) [][2]string {
	uses := map[string]map[string][]string{} // setting → value → transports
	for _, c := range d.Cells {
		for k, v := range c.Settings {
			if uses[k] == nil {
				uses[k] = map[string][]string{}
			}
			if tr := c.Label("transport"); !slices.Contains(uses[k][v], tr) {
				uses[k][v] = append(uses[k][v], tr)
			}
		}
	}
	var rows [][2]string
	for _, k := range slices.Sorted(maps.Keys(uses)) {
		var vals []string
		for _, v := range slices.Sorted(maps.Keys(uses[k])) {
			vals = append(vals, fmt.Sprintf("%s (%s)", v, strings.Join(uses[k][v], ", ")))
		}
		rows = append(rows, [2]string{k, strings.Join(vals, "; ")})
	}
	return rows
}
