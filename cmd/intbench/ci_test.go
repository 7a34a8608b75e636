package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// scripts/ci-bench.sh, the steps of the example workflow, with a tiny
// plan: two main-branch runs build a history and its page, then a pull
// request's run is compared with the latest (three runs a side cannot
// show a regression, so it passes and says why).
func TestCIBenchScript(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	script, err := filepath.Abs("../../scripts/ci-bench.sh")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	hist := filepath.Join(dir, "history")
	env := append(os.Environ(), "INTBENCH="+binary,
		"INTBENCH_ARGS=--in-process --backend memory --transports rawtcp --scenarios get-customer --duration 100ms --warmup 20ms --count 3")
	runScript := func(args ...string) (string, error) {
		cmd := exec.Command("bash", append([]string{script}, args...)...)
		cmd.Env = env
		b, err := cmd.CombinedOutput()
		return string(b), err
	}
	for i, out := range []string{"main1", "main2"} {
		if b, err := runScript("main", hist, filepath.Join(dir, out)); err != nil {
			t.Fatalf("main run %d: %v\n%s", i+1, err, b)
		}
	}
	kept, _ := filepath.Glob(filepath.Join(hist, "*.json"))
	if len(kept) != 2 {
		t.Fatalf("history holds %v, want two results", kept)
	}
	for _, f := range []string{"main2/history.html", "main2/report.html", "main2/report.md", "main2/results.json"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	b, err := runScript("pr", kept[len(kept)-1], filepath.Join(dir, "pr"))
	if err != nil {
		t.Fatalf("pr run: %v\n%s", err, b)
	}
	md, err := os.ReadFile(filepath.Join(dir, "pr", "compare.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(md), "No regression beyond 5%") || !strings.Contains(string(md), "not enough runs") {
		t.Errorf("compare.md:\n%s", md)
	}
	if b, err := runScript("pr", filepath.Join(dir, "none.json"), filepath.Join(dir, "first")); err != nil || !strings.Contains(b, "nothing to compare") {
		t.Errorf("pr without base results: %v\n%s", err, b)
	}
}
