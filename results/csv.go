package results

import (
	"encoding/csv"
	"fmt"
	"strconv"
)

func init() {
	register(Format{Name: "csv", Summary: "one row per cell, a fixed column contract (empty: unknown or not applicable)", Ext: ".csv",
		Renderer: RendererFunc(renderCSV)})
}

// CSVColumns is the CSV renderer's column contract: these names, in this
// order. An interrupted run's rows get one more column, "incomplete".
var CSVColumns = []string{
	"key", "transport", "scenario", "backend", "load", "fault", "profile",
	"runs", "calls", "errors", "throughput_rps",
	"p50_us", "p90_us", "p99_us", "p999_us", "max_us",
	"wire_out_bytes", "wire_in_bytes", "body_out_bytes", "body_in_bytes", "setup_out_bytes", "setup_in_bytes", "round_trips",
	"client_cpu_us_per_call", "server_cpu_us_per_call", "client_allocs_per_call",
	"timeouts", "refused", "resets", "hung",
	"duplicate_deliveries", "duplicate_executions", "unknown_outcome", "lost_writes",
	"detect_ms", "recover_ms",
}

func renderCSV(s Sink, d *Document) error {
	out, err := s.Part("")
	if err != nil {
		return err
	}
	w := csv.NewWriter(out)
	header := CSVColumns
	if d.Incomplete {
		header = append(header[:len(header):len(header)], "incomplete")
	}
	if err := w.Write(header); err != nil {
		return err
	}
	scs := d.Scenarios()
	for i := range d.Cells {
		row := csvRow(d, &d.Cells[i], scs)
		if d.Incomplete {
			row = append(row, "true")
		}
		if err := w.Write(row); err != nil {
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	return nil
}

// csvRow is one cell's row: medians over its runs, sums of counts, exact
// probe bytes weighted over the scenario's mix; "" for unknown.
func csvRow(d *Document, c *Cell, scs map[string]PlanScenario) []string {
	s := c.Summary
	lat := s.Runs > 0 && s.Merged.Count > 0
	us := func(st Stat) string { return ifStr(lat, num(st.Median/1e3, 3)) }
	row := []string{c.Key, c.Label("transport"), c.Label("scenario"), c.Label("backend"), c.Label("load"), c.Label("fault"), c.Label("profile"),
		strconv.Itoa(s.Runs), strconv.FormatInt(s.Calls, 10), strconv.FormatInt(s.Errors, 10),
		ifStr(s.Runs > 0, num(s.Throughput.Median, 3)),
		us(s.P50), us(s.P90), us(s.P99), us(s.P999), us(c.MaxLatency()),
		ifStr(s.Runs > 0, num(s.WireOut.Median, 3)), ifStr(s.Runs > 0, num(s.WireIn.Median, 3))}
	p, ok := d.TrustedProbe(c, scs)
	row = append(row, optNum(ok, p.BodyOut, 3), optNum(ok, p.BodyIn, 3),
		ifStr(ok, num(p.SetupOut, 3)), ifStr(ok, num(p.SetupIn, 3)), ifStr(ok, num(p.RoundTrips, 3)),
		statNum(s.ClientCPU, 1e3), statNum(s.ServerCPU, 1e3), ifStr(s.Runs > 0, num(s.Allocs.Median, 3)))
	for _, class := range []string{ClassTimeout, ClassRefused, ClassReset} {
		n, known := c.ClassCount(class)
		row = append(row, ifStr(known, strconv.FormatInt(n, 10)))
	}
	row = append(row, strconv.FormatInt(s.Hung, 10))
	w := c.Writes()
	for _, f := range []func(*Reconciliation) int64{
		func(r *Reconciliation) int64 { return r.DuplicateDeliveries },
		func(r *Reconciliation) int64 { return r.DuplicateExecutions },
		func(r *Reconciliation) int64 { return r.UnknownOutcome },
		func(r *Reconciliation) int64 { return r.Lost },
	} {
		if w == nil {
			row = append(row, "")
		} else {
			row = append(row, strconv.FormatInt(f(w), 10))
		}
	}
	var detect, recover *Stat
	if f := s.Failure; f != nil {
		detect, recover = f.DetectMs, f.RecoverMs
	}
	return append(row, statNum(detect, 1), statNum(recover, 1))
}

func ifStr(ok bool, s string) string {
	if !ok {
		return ""
	}
	return s
}

func optNum(ok bool, p *float64, decimals int) string {
	if !ok || p == nil {
		return ""
	}
	return num(*p, decimals)
}

// statNum is the median of s divided by div, or "" when s is unknown.
func statNum(s *Stat, div float64) string {
	if s == nil || s.N == 0 {
		return ""
	}
	return num(s.Median/div, 3)
}
