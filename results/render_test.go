package results

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"go/build"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// renderPlan records the scenarios of renderDoc as a plan does.
const renderPlan = `{"transports":["grpc","rest"],"scenarios":[
{"name":"get-customer","steps":[{"op":"get-customer","weight":1}]},
{"name":"mixed","steps":[{"op":"get-customer","weight":8},{"op":"place-order","weight":1},{"op":"list-orders","weight":1,"limit":10}]},
{"name":"payload-1KiB","steps":[{"op":"place-order","weight":1,"note_bytes":1024}]},
{"name":"payload-16KiB","steps":[{"op":"place-order","weight":1,"note_bytes":16384}]}],
"concurrency":[1,4],"backend":"postgres","warmup":150000000,"duration":300000000,"call_timeout":1000000000,"count":6,"probe":true}`

// spread is a latency histogram of n calls around base ns, with a tail,
// drawn from a seeded source so documents are the same on every run.
func spread(t *testing.T, rng *rand.Rand, base int64, n int) Histogram {
	t.Helper()
	h := NewHDR()
	for range n {
		v := base + rng.Int64N(base/4+1)
		if rng.IntN(100) == 0 {
			v *= 1 + rng.Int64N(6)
		}
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

func i64(v int64) *int64 { return &v }

// renderDoc is a document with everything a renderer shows: two patterns
// on four scenarios and two loads, six runs each, exact probes with and
// without body sizes, an unknown server CPU, an open-loop caveat, and
// fault cells (reset under two profiles, a database restart) with
// timelines, failure metrics and reconciled writes.
func renderDoc(t *testing.T) *Document {
	t.Helper()
	renderOnce.Do(func() {
		var buf bytes.Buffer
		if err := buildRenderDoc(t).Write(&buf); err != nil {
			t.Fatal(err)
		}
		renderJSON = buf.Bytes()
	})
	if renderJSON == nil {
		t.Fatal("building the render document failed in an earlier test")
	}
	d, err := Read(bytes.NewReader(renderJSON))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// renderJSON is renderDoc's document, built once: summarising its
// histograms takes a second under the race detector.
var (
	renderOnce sync.Once
	renderJSON []byte
)

func buildRenderDoc(t *testing.T) *Document {
	rng := rand.New(rand.NewPCG(1, 2))
	d := &Document{Schema: Schema, Created: time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC), Plan: json.RawMessage(renderPlan),
		Env: Environment{GoVersion: "go1.26.8", GOOS: "linux", GOARCH: "amd64", CPU: "Test CPU @ 2.0GHz", NumCPU: 2, GOMAXPROCS: 2,
			Kernel: "Linux 6.1", Commit: "0123456789abcdef0123456789abcdef01234567"}}
	type spec struct {
		tr, sc, load string
		base         int64
		rate         float64
	}
	var specs []spec
	for ti, tr := range []string{"grpc", "rest"} {
		f := int64(1 + ti)
		specs = append(specs,
			spec{tr, "get-customer", "closed-c1", 60_000 * f, 15_000 / float64(f)},
			spec{tr, "get-customer", "closed-c4", 90_000 * f, 38_000 / float64(f)},
			spec{tr, "mixed", "closed-c4", 120_000 * f, 30_000 / float64(f)},
			spec{tr, "payload-1KiB", "closed-c1", 200_000 * f, 5_000 / float64(f)},
			spec{tr, "payload-16KiB", "closed-c1", 500_000 * f, 2_000 / float64(f)})
	}
	for _, s := range specs {
		c := Cell{Labels: map[string]string{"transport": s.tr, "scenario": s.sc, "backend": "postgres", "load": s.load}}
		c.Key = Key(c.Labels)
		c.Settings = map[string]string{"server": "child-process", "pool": "4"}
		c.Probe = renderProbe(s.tr, s.sc)
		for b := range 6 {
			r := healthyRun(t, rng, b, s.base, s.rate)
			if s.tr == "rest" && s.sc == "mixed" {
				r.Cost.ServerCPUNs = nil // measured elsewhere: unknown, never 0
				r.Cost.ServerScope = ScopeUnknown
			}
			c.Runs = append(c.Runs, r)
		}
		if err := c.Summarize(); err != nil {
			t.Fatal(err)
		}
		d.Cells = append(d.Cells, c)
	}
	for _, f := range []struct{ tr, fault, profile string }{
		{"grpc", "reset", "default"}, {"grpc", "reset", "hardened"}, {"rest", "reset", "default"}, {"rest", "db:restart", "hardened"},
	} {
		d.Cells = append(d.Cells, faultCell(t, rng, f.tr, f.fault, f.profile))
	}
	return d
}

func renderProbe(tr, sc string) map[string]OpProbe {
	body := func(v int64) *int64 { return &v }
	extra := 0.0
	if tr == "grpc" {
		extra = 17.5 // HTTP/2 pings and window updates
	}
	note := map[string]int64{"payload-1KiB": 1024, "payload-16KiB": 16384}[sc]
	hdr := map[string]int64{"grpc": 60, "rest": 180}[tr]
	p := map[string]OpProbe{
		"get-customer": {OutBytes: hdr + 20, InBytes: hdr + 110, SetupOut: 3 * hdr, SetupIn: hdr, ExtraOut: extra, RoundTrips: 1, BodyOut: body(12), BodyIn: body(104)},
		"place-order":  {OutBytes: hdr + 90 + note, InBytes: hdr + 130, SetupOut: 3 * hdr, SetupIn: hdr, RoundTrips: 1, BodyOut: body(84 + note), BodyIn: body(122)},
		"list-orders":  {OutBytes: hdr + 25, InBytes: hdr + 1200, SetupOut: 3 * hdr, SetupIn: hdr, RoundTrips: 1},
	}
	switch sc {
	case "get-customer":
		return map[string]OpProbe{"get-customer": p["get-customer"]}
	case "mixed":
		return p
	}
	return map[string]OpProbe{"place-order": p["place-order"]}
}

func healthyRun(t *testing.T, rng *rand.Rand, block int, base int64, rate float64) Run {
	calls := int64(rate * 0.3)
	r := Run{Block: block, Calls: calls, Completed: calls, Window: Duration(300 * time.Millisecond),
		Throughput: rate * (0.97 + 0.06*rng.Float64()),
		Latency:    spread(t, rng, base, 200),
		Wire:       WireTotals{Out: calls * 100, In: calls * 200, Dials: 1, OutPerCall: 100 + float64(rng.IntN(3)), InPerCall: 200},
		Cost: Cost{ClientCPUNs: Float(float64(base) * (0.4 + 0.02*rng.Float64())), ClientScope: ScopeClient,
			ServerCPUNs: Float(float64(base) * (0.5 + 0.02*rng.Float64())), ServerScope: ScopeServerTree,
			AllocsPerCall: 40, BytesPerCall: 4096, AllocScope: ScopeClient},
	}
	return r
}

// faultCell is three runs of a 3 s timeline in 100 ms buckets with the
// fault on from 1 s to 2 s.
func faultCell(t *testing.T, rng *rand.Rand, tr, fault, profile string) Cell {
	c := Cell{Labels: map[string]string{"transport": tr, "scenario": "mixed", "backend": "postgres", "load": "closed-c4", "fault": fault, "profile": profile}}
	c.Key = Key(c.Labels)
	c.Probe = renderProbe(tr, "mixed")
	hardened := profile == "hardened"
	for b := range 3 {
		tl := &Timeline{Bucket: Duration(100 * time.Millisecond), FaultStart: Duration(time.Second), FaultEnd: Duration(2 * time.Second)}
		var errs int64
		classes := map[string]int64{}
		for i := range 30 {
			bk := Bucket{OK: 300 + rng.Int64N(20)}
			p50, p99 := int64(100_000+rng.IntN(5000)), int64(300_000+rng.IntN(50_000))
			if i >= 10 && i < 20 {
				bk.OK = int64(map[bool]int{true: 150, false: 20}[hardened]) + rng.Int64N(10)
				bk.Errors = map[string]int64{ClassReset: 40 + rng.Int64N(5)}
				if !hardened && i >= 15 {
					bk.Errors[ClassTimeout] = 5
				}
				p99 *= 8
			}
			if i >= 20 && i < 23 && !hardened {
				p99 *= 3
			}
			bk.P50, bk.P99 = &p50, &p99
			for k, n := range bk.Errors {
				classes[k] += n
				errs += n
			}
			tl.Buckets = append(tl.Buckets, bk)
		}
		var ok int64
		for _, bk := range tl.Buckets {
			ok += bk.OK
		}
		rec := 300 + 100*float64(rng.IntN(3))
		fm := &FailureMetrics{SuccessRate: map[bool]float64{true: 0.78, false: 0.3}[hardened] + 0.01*float64(b), DetectMs: Float(2 + float64(b)),
			BaselineP99: i64(320_000), FaultP99: i64(2_600_000 + int64(b)*10_000), RecoverFirstMs: Float(5), RecoverMs: &rec, Reconnects: 12, Retries: map[bool]int64{true: 40, false: 0}[hardened]}
		if !hardened {
			fm.PastDeadlineMs = Float(12)
		}
		if fault == "db:restart" && b == 2 {
			fm.RecoverMs = nil // never recovered in this run
		}
		r := Run{Block: b, Calls: ok + errs, Completed: ok + errs, Errors: errs, Classes: classes, Window: Duration(3 * time.Second),
			Throughput: float64(ok+errs) / 3, Latency: spread(t, rng, 110_000, 300), ErrorLatency: ptr(spread(t, rng, 30_000, 50)),
			Wire: WireTotals{OutPerCall: 120, InPerCall: 260}, Cost: Cost{ClientCPUNs: Float(45_000), ServerCPUNs: Float(60_000), ClientScope: ScopeClient, ServerScope: ScopeServerTree},
			Timeline: tl, Failure: fm,
			Writes: &Reconciliation{Writes: 500, AckedCommitted: 470, UnknownOutcome: 3, FailedNotCommitted: 27, DuplicateDeliveries: map[bool]int64{true: 4, false: 0}[hardened]}}
		c.Runs = append(c.Runs, r)
	}
	if err := c.Summarize(); err != nil {
		t.Fatal(err)
	}
	return c
}

func ptr[T any](v T) *T { return &v }

func TestRegistry(t *testing.T) {
	for _, name := range []string{"text", "md", "csv", "json", "html", "benchfmt", "gab"} {
		if _, err := LookupFormat(name); err != nil {
			t.Errorf("format %s: %v", name, err)
		}
	}
	if _, err := LookupFormat("pdf"); err == nil || !strings.Contains(err.Error(), "known: ") {
		t.Errorf("unknown format: %v", err)
	}
	defer func() {
		if recover() == nil {
			t.Error("registering a duplicate format did not panic")
		}
	}()
	register(Format{Name: "text"})
}

// Every format renders the rich document and an interrupted one the same
// way each time, and marks the interrupted one.
func TestRenderGolden(t *testing.T) {
	for _, name := range FormatNames() {
		for _, incomplete := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/incomplete=%v", name, incomplete), func(t *testing.T) {
				d := renderDoc(t)
				if incomplete {
					d.Incomplete = true
					d.Cells = d.Cells[:3]
				}
				sink := MemorySink{}
				if err := Render(sink, name, d); err != nil {
					t.Fatal(err)
				}
				f, _ := LookupFormat(name)
				parts := f.Parts
				if len(parts) == 0 {
					parts = []string{""}
				}
				for _, p := range parts {
					file := "render-" + name
					if p != "" {
						file += "-" + p
					}
					if incomplete {
						file += "-incomplete"
					}
					got := sink[p].Bytes()
					if name == "json" && !incomplete {
						roundTrips(t, d, got) // the whole document: a golden file would be a quarter megabyte
						continue
					}
					golden(t, file+f.Ext+".golden", got)
					if incomplete && !bytes.Contains(bytes.ToLower(got), []byte("incomplete")) {
						t.Errorf("%s: an interrupted run is not marked incomplete", file)
					}
				}
			})
		}
	}
}

// The CSV has the contract's columns, and unknown figures are empty.
func TestCSVContract(t *testing.T) {
	d := renderDoc(t)
	sink := MemorySink{}
	if err := Render(sink, "csv", d); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(sink[""]).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := "key,transport,scenario,backend,load,fault,profile,runs,calls,errors,throughput_rps,p50_us,p90_us,p99_us,p999_us,max_us,wire_out_bytes,wire_in_bytes,body_out_bytes,body_in_bytes,setup_out_bytes,setup_in_bytes,round_trips,client_cpu_us_per_call,server_cpu_us_per_call,client_allocs_per_call,timeouts,refused,resets,hung,duplicate_deliveries,duplicate_executions,unknown_outcome,lost_writes,detect_ms,recover_ms"
	if got := strings.Join(rows[0], ","); got != want {
		t.Fatalf("header\n %s\nwant\n %s", got, want)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	byKey := map[string][]string{}
	for _, r := range rows[1:] {
		byKey[r[0]] = r
	}
	tests := []struct{ key, column, want string }{
		{"transport=rest/scenario=mixed/backend=postgres/load=closed-c4", "server_cpu_us_per_call", ""},  // unknown
		{"transport=rest/scenario=mixed/backend=postgres/load=closed-c4", "body_out_bytes", ""},          // list-orders has no body size
		{"transport=grpc/scenario=get-customer/backend=postgres/load=closed-c1", "body_out_bytes", "12"}, // exact
		{"transport=grpc/scenario=mixed/backend=postgres/load=closed-c4", "round_trips", "1"},            // weighted
		{"transport=grpc/scenario=mixed/backend=postgres/load=closed-c4", "setup_out_bytes", "180"},      // weighted
		{"transport=grpc/scenario=get-customer/backend=postgres/load=closed-c1", "lost_writes", ""},      // no reconciliation
		{"transport=grpc/scenario=get-customer/backend=postgres/load=closed-c1", "timeouts", "0"},        // no errors: known zero
		{"transport=grpc/scenario=get-customer/backend=postgres/load=closed-c1", "detect_ms", ""},        // no fault
		{"transport=grpc/scenario=mixed/backend=postgres/load=closed-c4/fault=reset/profile=default", "lost_writes", "0"},
		{"transport=grpc/scenario=mixed/backend=postgres/load=closed-c4/fault=reset/profile=default", "unknown_outcome", "9"},
		{"transport=grpc/scenario=mixed/backend=postgres/load=closed-c4/fault=reset/profile=default", "detect_ms", "3"},
		{"transport=grpc/scenario=mixed/backend=postgres/load=closed-c4/fault=reset/profile=default", "fault", "reset"},
	}
	for _, tt := range tests {
		r, ok := byKey[tt.key]
		if !ok {
			t.Fatalf("no row %s", tt.key)
		}
		if got := r[col[tt.column]]; got != tt.want {
			t.Errorf("%s %s = %q, want %q", tt.key, tt.column, got, tt.want)
		}
	}
}

// Multi-part formats refuse a single stream instead of mixing the parts.
func TestGabNeedsFiles(t *testing.T) {
	var buf bytes.Buffer
	if err := Render(Writer(&buf), "gab", renderDoc(t)); err == nil {
		t.Fatal("gab rendered two files into one stream")
	}
	sink := MemorySink{}
	if err := Render(sink, "gab", renderDoc(t)); err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{GabBigger, GabSmaller} {
		var entries []gabEntry
		if err := json.Unmarshal(sink[part].Bytes(), &entries); err != nil || len(entries) == 0 {
			t.Fatalf("%s: %v, %d entries", part, err, len(entries))
		}
	}
}

func roundTrips(t *testing.T, d *Document, got []byte) {
	t.Helper()
	back, err := Read(bytes.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	var want, again bytes.Buffer
	if err := d.Write(&want); err != nil {
		t.Fatal(err)
	}
	if err := back.Write(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want.Bytes(), again.Bytes()) {
		t.Fatal("the json format does not round-trip the document")
	}
}

// Files are written whole or not at all, parts beside the main path.
func TestFileSink(t *testing.T) {
	dir := t.TempDir()
	s := &FileSink{Path: dir + "/out.json", Ext: ".json"}
	if err := Render(s, "gab", renderDoc(t)); err != nil {
		t.Fatal(err)
	}
	paths, err := s.Commit()
	if err != nil || strings.Join(paths, " ") != dir+"/out-bigger.json "+dir+"/out-smaller.json" {
		t.Fatalf("paths %v, %v", paths, err)
	}
	a := &FileSink{Path: dir + "/gone.html", Ext: ".html"}
	if _, err := a.Part(""); err != nil {
		t.Fatal(err)
	}
	a.Abort()
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("%d files left, want the two committed ones", len(entries))
	}
	if got := PartPath("out", "smaller", ".json"); got != "out-smaller.json" {
		t.Errorf("PartPath without extension: %s", got)
	}
}

// benchstat reads the benchfmt output unchanged and puts the patterns
// side by side with -col /transport. It runs only where benchstat is
// installed (go install golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da).
func TestBenchstatReadsBenchfmt(t *testing.T) {
	exe, err := exec.LookPath("benchstat")
	if err != nil {
		if exe, err = exec.LookPath(filepath.Join(build.Default.GOPATH, "bin", "benchstat")); err != nil {
			t.Skip("benchstat is not installed")
		}
	}
	sink := MemorySink{}
	if err := Render(sink, "benchfmt", renderDoc(t)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "bench.txt")
	if err := os.WriteFile(path, sink[""].Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(exe, "-col", "/transport", path).CombinedOutput()
	if err != nil {
		t.Fatalf("benchstat: %v\n%s", err, out)
	}
	text := string(out)
	for _, want := range []string{"│     grpc      │", "rest", "sec/op", "wire-B/op", "p99-sec", "scenario=mixed/backend=postgres/load=closed-c4-2"} {
		if !strings.Contains(text, want) {
			t.Errorf("benchstat output lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "parse") || strings.Contains(text, "malformed") {
		t.Errorf("benchstat complained:\n%s", text)
	}
}

// A probe whose figures cannot all be true is named under the tables and
// drawn unsplit, never as negative bytes.
func TestProbeProblems(t *testing.T) {
	b := func(v int64) *int64 { return &v }
	tests := []struct {
		p    OpProbe
		want string
	}{
		{OpProbe{OutBytes: 33, InBytes: 134, SetupIn: 58, BodyOut: b(3), BodyIn: b(68)}, ""},
		{OpProbe{OutBytes: 0, InBytes: 16550, BodyOut: b(16450), BodyIn: b(16445)}, "a steady call wrote 0 B and read 16550 B; request body 16450 B > 0 B written"},
		{OpProbe{OutBytes: 1166, InBytes: 1167, SetupOut: -1133}, "set-up -1133/0 B (first call cheaper than a steady one)"},
	}
	for _, tt := range tests {
		if got := tt.p.Problem(); got != tt.want {
			t.Errorf("Problem() = %q, want %q", got, tt.want)
		}
	}
	d := renderDoc(t)
	p := d.Cells[0].Probe["get-customer"]
	p.OutBytes = 0
	d.Cells[0].Probe["get-customer"] = p
	var buf bytes.Buffer
	if err := WriteTable(&buf, d); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "probe not trustworthy: grpc get-customer get-customer: a steady call wrote 0 B") {
		t.Errorf("the table does not name the inconsistent probe:\n%s", buf.String())
	}
	figs, err := bytesFigures(d)
	if err != nil || !strings.Contains(figs[0].Caption, "(!) grpc") {
		t.Errorf("bytes chart: %v, caption %q", err, figs[0].Caption)
	}
}

// A flagged probe's bytes are unknown in every format that prints them
// as exact: empty in CSV, left out of benchfmt and gab, n/a in tables.
func TestFlaggedProbeIsUnknown(t *testing.T) {
	d := renderDoc(t)
	d.Cells = d.Cells[:1]
	p := d.Cells[0].Probe["get-customer"]
	p.SetupOut = -100
	d.Cells[0].Probe["get-customer"] = p
	for format, absent := range map[string]string{"benchfmt": " 250 wire-B/op", "gab": "wire bytes", "csv": ",-100,", "md": "| 250 |"} {
		sink := MemorySink{}
		if err := Render(sink, format, d); err != nil {
			t.Fatal(err)
		}
		var all string
		for _, b := range sink {
			all += b.String()
		}
		if strings.Contains(all, absent) {
			t.Errorf("%s prints the flagged probe (%q):\n%s", format, absent, all)
		}
	}
}
