package results

import (
	"fmt"
	"math"

	"github.com/montanaflynn/stats"
	"golang.org/x/perf/benchmath"
)

// Confidence is the level of the intervals in summaries and of the
// significance marks in tables.
const Confidence = 0.95

// Stat summarises one measure across repetitions: the median with a
// confidence interval for it, and the spread.
type Stat struct {
	N      int     `json:"n"`
	Median float64 `json:"median"`
	// Lo and Hi bound the median at level Confidence, from order
	// statistics (as benchstat does): distribution-free, exact coverage.
	// Six runs give a 95% interval; three to five give their widest one,
	// [min, max], at the lower level they can support (75%, 87.5%,
	// 93.75%); fewer give none (null).
	Lo         *float64 `json:"ci_lo"`
	Hi         *float64 `json:"ci_hi"`
	Confidence float64  `json:"ci_confidence,omitempty"`
	MAD        float64  `json:"mad"`
	Q1         float64  `json:"q1"`
	Q3         float64  `json:"q3"`
	Min        float64  `json:"min"`
	Max        float64  `json:"max"`
}

// Summary summarises a cell across its runs.
type Summary struct {
	Runs       int   `json:"runs"`
	Calls      int64 `json:"calls"`
	Errors     int64 `json:"errors"`
	Hung       int64 `json:"hung,omitempty"`
	Throughput Stat  `json:"throughput_per_s"`
	P50        Stat  `json:"p50_ns"`
	P90        Stat  `json:"p90_ns"`
	P99        Stat  `json:"p99_ns"`
	P999       Stat  `json:"p999_ns"`
	// The CPU figures are null when any run lacks them.
	ClientCPU   *Stat `json:"client_cpu_ns_per_call"`
	DriverCPU   *Stat `json:"driver_cpu_ns_per_call"`
	ServerCPU   *Stat `json:"server_cpu_ns_per_call"`
	DatabaseCPU *Stat `json:"database_cpu_ns_per_call"`
	Allocs      Stat  `json:"allocs_per_call"`
	WireOut     Stat  `json:"wire_out_bytes_per_call"`
	WireIn      Stat  `json:"wire_in_bytes_per_call"`
	// Merged is the histogram of all runs' latencies together;
	// MergedErrors that of their failures (null without any).
	Merged       Histogram  `json:"merged_latency"`
	MergedErrors *Histogram `json:"merged_error_latency"`
	// Failure summarises a fault cell's runs; null for healthy cells.
	Failure *FailureSummary `json:"failure,omitempty"`
}

// Summarize recomputes c.Summary from c.Runs.
func (c *Cell) Summarize() error {
	s := Summary{Runs: len(c.Runs)}
	lat := make([]Histogram, 0, len(c.Runs))
	var errLat []Histogram
	for _, r := range c.Runs {
		s.Calls += r.Calls
		s.Errors += r.Errors
		s.Hung += r.Hung
		lat = append(lat, r.Latency)
		if r.ErrorLatency != nil {
			errLat = append(errLat, *r.ErrorLatency)
		}
	}
	s.Throughput = c.Metric(func(r Run) float64 { return r.Throughput })
	s.P50 = c.Metric(func(r Run) float64 { return float64(r.Latency.P50) })
	s.P90 = c.Metric(func(r Run) float64 { return float64(r.Latency.P90) })
	s.P99 = c.Metric(func(r Run) float64 { return float64(r.Latency.P99) })
	s.P999 = c.Metric(func(r Run) float64 { return float64(r.Latency.P999) })
	s.ClientCPU = c.optional(func(r Run) *float64 { return r.Cost.ClientCPUNs })
	s.DriverCPU = c.optional(func(r Run) *float64 { return r.Cost.DriverCPUNs })
	s.ServerCPU = c.optional(func(r Run) *float64 { return r.Cost.ServerCPUNs })
	s.DatabaseCPU = c.optional(func(r Run) *float64 { return r.Cost.DatabaseCPUNs })
	s.Allocs = c.Metric(func(r Run) float64 { return r.Cost.AllocsPerCall })
	s.WireOut = c.Metric(func(r Run) float64 { return r.Wire.OutPerCall })
	s.WireIn = c.Metric(func(r Run) float64 { return r.Wire.InPerCall })
	var err error
	if s.Merged, err = mergedOf(lat); err != nil {
		return fmt.Errorf("results: summarize %s: %w", c.Key, err)
	}
	if len(errLat) > 0 {
		m, err := mergedOf(errLat)
		if err != nil {
			return fmt.Errorf("results: summarize %s: %w", c.Key, err)
		}
		s.MergedErrors = &m
	}
	s.Failure = c.summarizeFailure()
	c.Summary = s
	return nil
}

func mergedOf(hs []Histogram) (Histogram, error) {
	m, err := MergeHistograms(hs)
	if err != nil {
		return Histogram{}, err
	}
	return FromHDR(m)
}

// Values returns one figure of every run, in run order.
func (c *Cell) Values(f func(Run) float64) []float64 {
	v := make([]float64, len(c.Runs))
	for i, r := range c.Runs {
		v[i] = f(r)
	}
	return v
}

// Metric summarises one figure of every run.
func (c *Cell) Metric(f func(Run) float64) Stat { return StatOf(c.Values(f)) }

// optional summarises a figure that may be unknown; unknown in any run
// makes the summary unknown.
func (c *Cell) optional(f func(Run) *float64) *Stat {
	v := make([]float64, 0, len(c.Runs))
	for _, r := range c.Runs {
		p := f(r)
		if p == nil {
			return nil
		}
		v = append(v, *p)
	}
	if len(v) == 0 {
		return nil
	}
	s := StatOf(v)
	return &s
}

// StatOf summarises v; an empty v gives the zero Stat.
func StatOf(v []float64) Stat {
	if len(v) == 0 {
		return Stat{}
	}
	s := Stat{N: len(v)}
	s.Median, _ = stats.Median(v)
	s.MAD, _ = stats.MedianAbsoluteDeviation(v)
	s.Min, _ = stats.Min(v)
	s.Max, _ = stats.Max(v)
	if q, err := stats.Quartile(v); err == nil {
		s.Q1, s.Q3 = q.Q1, q.Q3
	} else {
		s.Q1, s.Q3 = s.Median, s.Median // fewer than the quartiles need
	}
	s.Lo, s.Hi, s.Confidence = medianCI(v)
	return s
}

// medianCI returns the order-statistics interval of the median at level
// Confidence when the sample supports it (benchmath, six runs or more),
// else the widest interval it has, [min, max], with its own level
// 1 - 2·0.5^n, for three to five runs; nothing below three.
func medianCI(v []float64) (lo, hi *float64, confidence float64) {
	n := len(v)
	if n < 3 {
		return nil, nil, 0
	}
	sum := benchmath.AssumeNothing.Summary(benchmath.NewSample(v, &benchmath.DefaultThresholds), Confidence)
	if !math.IsInf(sum.Lo, 0) && !math.IsInf(sum.Hi, 0) {
		return Float(sum.Lo), Float(sum.Hi), sum.Confidence
	}
	mn, _ := stats.Min(v)
	mx, _ := stats.Max(v)
	return Float(mn), Float(mx), 1 - 2*math.Pow(0.5, float64(n))
}

// Significance is the p-value of a Mann-Whitney U test that a and b
// come from distributions with different locations (benchmath, as
// benchstat), and whether the samples are large enough for any
// difference to reach the level 1-Confidence.
func Significance(a, b []float64) (p float64, decidable bool) {
	th := benchmath.DefaultThresholds
	th.CompareAlpha = 1 - Confidence
	cmp := benchmath.AssumeNothing.Compare(benchmath.NewSample(a, &th), benchmath.NewSample(b, &th))
	return cmp.P, len(cmp.Warnings) == 0 || cmp.P <= cmp.Alpha
}

// RelCI returns the half-width of s's interval relative to its median
// (0.04 for ±4%), or false when there is none.
func (s Stat) RelCI() (float64, bool) {
	if s.Lo == nil || s.Hi == nil || s.Median == 0 {
		return 0, false
	}
	return math.Max(s.Median-*s.Lo, *s.Hi-s.Median) / math.Abs(s.Median), true
}
