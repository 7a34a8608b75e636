package results

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// WriteTable prints the plain comparison table: one row per cell with the
// medians across repetitions.
func WriteTable(w io.Writer, d *Document) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "pattern\tscenario\tbackend\tload\tcalls/s\tp50\tp99\tp99.9\twire out B/call\twire in B/call\tclient CPU/call\tserver CPU/call\terrors\t")
	for _, c := range d.Cells {
		s := c.Summary
		server := dur(s.ServerCPU.Median)
		if len(c.Runs) > 0 && c.Runs[0].Cost.ServerInProcess {
			server = "in-proc"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%.0f\t%s\t%s\t%s\t%.0f\t%.0f\t%s\t%s\t%d\t\n",
			c.Labels["transport"], c.Labels["scenario"], c.Labels["backend"], c.Labels["load"],
			s.Throughput.Median, dur(s.P50.Median), dur(s.P99.Median), dur(s.P999.Median),
			s.WireOut.Median, s.WireIn.Median, dur(s.ClientCPU.Median), server, s.Errors)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("results: table: %w", err)
	}
	writeWarnings(w, d)
	return nil
}

// writeWarnings names the cells whose figures need a caveat: an open loop
// that could not send at its rate, calls abandoned as stuck, and patterns
// that could not be measured at all.
func writeWarnings(w io.Writer, d *Document) {
	for _, c := range d.Cells {
		for i, r := range c.Runs {
			if r.Rate != nil && r.Rate.Missed {
				fmt.Fprintf(w, "rate not kept: %s run %d sent %.0f/s of %.0f/s (worst lag %s); its latencies include queueing in the driver\n",
					c.Key, i+1, r.Rate.Achieved, r.Rate.Target, time.Duration(r.Rate.MaxLag))
			}
			if r.Stuck > 0 {
				fmt.Fprintf(w, "stuck calls: %s run %d abandoned %d calls that ignored their deadline\n", c.Key, i+1, r.Stuck)
			}
		}
	}
	for _, f := range d.Failures {
		fmt.Fprintf(w, "not measured: %s: %s\n", f.Transport, f.Error)
	}
}

// dur formats nanoseconds with a precision that suits their size.
func dur(ns float64) string {
	d := time.Duration(ns)
	switch {
	case d >= 10*time.Millisecond:
		return d.Round(100 * time.Microsecond).String()
	case d >= 10*time.Microsecond:
		return d.Round(time.Microsecond).String()
	}
	return d.Round(10 * time.Nanosecond).String()
}
