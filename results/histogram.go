package results

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"io"

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

// Decode returns the full histogram. A histogram of another geometry
// than intbench's (HistMin..HistMax, HistSigFigs digits) is refused before
// its counts are allocated: the library allocates them as its header
// says, up to 47 MiB for a header of 40 bytes.
func (h Histogram) Decode() (*hdrhistogram.Histogram, error) {
	raw, err := base64.StdEncoding.DecodeString(h.HDR)
	if err != nil {
		return nil, fmt.Errorf("results: histogram base64: %w", err)
	}
	if err := checkGeometry(raw); err != nil {
		return nil, err
	}
	hd, err := hdrhistogram.Decode(raw)
	if err != nil {
		return nil, fmt.Errorf("results: decode histogram: %w", err)
	}
	return hd, nil
}

// The V2 compressed encoding of hdrhistogram (the library's own
// encoding, base64 inside ours): a cookie and the compressed length
// (4 bytes each), then zlib of a 40-byte header and the counts. The
// header holds the geometry at these offsets, big-endian.
const (
	hdrOuterLen   = 8
	hdrHeaderLen  = 40
	hdrDigitsAt   = 12 // int32
	hdrLowestAt   = 16 // int64
	hdrHighestAt  = 24 // int64
	hdrLowestRead = 1  // the library reads a lowest value below 1 as 1
)

// checkGeometry reads the geometry from the header of enc, a histogram in
// the library's encoding, and refuses one that is not intbench's. What
// it cannot read it leaves to the library to report.
func checkGeometry(enc []byte) error {
	raw, err := base64.StdEncoding.DecodeString(string(enc))
	if err != nil || len(raw) < hdrOuterLen {
		return nil
	}
	z, err := zlib.NewReader(bytes.NewReader(raw[hdrOuterLen:]))
	if err != nil {
		return nil
	}
	defer z.Close()
	var hdr [hdrHeaderLen]byte
	if _, err := io.ReadFull(z, hdr[:]); err != nil {
		return nil
	}
	digits := int32(binary.BigEndian.Uint32(hdr[hdrDigitsAt:]))
	lowest := max(int64(binary.BigEndian.Uint64(hdr[hdrLowestAt:])), hdrLowestRead)
	highest := int64(binary.BigEndian.Uint64(hdr[hdrHighestAt:]))
	if digits != HistSigFigs || lowest != HistMin || highest != HistMax {
		return fmt.Errorf("results: histogram of %d..%d at %d digits, not intbench's %d..%d at %d: %w",
			lowest, highest, digits, HistMin, HistMax, HistSigFigs, ErrSchema)
	}
	return nil
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
