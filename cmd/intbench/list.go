package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/faults"
	"github.com/intbench/intbench/results"
	"github.com/intbench/intbench/scenarios"
	"github.com/intbench/intbench/transports"
)

// listSection is one registry "intbench list" prints, a line per entry.
type listSection struct {
	title string
	rows  func() [][2]string
}

// listSections are the registries in print order; a new registry is one
// more entry here.
func listSections() []listSection {
	return []listSection{
		{"patterns", func() [][2]string {
			var out [][2]string
			for _, n := range transports.Names() {
				note := "serves itself over the memory or postgres backend"
				if tr, err := transports.Lookup(n); err == nil && transports.NeedsPostgres(tr) {
					note = "needs PostgreSQL: the consumer reads the provider's tables"
				}
				out = append(out, [2]string{n, note})
			}
			return out
		}},
		{"scenarios", func() [][2]string {
			var out [][2]string
			for _, n := range scenarios.Names() {
				sc, err := scenarios.Lookup(n)
				if err == nil {
					out = append(out, [2]string{n, sc.Description})
				}
			}
			return out
		}},
		{"faults (--faults SPEC,...)", func() [][2]string {
			var out [][2]string
			for _, k := range faults.Kinds() {
				out = append(out, [2]string{k.Syntax, k.Summary})
			}
			return out
		}},
		{"client profiles (--profile)", func() [][2]string {
			var out [][2]string
			for _, p := range transports.Profiles() {
				out = append(out, [2]string{p.Name, p.Summary})
			}
			return out
		}},
		{"networks (--network NAME, or rtt=30ms,bw=50mbit[,jitter=2ms])", func() [][2]string {
			var out [][2]string
			for _, n := range faults.Networks() {
				out = append(out, [2]string{n.Name, n.Summary})
			}
			return out
		}},
		{"contract changes (evolve --changes)", func() [][2]string {
			var out [][2]string
			for _, n := range evolution.Names() {
				if c, err := evolution.Lookup(n); err == nil {
					out = append(out, [2]string{n, c.Summary})
				}
			}
			return out
		}},
		{"report formats (report --format)", func() [][2]string {
			var out [][2]string
			for _, n := range results.FormatNames() {
				f, _ := results.LookupFormat(n)
				out = append(out, [2]string{n, f.Summary})
			}
			return out
		}},
	}
}

func runList(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlagSet("list", errOut)
	names := fs.Bool("names", false, "print the pattern names alone, one a line (for scripts)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *names {
		for _, n := range transports.Names() {
			fmt.Fprintln(out, n)
		}
		return nil
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	for i, s := range listSections() {
		if i > 0 {
			fmt.Fprintln(tw)
		}
		fmt.Fprintf(tw, "%s:\n", s.title)
		for _, r := range s.rows() {
			fmt.Fprintf(tw, "  %s\t%s\n", r[0], r[1])
		}
	}
	return tw.Flush()
}
