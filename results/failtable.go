package results

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// IsFaultCell reports whether c was measured under a fault.
func IsFaultCell(c Cell) bool { _, ok := c.Labels["fault"]; return ok }

// WriteFailureTable prints one row per fault cell: how the pattern
// behaved under the fault with its client profile. Times are medians over
// the runs that have them; counts are sums. It prints nothing for a
// document without fault cells.
func WriteFailureTable(w io.Writer, d *Document) error {
	var rows []Cell
	for _, c := range d.Cells {
		if IsFaultCell(c) && c.Summary.Failure != nil {
			rows = append(rows, c)
		}
	}
	if len(rows) == 0 {
		return nil
	}
	fmt.Fprintln(w, "\nUnder faults:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "pattern\tscenario\tfault\tprofile\tok during\terrors by class\tdetect\tpast deadline\thung\tp99 in fault\tfirst ok after\trecovered after\treconnects\tretries\tdup deliveries\tunknown outcome\tlost\t")
	for _, c := range rows {
		f := c.Summary.Failure
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s\t\n",
			c.Labels["transport"], c.Labels["scenario"], c.Labels["fault"], c.Labels["profile"],
			fmt.Sprintf("%.0f%%", 100*f.SuccessRate.Median), classList(f.Classes),
			msStat(f.DetectMs), msStat(f.PastDeadlineMs), f.Hung, nsStat(f.FaultP99),
			msStat(f.RecoverFirstMs), recovered(f), f.Reconnects, f.Retries,
			writesCount(f.Writes, func(r *Reconciliation) int64 { return r.DuplicateDeliveries }),
			writesCount(f.Writes, func(r *Reconciliation) int64 { return r.UnknownOutcome }),
			lostCount(f.Writes))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("results: failure table: %w", err)
	}
	fmt.Fprintln(w, "ok during: share of the calls in flight during the fault that succeeded, whenever they ended. detect: onset to the first failure. past deadline: how far past the 1 s reference deadline the latest failure returned. hung: calls the engine's watchdog had to end (still running at twice the deadline).")
	fmt.Fprintln(w, "recovered after: from the fault's end until 200 ms with successes only and a p99 within 1.5× the baseline's begin (never: not within the window). unknown outcome: writes reported failed that committed. lost: acknowledged writes the database lacks (must be 0).")
	return nil
}

func classList(m map[string]int64) string {
	var parts []string
	for _, c := range Classes {
		if n := m[c]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", c, n))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

func msStat(s *Stat) string {
	if s == nil {
		return "–"
	}
	return dur(s.Median * 1e6)
}

func nsStat(s *Stat) string {
	if s == nil {
		return "–"
	}
	return dur(s.Median)
}

func recovered(f *FailureSummary) string {
	if f.RecoverMs == nil {
		return "never"
	}
	v := msStat(f.RecoverMs)
	if f.NeverRecovered > 0 {
		v += fmt.Sprintf(" (never in %d runs)", f.NeverRecovered)
	}
	return v
}

func writesCount(w *Reconciliation, f func(*Reconciliation) int64) string {
	if w == nil {
		return "n/a"
	}
	return fmt.Sprint(f(w))
}

func lostCount(w *Reconciliation) string {
	if w == nil {
		return "n/a"
	}
	if w.Lost > 0 {
		return fmt.Sprintf("%d LOST", w.Lost)
	}
	return "0"
}
