package results

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteText prints the comparison for a terminal: the verdict first, then
// every figure that changed or could not be judged, and the differences
// between the documents.
func (c *Comparison) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "base %s\nhead %s\n", docLabel(c.Base), docLabel(c.Head))
	fmt.Fprintln(bw, c.headline())
	fmt.Fprintln(bw, c.method())
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	header := false
	for _, ch := range c.Changes {
		if !interesting(ch) {
			continue
		}
		if !header {
			fmt.Fprintln(tw, "key\tmetric\tbase\thead\tchange\ttest\tverdict\t")
			header = true
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", ch.Key, ch.Metric, ch.BaseText(), ch.HeadText(), deltaText(ch), pText(ch), verdictText(ch))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("results: compare: %w", err)
	}
	fmt.Fprintf(bw, "%d figures unchanged or not significantly different (of %d compared).\n", c.quiet(), len(c.Changes))
	for _, s := range c.notes() {
		fmt.Fprintln(bw, s)
	}
	return bw.Flush()
}

// interesting is a change worth a row: anything but "no difference"
// and "measured on neither side".
func interesting(ch Change) bool {
	return ch.Verdict != NotSignificant && ch.Verdict != ExactSame && ch.Verdict != NotMeasured
}

func (c *Comparison) quiet() int {
	n := 0
	for _, ch := range c.Changes {
		if !interesting(ch) && ch.Verdict != NotMeasured {
			n++
		}
	}
	return n
}

// unmeasured says which figures neither side measured, by metric.
func (c *Comparison) unmeasured() string {
	count := map[string]int{}
	var order []string
	for _, ch := range c.Changes {
		if ch.Verdict == NotMeasured {
			if count[ch.Metric] == 0 {
				order = append(order, ch.Metric)
			}
			count[ch.Metric]++
		}
	}
	var parts []string
	for _, m := range order {
		parts = append(parts, fmt.Sprintf("%s (%d keys)", m, count[m]))
	}
	if len(parts) == 0 {
		return ""
	}
	return "not measured on either side: " + strings.Join(parts, ", ")
}

func verdictText(ch Change) string {
	if ch.Why != "" {
		return string(ch.Verdict) + ": " + ch.Why
	}
	if ch.Exact && ch.Verdict != ExactSame {
		if strings.HasPrefix(ch.Metric, "wire") {
			return string(ch.Verdict) + " (exact bytes changed)"
		}
		return string(ch.Verdict) + " (exact count changed)"
	}
	return string(ch.Verdict)
}

func (c *Comparison) headline() string {
	n := c.Regressions()
	if n == 0 {
		return fmt.Sprintf("No regression beyond %s.", pctText(c.Threshold))
	}
	return fmt.Sprintf("%d regression(s) beyond %s.", n, pctText(c.Threshold))
}

func (c *Comparison) method() string {
	return fmt.Sprintf("A figure regressed when its runs differ (Mann-Whitney U, α = %.2f, as benchstat) and its median moved by at least %s the wrong way; exact bytes compare exactly, and so do a fault's lost writes and duplicate executions per run (any from none is a regression).", c.Alpha, pctText(c.Threshold))
}

func pctText(v float64) string { return num(100*v, 2) + "%" }

// notes are the lines under the table: keys on one side only, and what
// makes the documents not like for like.
func (c *Comparison) notes() []string {
	var out []string
	if u := c.unmeasured(); u != "" {
		out = append(out, u)
	}
	if len(c.OnlyBase) > 0 {
		out = append(out, "only in base: "+strings.Join(c.OnlyBase, ", "))
	}
	if len(c.OnlyHead) > 0 {
		out = append(out, "only in head: "+strings.Join(c.OnlyHead, ", "))
	}
	for _, d := range c.Differences {
		out = append(out, "difference: "+d)
	}
	return out
}

// WriteMarkdown writes the comparison as a pull-request comment: the
// verdict, the regressions, the other changes, the method and the
// differences between the documents.
func (c *Comparison) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	icon := "✅"
	if c.Regressions() > 0 {
		icon = "❌"
	}
	fmt.Fprintf(bw, "### %s intbench: %s\n\n", icon, c.headline())
	fmt.Fprintf(bw, "Base `%s` → head `%s`.\n\n", docLabel(c.Base), docLabel(c.Head))
	var regressed, other []Change
	for _, ch := range c.Changes {
		switch {
		case ch.Verdict == Regression:
			regressed = append(regressed, ch)
		case interesting(ch):
			other = append(other, ch)
		}
	}
	if len(regressed) > 0 {
		fmt.Fprintln(bw, "#### Regressions")
		fmt.Fprintln(bw)
		compareTable(bw, regressed)
	}
	if len(other) > 0 {
		fmt.Fprintf(bw, "<details><summary>%d other change(s) or figure(s) that could not be judged</summary>\n\n", len(other))
		compareTable(bw, other)
		fmt.Fprintln(bw, "\n</details>")
		fmt.Fprintln(bw)
	}
	fmt.Fprintf(bw, "%d of %d figures unchanged or not significantly different. %s\n", c.quiet(), len(c.Changes), c.method())
	if notes := c.notes(); len(notes) > 0 {
		fmt.Fprintln(bw)
		for _, n := range notes {
			fmt.Fprintf(bw, "- %s\n", mdCell(n))
		}
	}
	return bw.Flush()
}

func compareTable(w io.Writer, changes []Change) {
	mdRow(w, []string{"key", "metric", "base", "head", "change", "test", "verdict"})
	mdAlign(w, 7, 2)
	for _, ch := range changes {
		mdRow(w, []string{"`" + ch.Key + "`", ch.Metric, ch.BaseText(), ch.HeadText(), deltaText(ch), pText(ch), verdictText(ch)})
	}
}
