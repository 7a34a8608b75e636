package results

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestKeyOrder(t *testing.T) {
	tests := []struct {
		labels map[string]string
		want   string
	}{
		{map[string]string{"scenario": "mixed", "transport": "grpc"}, "transport=grpc/scenario=mixed"},
		{map[string]string{"zeta": "1", "load": "closed-c1", "transport": "rest", "alpha": "2"}, "transport=rest/load=closed-c1/alpha=2/zeta=1"},
		{map[string]string{}, ""},
	}
	for _, tt := range tests {
		if got := Key(tt.labels); got != tt.want {
			t.Errorf("Key(%v) = %q, want %q", tt.labels, got, tt.want)
		}
	}
}

func histOf(t *testing.T, values ...int64) Histogram {
	t.Helper()
	h := NewHDR()
	for _, v := range values {
		if err := h.RecordValue(v); err != nil {
			t.Fatal(err)
		}
	}
	out, err := FromHDR(h)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestHistogramRoundTripAndMerge(t *testing.T) {
	a := histOf(t, 1000, 2000, 3000)
	b := histOf(t, 4000, 1_000_000)
	if a.Count != 3 || a.P50 != 2000 || a.Max < 3000 || a.Max > 3003 { // HDR reports the top of the 0.1% bucket
		t.Fatalf("summary %+v", a)
	}
	d, err := a.Decode()
	if err != nil || d.TotalCount() != 3 || !d.ValuesAreEquivalent(d.ValueAtQuantile(100), 3000) {
		t.Fatalf("decode: %v count %d", err, d.TotalCount())
	}
	m, err := MergeHistograms([]Histogram{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if m.TotalCount() != 5 || !m.ValuesAreEquivalent(m.Max(), 1_000_000) || !m.ValuesAreEquivalent(m.ValueAtQuantile(50), 3000) {
		t.Fatalf("merged count %d max %d p50 %d", m.TotalCount(), m.Max(), m.ValueAtQuantile(50))
	}
	if _, err := (Histogram{HDR: "!!"}).Decode(); err == nil {
		t.Fatal("decoding garbage succeeded")
	}
}

func sampleDoc(t *testing.T) *Document {
	t.Helper()
	cell := Cell{Labels: map[string]string{"transport": "grpc", "scenario": "get-customer", "backend": "memory", "load": "closed-c16"}}
	cell.Key = Key(cell.Labels)
	for i, tp := range []float64{1000, 1200, 1100} {
		cell.Runs = append(cell.Runs, Run{
			Calls: 100, Window: Duration(time.Second), Throughput: tp,
			Latency: histOf(t, int64(20_000+i*1000), int64(40_000+i*1000)),
			Wire:    WireTotals{OutPerCall: 90, InPerCall: 150},
			Cost:    Cost{ClientCPUNs: 30_000, ServerCPUNs: 25_000, AllocsPerCall: 50},
		})
	}
	cell.Runs[2].Rate = &Rate{Target: 2000, Achieved: 1100, Missed: true, MaxLag: Duration(1500 * time.Millisecond)}
	cell.Runs[1].Stuck = 2
	if err := cell.Summarize(); err != nil {
		t.Fatal(err)
	}
	return &Document{Schema: Schema, Created: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), Cells: []Cell{cell},
		Failures: []Failure{{Transport: "shareddb", Error: "backend: start postgres: no server"}}}
}

func TestSummaryUsesMedians(t *testing.T) {
	s := sampleDoc(t).Cells[0].Summary
	if s.Runs != 3 || s.Calls != 300 || s.Throughput.Median != 1100 || s.Throughput.Min != 1000 || s.Throughput.Max != 1200 {
		t.Fatalf("summary %+v", s)
	}
	if s.Merged.Count != 6 {
		t.Fatalf("merged histogram has %d values, want 6", s.Merged.Count)
	}
}

func TestDocumentRoundTrip(t *testing.T) {
	doc := sampleDoc(t)
	var buf bytes.Buffer
	if err := doc.Write(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if back.Cells[0].Key != doc.Cells[0].Key || back.Cells[0].Runs[2].Window != Duration(time.Second) || back.Cells[0].Summary.P99 != doc.Cells[0].Summary.P99 {
		t.Fatalf("round trip changed the document")
	}
	if _, err := Read(strings.NewReader(`{"schema":"other/v9"}`)); err == nil || !strings.Contains(err.Error(), "unsupported schema") {
		t.Fatalf("foreign schema: %v", err)
	}
	if _, err := Read(strings.NewReader(`{`)); err == nil {
		t.Fatal("truncated document accepted")
	}
}

func TestWriteTableGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTable(&buf, sampleDoc(t)); err != nil {
		t.Fatal(err)
	}
	golden(t, "table.golden", buf.Bytes())
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs:\n got:\n%s\nwant:\n%s", name, got, want)
	}
}

func TestMergePoolsRunsByKey(t *testing.T) {
	a, b := sampleDoc(t), sampleDoc(t)
	other := b.Cells[0]
	other.Labels = map[string]string{"transport": "rest", "scenario": "get-customer"}
	other.Key = Key(other.Labels)
	b.Cells = append(b.Cells, other)
	m, err := Merge(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Cells) != 2 || len(m.Cells[0].Runs) != 6 || m.Cells[0].Summary.Runs != 6 || m.Cells[0].Summary.Merged.Count != 12 {
		t.Fatalf("merged %d cells, first has %d runs, summary %d runs %d values", len(m.Cells), len(m.Cells[0].Runs), m.Cells[0].Summary.Runs, m.Cells[0].Summary.Merged.Count)
	}
	if len(a.Cells[0].Runs) != 3 {
		t.Fatal("merge modified its input")
	}
	b.Env.GoVersion = "go0.1"
	if _, err := Merge(a, b); err == nil {
		t.Fatal("documents from different Go versions merged")
	}
}
