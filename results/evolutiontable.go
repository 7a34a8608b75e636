package results

import (
	"fmt"
	"io"
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
			fmt.Fprintf(w, "%s, %s, %s: %s: %s\n", c.Row(), c.Change, c.Direction, c.Outcome, c.Detail)
		}
	}
	return nil
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
		for ch, p := range cs {
			grid[r][ch] = p[0] + " / " + p[1]
		}
	}
	return rows, grid
}
