package results

import (
	"fmt"

	"github.com/montanaflynn/stats"
)

// Stat summarises one measure across repetitions.
type Stat struct {
	Median float64 `json:"median"`
	MAD    float64 `json:"mad"`
	Q1     float64 `json:"q1"`
	Q3     float64 `json:"q3"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
}

// Summary summarises a cell across its runs.
type Summary struct {
	Runs       int   `json:"runs"`
	Calls      int64 `json:"calls"`
	Errors     int64 `json:"errors"`
	Throughput Stat  `json:"throughput_per_s"`
	P50        Stat  `json:"p50_ns"`
	P99        Stat  `json:"p99_ns"`
	P999       Stat  `json:"p999_ns"`
	ClientCPU  Stat  `json:"client_cpu_ns_per_call"`
	ServerCPU  Stat  `json:"server_cpu_ns_per_call"`
	Allocs     Stat  `json:"client_allocs_per_call"`
	WireOut    Stat  `json:"wire_out_bytes_per_call"`
	WireIn     Stat  `json:"wire_in_bytes_per_call"`
	// Merged is the histogram of all runs together.
	Merged Histogram `json:"merged_latency"`
}

// Summarize recomputes c.Summary from c.Runs.
func (c *Cell) Summarize() error {
	s := Summary{Runs: len(c.Runs)}
	lat := make([]Histogram, 0, len(c.Runs))
	col := func(f func(r Run) float64) Stat {
		v := make([]float64, len(c.Runs))
		for i, r := range c.Runs {
			v[i] = f(r)
		}
		return statOf(v)
	}
	for _, r := range c.Runs {
		s.Calls += r.Calls
		s.Errors += r.Errors
		lat = append(lat, r.Latency)
	}
	s.Throughput = col(func(r Run) float64 { return r.Throughput })
	s.P50 = col(func(r Run) float64 { return float64(r.Latency.P50) })
	s.P99 = col(func(r Run) float64 { return float64(r.Latency.P99) })
	s.P999 = col(func(r Run) float64 { return float64(r.Latency.P999) })
	s.ClientCPU = col(func(r Run) float64 { return r.Cost.ClientCPUNs })
	s.ServerCPU = col(func(r Run) float64 { return r.Cost.ServerCPUNs })
	s.Allocs = col(func(r Run) float64 { return r.Cost.AllocsPerCall })
	s.WireOut = col(func(r Run) float64 { return r.Wire.OutPerCall })
	s.WireIn = col(func(r Run) float64 { return r.Wire.InPerCall })
	m, err := MergeHistograms(lat)
	if err != nil {
		return fmt.Errorf("results: summarize %s: %w", c.Key, err)
	}
	if s.Merged, err = FromHDR(m); err != nil {
		return err
	}
	c.Summary = s
	return nil
}

// statOf summarises v; an empty v gives the zero Stat.
func statOf(v []float64) Stat {
	if len(v) == 0 {
		return Stat{}
	}
	var s Stat
	s.Median, _ = stats.Median(v)
	s.MAD, _ = stats.MedianAbsoluteDeviation(v)
	s.Min, _ = stats.Min(v)
	s.Max, _ = stats.Max(v)
	if q, err := stats.Quartile(v); err == nil {
		s.Q1, s.Q3 = q.Q1, q.Q3
	} else {
		s.Q1, s.Q3 = s.Median, s.Median // fewer than the quartiles need
	}
	return s
}
