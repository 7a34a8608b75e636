package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/intbench/intbench/results"
)

var (
	smallOnce sync.Once
	smallPath string
	smallErr  string
)

// smallDoc runs a tiny real plan once (in process, memory backend, six
// short repetitions of one cell) and returns the path of its document.
func smallDoc(t *testing.T) string {
	t.Helper()
	smallOnce.Do(func() {
		dir, err := os.MkdirTemp("", "intbench-cli-doc-")
		if err != nil {
			smallErr = err.Error()
			return
		}
		smallPath = filepath.Join(dir, "small.json")
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), []string{"run", "--in-process", "--backend", "memory", "--transports", "rawtcp",
			"--scenarios", "get-customer", "--concurrency", "2", "--duration", "80ms", "--warmup", "10ms", "--count", "6", "-o", smallPath, "-q"}, &stdout, &stderr); code != 0 {
			smallErr = stderr.String()
		}
	})
	if smallErr != "" {
		t.Fatalf("small run: %s", smallErr)
	}
	return smallPath
}

func TestReportFormats(t *testing.T) {
	doc := smallDoc(t)
	dir := t.TempDir()
	tests := []struct {
		args  []string
		files []string // written by -o
		want  string   // in stdout, or in the first file
	}{
		{[]string{"report", doc}, nil, "p99.9"},
		{[]string{"report", doc, "--format", "md"}, nil, "| pattern | scenario |"},
		{[]string{"report", "--format", "csv", doc}, nil, "key,transport,scenario,backend,load,fault,profile,runs"},
		{[]string{"report", "--format", "benchfmt", doc}, nil, "BenchmarkMatrix/transport=rawtcp/scenario=get-customer/backend=memory/load=closed-c2-"},
		{[]string{"report", "--format", "json", doc}, nil, `"schema": "intbench.results/v2"`},
		{[]string{"report", "--format", "html", "-o", filepath.Join(dir, "r.html"), doc}, []string{"r.html"}, "<svg class=\"chart\""},
		{[]string{"report", "--format", "gab", "-o", filepath.Join(dir, "g.json"), doc}, []string{"g-bigger.json", "g-smaller.json"}, `"unit": "calls/s"`},
		{[]string{"report", doc, doc, "--format", "csv"}, nil, ",12,"}, // merged: twelve runs
		{[]string{"merge", doc, doc, "-o", filepath.Join(dir, "m.json")}, []string{"m.json"}, `"runs": 12`},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), tt.args, &stdout, &stderr); code != 0 {
			t.Errorf("intbench %v: exit %d: %s", tt.args, code, stderr.String())
			continue
		}
		got := stdout.String()
		if len(tt.files) > 0 {
			b, err := os.ReadFile(filepath.Join(dir, tt.files[0]))
			if err != nil {
				t.Errorf("intbench %v: %v", tt.args, err)
				continue
			}
			got = string(b)
			for _, f := range tt.files[1:] {
				if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
					t.Errorf("intbench %v: %v", tt.args, err)
				}
			}
		}
		if !strings.Contains(got, tt.want) {
			t.Errorf("intbench %v: output lacks %q:\n%.600s", tt.args, tt.want, got)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func TestReportErrors(t *testing.T) {
	doc := smallDoc(t)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"report"}, 2, "usage: intbench report"},
		{[]string{"report", "--format", "pdf", doc}, 1, `unknown format "pdf"`},
		{[]string{"report", "--format", "gab", doc}, 1, "give -o OUT"},
		{[]string{"report", "missing.json"}, 1, "missing.json"},
		{[]string{"merge", doc}, 2, "usage: intbench merge"},
		{[]string{"compare", doc}, 2, "usage: intbench compare"},
		{[]string{"compare", doc, doc, "--threshold", "lots"}, 2, "want a share"},
		{[]string{"compare", doc, doc, "--format", "html"}, 1, `--format "html"`},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), tt.args, &stdout, &stderr); code != tt.code || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("intbench %v: exit %d, stderr %q; want %d with %q", tt.args, code, stderr.String(), tt.code, tt.want)
		}
	}
}

// compare exits 0 for a document against itself and 1 against one whose
// every run is slower than the slowest of the first.
func TestCompareExitCodes(t *testing.T) {
	doc := smallDoc(t)
	d, err := results.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	for i := range d.Cells {
		// Every slow run below every measured one, whatever the noise of
		// a busy machine: half the slowest, a little apart.
		low := d.Cells[i].Summary.Throughput.Min
		for j := range d.Cells[i].Runs {
			d.Cells[i].Runs[j].Throughput = low / 2 * (1 - 0.01*float64(j))
		}
		if err := d.Cells[i].Summarize(); err != nil {
			t.Fatal(err)
		}
	}
	slow := filepath.Join(t.TempDir(), "slow.json")
	if err := d.WriteFile(slow); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"compare", doc, doc}, 0, "No regression beyond 5%"},
		{[]string{"compare", doc, slow, "--format", "md"}, 1, "| throughput |"},
		{[]string{"compare", slow, doc}, 0, "improvement"},
		{[]string{"compare", doc, slow, "--threshold", "100%"}, 0, "below threshold"}, // no drop reaches -100%
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), tt.args, &stdout, &stderr)
		if code != tt.code || !strings.Contains(stdout.String(), tt.want) {
			t.Errorf("intbench %v: exit %d, stdout %q, stderr %q; want exit %d with %q", tt.args, code, stdout.String(), stderr.String(), tt.code, tt.want)
		}
	}
}

// history reads files and directories, skips JSON that is not ours, and
// writes one page.
func TestHistoryCommand(t *testing.T) {
	doc := smallDoc(t)
	dir := t.TempDir()
	d, err := results.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		d.Env.Commit = strings.Repeat(string(rune('a'+i)), 40)
		d.Created = d.Created.Add(time.Hour)
		if err := d.WriteFile(filepath.Join(dir, d.Env.Commit+".json")); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "g-bigger.json"), []byte(`[{"name":"x","unit":"u","value":1}]`), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "h.html")
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"history", dir, "-o", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "3 commits") || !strings.Contains(stderr.String(), "skipping") {
		t.Errorf("page lacks the 3 commits or g-bigger.json was not skipped: %s", stderr.String())
	}
	if n := strings.Count(string(page), "<section id="); n != len(d.Cells) {
		t.Errorf("%d sections for %d keys", n, len(d.Cells))
	}
	// --keys keeps the keys it matches, and says so when none does.
	tests := []struct {
		keys     string
		code     int
		sections int
		want     string // in stderr
	}{
		{"^" + regexp.QuoteMeta(d.Cells[0].Key) + "$", 0, 1, ""},
		{"scenario=no-such-scenario", 1, 0, "no key matches"},
		{"(", 2, 0, "--keys"},
	}
	for _, tt := range tests {
		stdout.Reset()
		stderr.Reset()
		_ = os.Remove(out)
		code := run(context.Background(), []string{"history", dir, "-o", out, "--keys", tt.keys}, &stdout, &stderr)
		page, _ := os.ReadFile(out)
		if code != tt.code || strings.Count(string(page), "<section id=") != tt.sections || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("history --keys %q: exit %d, %d sections, stderr %q; want %d, %d, %q",
				tt.keys, code, strings.Count(string(page), "<section id="), stderr.String(), tt.code, tt.sections, tt.want)
		}
	}
}

// list shows every registry, one line an entry; --names the patterns alone.
func TestList(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"list"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{"patterns:", "rawtcp", "scenarios:", "payload-1KiB", "faults (", "latency:DELAY", "client profiles", "hardened", "networks", "intercontinental", "report formats", "benchfmt"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("list lacks %q:\n%s", want, stdout.String())
		}
	}
	stdout.Reset()
	if code := run(context.Background(), []string{"list", "--names"}, &stdout, &stderr); code != 0 || strings.Contains(stdout.String(), " ") || !strings.Contains(stdout.String(), "grpc\n") {
		t.Errorf("list --names: exit %d:\n%s", code, stdout.String())
	}
}
