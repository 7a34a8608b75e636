package results

import (
	"fmt"
	"strings"
	"time"
)

// IsFaultCell reports whether c was measured under a fault.
func IsFaultCell(c Cell) bool { _, ok := c.Labels["fault"]; return ok }

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
	"pattern", "scenario", "fault", "profile", "ok during", "errors by class", "detect", "past deadline", "hung",
	"p99 before → in fault", "first ok after", "recovered after", "reconnects", "retries",
	"dup deliveries", "unknown outcome", "dup executions", "lost",
}

func newFailureTable(d *Document) failureTable {
	t := failureTable{Header: failureHeader}
	for i := range d.Cells {
		c := &d.Cells[i]
		f := c.Summary.Failure
		if f == nil || !IsFaultCell(*c) {
			continue
		}
		row := failureRow{Cell: c, Success: f.SuccessRate.Median}
		if f.SuccessRate.N == 0 {
			row.Success = -1
		}
		w := c.Writes()
		row.Values = []string{
			c.Label("transport"), c.Label("scenario"), c.Label("fault"), orNA(c.Label("profile")),
			successText(f.SuccessRate), classText(f.Classes), detected(f.DetectMs), msStat(f.PastDeadlineMs), fmt.Sprint(f.Hung),
			baselineP99(c) + " → " + nsStat(f.FaultP99), msStat(f.RecoverFirstMs), recovered(f),
			fmt.Sprint(f.Reconnects), fmt.Sprint(f.Retries),
			writeCount(w, func(r *Reconciliation) int64 { return r.DuplicateDeliveries }),
			writeCount(w, func(r *Reconciliation) int64 { return r.UnknownOutcome }),
			mustBeZero(w, func(r *Reconciliation) int64 { return r.DuplicateExecutions }),
			mustBeZero(w, func(r *Reconciliation) int64 { return r.Lost }),
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

// msStat is a time in milliseconds, or "–" when it did not occur (the
// failure metrics are null for what did not happen, not for unknowns).
func msStat(s *Stat) string {
	if s == nil {
		return "–"
	}
	return dur(s.Median * float64(time.Millisecond))
}

func nsStat(s *Stat) string {
	if s == nil {
		return "–"
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

// detected is the time to the first failure, or "no failure".
func detected(s *Stat) string {
	if s == nil {
		return "no failure"
	}
	return msStat(s)
}

// recovered is the median time to recover over the runs that did, and
// how many never did.
func recovered(f *FailureSummary) string {
	if f.RecoverMs == nil {
		return "never"
	}
	s := msStat(f.RecoverMs)
	if f.NeverRecovered > 0 {
		s += fmt.Sprintf(" (never in %d runs)", f.NeverRecovered)
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

// mustBeZero is a count that must be 0, shouted when it is not.
func mustBeZero(w *Reconciliation, f func(*Reconciliation) int64) string {
	if w != nil && f(w) > 0 {
		return fmt.Sprintf("%d (MUST BE 0)", f(w))
	}
	return writeCount(w, f)
}

// failureNotes explains the failure table's columns (the engine's
// definitions: bench/faultrun.go).
const failureNotes = "ok during: share of the calls in flight during the fault that succeeded, whenever they ended (median over runs). detect: onset to the first failure. past deadline: how far past its deadline the latest failure returned. hung: calls the engine's watchdog had to end (still running at twice the deadline). first ok after / recovered after: from the fault's end to the first success / until a stretch of successes only with a p99 within 1.5× the baseline's (never: not within the window). Writes are reconciled with the database by request ID: unknown outcome = reported failed but committed; lost (acknowledged, not in the database) and dup executions must be 0. –: did not occur; n/a: not measured."
