package results

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
)

func init() {
	register(Format{Name: "md", Summary: "GitHub-flavoured Markdown tables, with a failure table when fault cells exist", Ext: ".md",
		Renderer: RendererFunc(func(s Sink, d *Document) error {
			w, err := s.Part("")
			if err != nil {
				return err
			}
			return WriteMarkdown(w, d)
		})})
}

// WriteMarkdown writes the comparison as GitHub-flavoured Markdown: the
// table of the text renderer (medians, intervals, ≈ marks), its notes as a
// list, and the failure table of fault cells.
func WriteMarkdown(w io.Writer, d *Document) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "## intbench results")
	fmt.Fprintln(bw)
	if d.Incomplete {
		fmt.Fprintf(bw, "> **%s**\n\n", IncompleteNote)
	}
	fmt.Fprintln(bw, mdEnv(d))
	fmt.Fprintln(bw)
	var notes bytes.Buffer
	if hasHealthy(d) {
		v := comparisonView(d, &notes)
		mdRow(bw, v.Header)
		mdAlign(bw, len(v.Header), v.Left)
		for _, row := range v.Rows {
			mdRow(bw, row)
		}
		fmt.Fprintln(bw)
	}
	writeWarnings(&notes, d)
	mdList(bw, notes.String())
	writeFailureMarkdown(bw, d)
	writeEvolutionMarkdown(bw, d.Evolution)
	return bw.Flush()
}

func mdEnv(d *Document) string {
	e := d.Env
	commit := e.Commit
	if len(commit) > 12 {
		commit = commit[:12]
	}
	if commit == "" {
		commit = "unknown"
	}
	if e.Modified {
		commit += " (modified)"
	}
	return fmt.Sprintf("Measured %s on %s (%d CPUs, GOMAXPROCS %d), %s, %s, commit `%s`.",
		d.Created.UTC().Format("2006-01-02 15:04 MST"), orNA(e.CPU), e.NumCPU, e.GOMAXPROCS, orNA(e.Kernel), orNA(e.GoVersion), commit)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// mdCell escapes what would end a table cell.
func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

func mdRow(w io.Writer, cells []string) {
	esc := make([]string, len(cells))
	for i, c := range cells {
		esc[i] = mdCell(c)
	}
	fmt.Fprintf(w, "| %s |\n", strings.Join(esc, " | "))
}

// mdAlign writes the delimiter row: the first left columns left-aligned,
// the figures right-aligned.
func mdAlign(w io.Writer, n, left int) {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = "---:"
		if i < left {
			parts[i] = "---"
		}
	}
	fmt.Fprintf(w, "|%s|\n", strings.Join(parts, "|"))
}

// mdList writes each line of text as a list item.
func mdList(w io.Writer, text string) {
	for _, l := range strings.Split(strings.TrimSpace(text), "\n") {
		if l != "" {
			fmt.Fprintf(w, "- %s\n", l)
		}
	}
}

func writeFailureMarkdown(w io.Writer, d *Document) {
	ft := newFailureTable(d)
	if len(ft.Rows) == 0 {
		return
	}
	fmt.Fprintln(w, "\n### Under faults")
	fmt.Fprintln(w)
	mdRow(w, ft.Header)
	mdAlign(w, len(ft.Header), 4)
	for _, r := range ft.Rows {
		mdRow(w, r.Values)
	}
	fmt.Fprintf(w, "\n%s\n", failureNotes)
}
