package results

import (
	"fmt"
	"strings"
	"time"
)

// failureTable is the behaviour of every fault cell under its fault, one
// row per cell, as text cells: the text, Markdown and HTML renderers lay
// it out each their way. Unknown is "n/a", never 0.
type failureTable struct {
	Header []string
	Rows   []failureRow
}

type failureRow struct {
	Cell *Cell
	// Success is the median share of calls that succeeded during the
	// fault, for colouring; negative when unknown.
	Success float64
	Values  []string
}

// failureHeader names the columns of the failure table.
var failureHeader = []string{
	"pattern", "scenario", "fault", "profile", "ok during fault", "detect", "past deadline",
	"p99 before → during", "first success", "recovered", "errors by class", "reconnects", "retries",
	"lost writes", "unknown outcome", "dup deliveries", "dup executions",
}

func newFailureTable(d *Document) failureTable {
	t := failureTable{Header: failureHeader}
	for i := range d.Cells {
		c := &d.Cells[i]
		f := c.Summary.Failure
		if f == nil {
			continue
		}
		row := failureRow{Cell: c, Success: f.SuccessRate.Median}
		if f.SuccessRate.N == 0 {
			row.Success = -1
		}
		w := c.Writes()
		row.Values = []string{
			c.Label("transport"), c.Label("scenario"), c.Label("fault"), orNA(c.Label("profile")),
			successText(f.SuccessRate), msStat(f.DetectMs), msStat(f.PastDeadlineMs),
			baselineP99(c) + " → " + nsStat(f.FaultP99), msStat(f.RecoverFirstMs), recovered(f),
			classText(f.Classes), fmt.Sprint(f.Reconnects), fmt.Sprint(f.Retries),
			writeCount(w, func(r *Reconciliation) int64 { return r.Lost }),
			writeCount(w, func(r *Reconciliation) int64 { return r.UnknownOutcome }),
			writeCount(w, func(r *Reconciliation) int64 { return r.DuplicateDeliveries }),
			writeCount(w, func(r *Reconciliation) int64 { return r.DuplicateExecutions }),
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func orNA(s string) string {
	if s == "" {
		return "n/a"
	}
	return s
}

func successText(s Stat) string {
	if s.N == 0 {
		return "n/a"
	}
	return num(100*s.Median, 1) + "%"
}

func msStat(s *Stat) string {
	if s == nil {
		return "n/a"
	}
	return dur(s.Median * float64(time.Millisecond))
}

func nsStat(s *Stat) string {
	if s == nil {
		return "n/a"
	}
	return dur(s.Median)
}

// baselineP99 is the median over runs of the p99 before the fault.
func baselineP99(c *Cell) string {
	return nsStat(c.present(func(r Run) *float64 {
		if r.Failure == nil {
			return nil
		}
		return intPtrFloat(r.Failure.BaselineP99)
	}))
}

func recovered(f *FailureSummary) string {
	s := msStat(f.RecoverMs)
	if f.NeverRecovered > 0 {
		s += fmt.Sprintf(" (%d run(s) never)", f.NeverRecovered)
	}
	return s
}

// classText lists the non-zero error classes in report order.
func classText(m map[string]int64) string {
	var parts []string
	for _, k := range Classes {
		if m[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

func writeCount(w *Reconciliation, f func(*Reconciliation) int64) string {
	if w == nil {
		return "n/a"
	}
	return fmt.Sprint(f(w))
}

// failureNotes explains the failure table's columns.
const failureNotes = "ok during fault: median share of calls that succeeded while the fault was on; detect: fault onset to first failed call; recovered: fault end until a bucket's p99 is back within 1.5× the baseline and stays; writes are reconciled with the database by request ID (lost and duplicate executions must be 0); n/a: did not occur or not measured."
