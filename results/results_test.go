package results

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/intbench/intbench/internal/fuzzx"
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

// hdrEncoding is a histogram's encoding (hdrhistogram's V2: a cookie, the
// compressed length, then zlib of a 40-byte header and payload, in
// base64) with the given geometry and payload, and a payload length
// that says declared.
func hdrEncoding(lowest, highest int64, digits int32, declared int32, payload []byte) string {
	var inner bytes.Buffer
	for _, v := range []any{int32(0x1c849303), declared, int32(0), digits, lowest, highest, math.Float64bits(1)} {
		binary.Write(&inner, binary.BigEndian, v)
	}
	inner.Write(payload)
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(inner.Bytes())
	w.Close()
	outer := binary.BigEndian.AppendUint32(nil, 0x1c849304)
	outer = binary.BigEndian.AppendUint32(outer, uint32(z.Len()))
	outer = append(outer, z.Bytes()...)
	return base64.StdEncoding.EncodeToString([]byte(base64.StdEncoding.EncodeToString(outer)))
}

// A histogram of another geometry than intbench's is refused before the
// library allocates its counts (47 MiB for the widest, from 72 bytes).
func TestHistogramRefusesForeignGeometry(t *testing.T) {
	tests := []struct {
		name            string
		lowest, highest int64
		digits          int32
	}{
		{"widest", 1, math.MaxInt64, 5},
		{"more digits", HistMin, HistMax, HistSigFigs + 1},
		{"longer range", HistMin, HistMax + 1, HistSigFigs},
		{"higher lowest", HistMin + 1, HistMax, HistSigFigs},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			h := Histogram{HDR: hdrEncoding(tt.lowest, tt.highest, tt.digits, 0, nil)}
			fuzzx.Budget{Fixed: 64 << 10}.Call(t, 0, func(context.Context) { _, err = h.Decode() })
			if !errors.Is(err, ErrSchema) {
				t.Fatalf("Decode: %v, want ErrSchema", err)
			}
		})
	}
	if _, err := (Histogram{HDR: hdrEncoding(0, HistMax, HistSigFigs, 0, nil)}).Decode(); err != nil {
		t.Fatalf("a lowest value of 0 (read as 1 by the library): %v", err)
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
			Cost:    Cost{ClientCPUNs: Float(30_000), ServerCPUNs: Float(25_000), AllocsPerCall: 50, ClientScope: ScopeClient, ServerScope: ScopeServerTree},
		})
	}
	cell.Runs[2].Rate = &Rate{Target: 2000, Achieved: 1100, Sent: 1100, Backlog: 900, Missed: true, Reasons: []string{ReasonBacklog}, MaxLag: Duration(1500 * time.Millisecond)}
	cell.Runs[1].Hung = 2
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
	if back.Cells[0].Key != doc.Cells[0].Key || back.Cells[0].Runs[2].Window != Duration(time.Second) || !reflect.DeepEqual(back.Cells[0].Summary.P99, doc.Cells[0].Summary.P99) {
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
}

// Documents whose runs measure different things are refused with the
// differences named, or pooled with them listed when asked.
func TestMergeRefusesIncomparableDocuments(t *testing.T) {
	tests := []struct {
		name   string
		change func(d *Document)
		want   string
	}{
		{"go version", func(d *Document) { d.Env.GoVersion = "go0.1" }, "go version"},
		{"dirty checkout", func(d *Document) { d.Env.Modified = true }, "modified checkout"},
		{"duration", func(d *Document) { d.Plan = json.RawMessage(`{"duration":5000000000,"count":3}`) }, "plan duration"},
		{"data set", func(d *Document) { d.Plan = json.RawMessage(`{"duration":2000000000,"seed":{"customers":7}}`) }, "plan seed"},
		{"server settings", func(d *Document) { d.Cells[0].Settings = map[string]string{"server.max_recv_msg_bytes": "1"} }, "settings differ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := sampleDoc(t), sampleDoc(t)
			a.Plan = json.RawMessage(`{"duration":2000000000,"count":1}`)
			b.Plan = a.Plan
			tt.change(b)
			_, err := Merge(a, b)
			if !errors.Is(err, ErrNotComparable) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("merge: %v; want refused naming %q", err, tt.want)
			}
			m, err := MergeWith(MergeOptions{AllowDifferences: true}, a, b)
			if err != nil {
				t.Fatal(err)
			}
			if len(m.Sources) != 2 || len(m.Sources[1].Differences) == 0 || m.Cells[0].Summary.Runs != 6 {
				t.Fatalf("pooled anyway: sources %+v, runs %d", m.Sources, m.Cells[0].Summary.Runs)
			}
		})
	}
	// Plans that differ only in which cells they hold are comparable.
	a, b := sampleDoc(t), sampleDoc(t)
	a.Plan = json.RawMessage(`{"duration":2000000000,"count":1,"transports":["grpc"]}`)
	b.Plan = json.RawMessage(`{"duration":2000000000,"count":5,"transports":["grpc","rest"]}`)
	if _, err := Merge(a, b); err != nil {
		t.Fatalf("plans differing in cells only: %v", err)
	}
	// Two fault runs record when their faults were injected: a record of
	// the run, not a setting, so they still merge.
	a, b = sampleDoc(t), sampleDoc(t)
	a.Plan = json.RawMessage(`{"duration":2000000000,"faults":["reset"]}`)
	b.Plan = json.RawMessage(`{"duration":2000000000,"faults":["reset","down"]}`)
	a.Cells[0].Settings = map[string]string{"fault.hop": "app", "fault.injected": "2026-12-01T06:19:29Z"}
	b.Cells[0].Settings = map[string]string{"fault.hop": "app", "fault.injected": "2026-12-01T06:19:40Z", "fault.end_error": "slow"}
	if _, err := Merge(a, b); err != nil {
		t.Fatalf("fault runs differing in their records only: %v", err)
	}
}

func TestMedianConfidenceInterval(t *testing.T) {
	tests := []struct {
		v          []float64
		confidence float64
		lo, hi     float64
	}{
		{[]float64{5, 1, 3}, 0.75, 1, 5},
		{[]float64{1, 2, 3, 4, 5}, 0.9375, 1, 5},
		{[]float64{10, 11, 12, 13, 14, 15}, 0.96875, 10, 15},
	}
	for _, tt := range tests {
		s := StatOf(tt.v)
		if s.Lo == nil || s.Hi == nil || *s.Lo != tt.lo || *s.Hi != tt.hi || math.Abs(s.Confidence-tt.confidence) > 1e-9 {
			t.Errorf("StatOf(%v): [%v, %v] at %v, want [%v, %v] at %v", tt.v, s.Lo, s.Hi, s.Confidence, tt.lo, tt.hi, tt.confidence)
		}
	}
	if s := StatOf([]float64{1, 2}); s.Lo != nil || s.Hi != nil {
		t.Errorf("two runs gave an interval")
	}
	// Twelve runs give an interval narrower than min..max.
	var v []float64
	for i := range 12 {
		v = append(v, float64(i))
	}
	if s := StatOf(v); *s.Lo == 0 || *s.Hi == 11 || s.Confidence < Confidence {
		t.Errorf("12 runs: [%v, %v] at %v", *s.Lo, *s.Hi, s.Confidence)
	}
}

// Unknown figures are null in the document, never 0.
func TestUnknownFiguresAreNull(t *testing.T) {
	d := sampleDoc(t)
	d.Cells[0].Runs[0].Cost.ServerCPUNs = nil
	if err := d.Cells[0].Summarize(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"server_cpu_ns_per_call": null`) {
		t.Errorf("document does not mark the unknown server CPU null:\n%s", buf.String())
	}
	var table bytes.Buffer
	if err := WriteTable(&table, d); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(table.String(), "n/a") {
		t.Errorf("table shows an unknown server CPU as a number:\n%s", table.String())
	}
}

// comparisonDoc has two patterns with six runs each: grpc clearly faster
// in throughput, the two indistinguishable in p50.
func comparisonDoc(t *testing.T) *Document {
	t.Helper()
	d := &Document{Schema: Schema, Created: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	for ti, tr := range []string{"grpc", "rest"} {
		c := Cell{Labels: map[string]string{"transport": tr, "scenario": "get-customer", "backend": "postgres", "load": "closed-c16"}}
		c.Key = Key(c.Labels)
		for i := range 6 {
			p50 := int64(100_000 + 1000*((i+ti)%3)) // interleaved: no difference
			c.Runs = append(c.Runs, Run{Block: i, Calls: 1000, Completed: 1000, Window: Duration(time.Second),
				Throughput: float64(10_000 - 3000*ti + 10*i),
				Latency:    histOf(t, p50, p50, 2*p50),
				Wire:       WireTotals{OutPerCall: float64(40 + 70*ti), InPerCall: float64(110 + 240*ti)},
				Cost:       Cost{ClientCPUNs: Float(35_000), ServerCPUNs: Float(112_000), ClientScope: ScopeClient, ServerScope: ScopeServerOnly},
			})
		}
		if err := c.Summarize(); err != nil {
			t.Fatal(err)
		}
		d.Cells = append(d.Cells, c)
	}
	return d
}

func TestComparisonTableGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTable(&buf, comparisonDoc(t)); err != nil {
		t.Fatal(err)
	}
	golden(t, "comparison.golden", buf.Bytes())
	out := buf.String()
	if !strings.Contains(out, "≈") || !strings.Contains(out, "±") || !strings.Contains(out, "†") {
		t.Fatalf("table lacks the significance mark, the interval or the external-database mark:\n%s", out)
	}
}

func evolutionDoc() *Document {
	return &Document{Schema: Schema, Created: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Evolution: &Evolution{
		Changes: []ChangeInfo{{Name: "rename-field", Summary: "name → full_name"}, {Name: "renumber-field", Summary: "email 3 → 7"}},
		Cells: []EvolutionCell{
			{Pattern: "rest", Change: "rename-field", Direction: OldClientNewServer, Outcome: Silent, Detail: "silent: get-customer 1: customer.Name: \"Ada\" → \"\"", Fields: []string{"customer.Name"}},
			{Pattern: "rest", Change: "rename-field", Direction: NewClientOldServer, Outcome: Silent, Detail: "silent: get-customer 1: customer.full_name: \"Ada\" → \"\""},
			{Pattern: "rest", Client: "links", Change: "rename-field", Direction: OldClientNewServer, Outcome: Silent},
			{Pattern: "rest", Change: "renumber-field", Direction: OldClientNewServer, Outcome: NotApplicable, Detail: "no field numbers"},
			{Pattern: "rest", Change: "renumber-field", Direction: NewClientOldServer, Outcome: NotApplicable, Detail: "no field numbers"},
			{Pattern: "grpc", Change: "rename-field", Direction: OldClientNewServer, Outcome: Compatible},
			{Pattern: "grpc", Change: "rename-field", Direction: NewClientOldServer, Outcome: Compatible},
			{Pattern: "grpc", Change: "renumber-field", Direction: OldClientNewServer, Outcome: Silent, Detail: "silent: customer.Email: \"a@x\" → \"\""},
			{Pattern: "grpc", Change: "renumber-field", Direction: NewClientOldServer, Outcome: Loud, Detail: "loud: get-customer 1: unimplemented"},
		}}}
}

func TestEvolutionRenders(t *testing.T) {
	for _, format := range []string{"text", "md"} {
		m := MemorySink{}
		if err := Render(m, format, evolutionDoc()); err != nil {
			t.Fatal(err)
		}
		golden(t, "evolution."+format+".golden", m[""].Bytes())
	}
	m := MemorySink{}
	if err := Render(m, "html", evolutionDoc()); err != nil {
		t.Fatal(err)
	}
	html := m[""].String()
	for _, want := range []string{"Compatibility matrix", "rest (links)", "hsl(0,70%,78%)", "no field numbers"} {
		if !strings.Contains(html, want) {
			t.Errorf("html lacks %q", want)
		}
	}
}
