package results

import (
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
)

// WriteEvolution prints the compatibility matrix: a row per pattern (and
// client flavour), a column per change, each cell the outcome of a v1
// client against a v2 server, then of a v2 client against a v1 server;
// then one line per cell that is not compatible, saying what broke.
func WriteEvolution(w io.Writer, e *Evolution) error {
	if e == nil || len(e.Cells) == 0 {
		return nil
	}
	rows, grid := e.Grid()
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "pattern\t")
	for _, c := range e.Changes {
		fmt.Fprintf(tw, "%s\t", c.Name)
	}
	fmt.Fprintln(tw)
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t", r)
		for _, c := range e.Changes {
			fmt.Fprintf(tw, "%s\t", grid[r][c.Name])
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("results: evolution: %w", err)
	}
	fmt.Fprintln(w, "Each cell: a v1 client against a v2 server / a v2 client against a v1 server (compatible, silent: data lost or wrong, loud: calls fail, n/a).")
	for _, c := range e.Cells {
		if c.Outcome != Compatible && c.Detail != "" {
			fmt.Fprintln(w, c.note())
		}
	}
	return nil
}

// note is one line on a cell that is not compatible: where, and what the
// client saw (the detail names the outcome of each part itself).
func (c EvolutionCell) note() string {
	d := c.Detail
	if !strings.HasPrefix(d, c.Outcome+":") && !strings.HasPrefix(d, Silent+":") && !strings.HasPrefix(d, Loud+":") {
		d = c.Outcome + ": " + d
	}
	return fmt.Sprintf("%s, %s, %s: %s", c.Row(), c.Change, c.Direction, d)
}

// Grid arranges the matrix: its rows in order, and for each row and change
// the two directions' outcomes as "v1→v2 / v2→v1" ("–" where a direction
// was not measured).
func (e *Evolution) Grid() (rows []string, grid map[string]map[string]string) {
	pairs := map[string]map[string]*[2]string{}
	for _, c := range e.Cells {
		r := c.Row()
		if pairs[r] == nil {
			pairs[r] = map[string]*[2]string{}
			rows = append(rows, r)
		}
		p := pairs[r][c.Change]
		if p == nil {
			p = &[2]string{"–", "–"}
			pairs[r][c.Change] = p
		}
		if c.Direction == OldClientNewServer {
			p[0] = c.Outcome
		} else {
			p[1] = c.Outcome
		}
	}
	grid = map[string]map[string]string{}
	for r, cs := range pairs {
		grid[r] = map[string]string{}
		for _, ch := range e.Changes {
			grid[r][ch.Name] = "– / –"
			if p := cs[ch.Name]; p != nil {
				grid[r][ch.Name] = p[0] + " / " + p[1]
			}
		}
	}
	return rows, grid
}

// evolutionView is the matrix as the Markdown and HTML renderers show it:
// a header of changes and, per row, a cell per change with both
// directions.
type evolutionView struct {
	Changes []string
	Rows    []evolutionRow
	Notes   []string // a line per cell that is not compatible
}

type evolutionRow struct {
	Name  string
	Cells []evolutionViewCell
}

type evolutionViewCell struct {
	Old, New       string
	OldCSS, NewCSS template.CSS
}

// outcomeColour is the background of an outcome in the HTML matrix.
var outcomeColour = map[string]template.CSS{
	Compatible:    "background:hsl(120,55%,82%)",
	Silent:        "background:hsl(0,70%,78%)",
	Loud:          "background:hsl(35,90%,78%)",
	NotApplicable: "background:#e8e8e8",
}

func newEvolutionView(e *Evolution) *evolutionView {
	if e == nil || len(e.Cells) == 0 {
		return nil
	}
	v := &evolutionView{}
	for _, c := range e.Changes {
		v.Changes = append(v.Changes, c.Name)
	}
	idx := map[string]int{}
	for _, c := range e.Cells {
		r := c.Row()
		if _, ok := idx[r]; !ok {
			idx[r] = len(v.Rows)
			v.Rows = append(v.Rows, evolutionRow{Name: r, Cells: make([]evolutionViewCell, len(v.Changes))})
			for i := range v.Changes {
				v.Rows[idx[r]].Cells[i] = evolutionViewCell{Old: "–", New: "–"}
			}
		}
		col := slices.Index(v.Changes, c.Change)
		if col < 0 {
			continue
		}
		cell := &v.Rows[idx[r]].Cells[col]
		if c.Direction == OldClientNewServer {
			cell.Old, cell.OldCSS = c.Outcome, outcomeColour[c.Outcome]
		} else {
			cell.New, cell.NewCSS = c.Outcome, outcomeColour[c.Outcome]
		}
		if c.Outcome != Compatible && c.Detail != "" {
			v.Notes = append(v.Notes, c.note())
		}
	}
	return v
}

// writeEvolutionMarkdown writes the matrix as a Markdown table and the
// explanation of each cell that is not compatible.
func writeEvolutionMarkdown(w io.Writer, e *Evolution) {
	v := newEvolutionView(e)
	if v == nil {
		return
	}
	fmt.Fprintln(w, "### Compatibility matrix")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Each cell: a v1 client against a v2 server / a v2 client against a v1 server.")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "| pattern | %s |\n|---|%s\n", strings.Join(v.Changes, " | "), strings.Repeat("---|", len(v.Changes)))
	for _, r := range v.Rows {
		fmt.Fprintf(w, "| %s |", r.Name)
		for _, c := range r.Cells {
			fmt.Fprintf(w, " %s / %s |", c.Old, c.New)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)
	for _, n := range v.Notes {
		fmt.Fprintf(w, "- %s\n", mdEscape(n))
	}
	fmt.Fprintln(w)
}

// mdEscape keeps a line of text from being read as Markdown table syntax.
func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
