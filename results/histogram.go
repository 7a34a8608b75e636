package results

import (
	"encoding/base64"
	"fmt"

	hdrhistogram "github.com/HdrHistogram/hdrhistogram-go"
)

// Latency histograms record nanoseconds from 1 ns to 100 s with three
// significant digits (0.1% resolution).
const (
	HistMin     = 1
	HistMax     = 100_000_000_000
	HistSigFigs = 3
)

// NewHDR returns an empty latency histogram with the standard geometry.
func NewHDR() *hdrhistogram.Histogram { return hdrhistogram.New(HistMin, HistMax, HistSigFigs) }

// Histogram is a latency distribution: headline percentiles in nanoseconds
// and the full HDR histogram in its standard compressed V2 encoding
// (base64), from which any percentile can be recomputed.
type Histogram struct {
	Count int64   `json:"count"`
	Mean  float64 `json:"mean_ns"`
	Min   int64   `json:"min_ns"`
	P50   int64   `json:"p50_ns"`
	P90   int64   `json:"p90_ns"`
	P99   int64   `json:"p99_ns"`
	P999  int64   `json:"p999_ns"`
	Max   int64   `json:"max_ns"`
	HDR   string  `json:"hdr"`
}

// FromHDR summarises and encodes h.
func FromHDR(h *hdrhistogram.Histogram) (Histogram, error) {
	enc, err := h.Encode(hdrhistogram.V2CompressedEncodingCookieBase)
	if err != nil {
		return Histogram{}, fmt.Errorf("results: encode histogram: %w", err)
	}
	out := Histogram{Count: h.TotalCount(), HDR: base64.StdEncoding.EncodeToString(enc)}
	if out.Count > 0 {
		out.Mean = h.Mean()
		out.Min = h.Min()
		out.P50 = h.ValueAtQuantile(50)
		out.P90 = h.ValueAtQuantile(90)
		out.P99 = h.ValueAtQuantile(99)
		out.P999 = h.ValueAtQuantile(99.9)
		out.Max = h.Max()
	}
	return out, nil
}

// Decode returns the full histogram.
func (h Histogram) Decode() (*hdrhistogram.Histogram, error) {
	raw, err := base64.StdEncoding.DecodeString(h.HDR)
	if err != nil {
		return nil, fmt.Errorf("results: histogram base64: %w", err)
	}
	hd, err := hdrhistogram.Decode(raw)
	if err != nil {
		return nil, fmt.Errorf("results: decode histogram: %w", err)
	}
	return hd, nil
}

// MergeHistograms decodes and merges hs into one histogram.
func MergeHistograms(hs []Histogram) (*hdrhistogram.Histogram, error) {
	m := NewHDR()
	for _, h := range hs {
		d, err := h.Decode()
		if err != nil {
			return nil, err
		}
		if dropped := m.Merge(d); dropped > 0 {
			return nil, fmt.Errorf("results: %d values out of histogram range", dropped)
		}
	}
	return m, nil
}
