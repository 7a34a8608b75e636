package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/intbench/intbench/results"
)

// binary is the intbench command built once for the tests that run it as a
// real process.
var binary string

func TestMain(m *testing.M) {
	// A "run" under test launches os.Executable() — this test binary — as
	// its "intbench serve" child: behave like intbench then, never rerun
	// the tests in a child.
	if len(os.Args) > 1 && os.Args[1] == "serve" {
		os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
	}
	dir, err := os.MkdirTemp("", "intbench-cli-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "intbench")
	out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
	if err != nil {
		os.RemoveAll(dir)
		panic("build intbench: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	if smallPath != "" {
		os.RemoveAll(filepath.Dir(smallPath)) // the document smallDoc shares between tests
	}
	os.Exit(code)
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		contains string
	}{
		{nil, 2, "usage: intbench"},
		{[]string{"bogus"}, 2, `unknown command "bogus"`},
		{[]string{"serve"}, 1, "--transport is required"},
		{[]string{"serve", "--transport", "carrier-pigeon"}, 1, `unknown transport "carrier-pigeon"`},
		{[]string{"serve", "--transport", "rest", "--backend", "disk"}, 1, `--backend "disk"`},
		{[]string{"serve", "--transport", "shareddb", "--backend", "memory"}, 1, "needs --backend postgres"},
		{[]string{"serve", "--transport", "rest", "--max-body", "0"}, 1, "--max-body 0"},
		{[]string{"serve", "--transport", "rest", "--customers", "0"}, 1, "seed customers"},
		{[]string{"serve", "--nope"}, 2, "flag provided but not defined: -nope"},
		{[]string{"serve", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"run", "--concurrency", "0"}, 2, "not a positive integer"},
		{[]string{"run", "--scenarios", "nap"}, 1, `unknown scenario "nap"`},
		{[]string{"run", "--transports", "grpc,rest", "--target", "127.0.0.1:1"}, 1, "exactly one transport"},
		{[]string{"run", "--rate", "-5"}, 1, "rate -5"},
		{[]string{"run", "--count", "0"}, 1, "--count 0"},
		{[]string{"run", "--duration", "0s"}, 1, "--duration 0s"},
		{[]string{"run", "--timeout", "-1s"}, 1, "--timeout -1s"},
		{[]string{"run", "--arrival", "bursty", "--rate", "5"}, 1, `arrival "bursty"`},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		code := run(context.Background(), tt.args, &out, &errOut)
		if code != tt.code || !strings.Contains(errOut.String(), tt.contains) {
			t.Errorf("intbench %v: exit %d, stderr %q; want exit %d containing %q", tt.args, code, errOut.String(), tt.code, tt.contains)
		}
	}
}

// startServe runs "intbench serve" as a real process and returns the
// address from its ready line.
func startServe(t *testing.T, args ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"serve"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(stdout).ReadString('\n')
		lines <- s
	}()
	select {
	case l := <-lines:
		name := args[1]
		addr, ok := strings.CutPrefix(strings.TrimSpace(l), name+" listening on ")
		if !ok {
			t.Fatalf("ready line %q; stderr %s", l, stderr.String())
		}
		return cmd, addr
	case <-time.After(time.Minute):
		t.Fatalf("no ready line within a minute; stderr %s", stderr.String())
	}
	return nil, ""
}

func TestServeReadyLineAndCleanShutdown(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		cmd, addr := startServe(t, "--transport", "rest", "--listen", "127.0.0.1:0")
		if !strings.HasPrefix(addr, "127.0.0.1:") || strings.HasSuffix(addr, ":0") {
			t.Fatalf("address %q is not a bound loopback port", addr)
		}
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("after %v: %v, want exit 0", sig, err)
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("serve did not exit within 30s of %v", sig)
		}
	}
}

func TestRunInProcessWritesDocumentAndTable(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.json")
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"run", "--in-process", "--backend", "memory", "--transports", "rawtcp,rest",
		"--scenarios", "get-customer,place-order", "--concurrency", "2", "--duration", "150ms", "--warmup", "20ms", "--count", "2", "-o", out, "-q"}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	doc, err := results.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Cells) != 4 {
		t.Fatalf("%d cells, want 4", len(doc.Cells))
	}
	for _, c := range doc.Cells {
		if len(c.Runs) != 2 || c.Summary.Calls == 0 || c.Summary.Errors != 0 || c.Probe == nil {
			t.Errorf("%s: %d runs, %d calls, %d errors, probe %v", c.Key, len(c.Runs), c.Summary.Calls, c.Summary.Errors, c.Probe)
		}
	}
	for _, want := range []string{"rawtcp", "rest", "get-customer", "place-order", "p99.9"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, stdout.String())
		}
	}
}

func TestRunWithChildServers(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.json")
	cmd := exec.Command(binary, "run", "--backend", "memory", "--transports", "grpc", "--scenarios", "get-customer",
		"--duration", "200ms", "--warmup", "50ms", "-o", out)
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v:\n%s", err, b)
	}
	doc, err := results.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	c := doc.Cells[0]
	if c.Settings["server"] != "child-process" || c.Runs[0].Cost.ServerCPUNs == nil {
		t.Fatalf("server ran %q, want a child process", c.Settings["server"])
	}
	if c.Settings["server.max_recv_msg_bytes"] == "" || c.Settings["keepalive"] == "" {
		t.Fatalf("settings %v: want the child server's and the client's", c.Settings)
	}
}

// Without PostgreSQL the run says what to install, skips shareddb and still
// measures the other patterns.
func TestRunWithoutPostgres(t *testing.T) {
	t.Setenv("INTBENCH_PG_DSN", "")
	t.Setenv("DATABASE_URL", "")
	t.Setenv("INTBENCH_PG_BIN", t.TempDir()) // a directory with no server binaries
	out := filepath.Join(t.TempDir(), "r.json")
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"run", "--in-process", "--transports", "shareddb,rawtcp", "--scenarios", "get-customer",
		"--duration", "100ms", "--warmup", "10ms", "-o", out, "-q"}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "apt-get install") {
		t.Errorf("stderr does not say what to install: %s", stderr.String())
	}
	doc, err := results.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Cells) != 1 || doc.Cells[0].Labels["transport"] != "rawtcp" || len(doc.Failures) != 1 || doc.Failures[0].Transport != "shareddb" {
		t.Fatalf("cells %d failures %+v: want rawtcp measured and shareddb reported", len(doc.Cells), doc.Failures)
	}
	if !strings.Contains(stdout.String(), "not measured: shareddb") {
		t.Errorf("table does not report shareddb: %s", stdout.String())
	}
}

func TestServePostgresWithoutServerSaysWhatToInstall(t *testing.T) {
	t.Setenv("INTBENCH_PG_DSN", "")
	t.Setenv("DATABASE_URL", "")
	t.Setenv("INTBENCH_PG_BIN", t.TempDir())
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"serve", "--transport", "rest", "--backend", "postgres"}, &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "INTBENCH_PG_DSN") || stdout.Len() != 0 {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}

// A server someone else runs: its backend and CPU are unknown, and read
// as unknown (null in the document, n/a in the table), never as a guess.
func TestRunAgainstTargetLabelsUnknowns(t *testing.T) {
	_, addr := startServe(t, "--transport", "rest", "--listen", "127.0.0.1:0")
	out := filepath.Join(t.TempDir(), "r.json")
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"run", "--transports", "rest", "--target", addr, "--scenarios", "get-customer",
		"--duration", "150ms", "--warmup", "20ms", "-o", out, "-q"}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := results.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	c := doc.Cells[0]
	cost := c.Runs[0].Cost
	if c.Labels["backend"] != "unknown" || cost.ServerCPUNs != nil || cost.ServerScope != results.ScopeUnknown || c.Summary.ServerCPU != nil {
		t.Fatalf("backend %q, server CPU %v (%s): want unknown", c.Labels["backend"], cost.ServerCPUNs, cost.ServerScope)
	}
	if !bytes.Contains(raw, []byte(`"server_cpu_ns_per_call": null`)) {
		t.Error("the document does not carry null for the unknown server CPU")
	}
	if !strings.Contains(stdout.String(), "n/a") || !strings.Contains(stdout.String(), "unknown") {
		t.Errorf("table does not say unknown:\n%s", stdout.String())
	}
}

// In process, the driver's CPU is client and server together, and says
// so; PostgreSQL, a child of the driver, is measured on its own.
func TestRunInProcessLabelsCPUScopes(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.json")
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"run", "--in-process", "--backend", "postgres", "--transports", "rest",
		"--scenarios", "get-customer", "--duration", "150ms", "--warmup", "20ms", "-o", out, "-q"}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	doc, err := results.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	cost := doc.Cells[0].Runs[0].Cost
	if cost.ClientScope != results.ScopeInProcess || cost.ServerCPUNs != nil || cost.DatabaseCPUNs == nil || *cost.DatabaseCPUNs <= 0 {
		t.Fatalf("cost %+v: want in-process client scope, no server figure, a database figure", cost)
	}
	if !strings.Contains(stdout.String(), "*") {
		t.Errorf("table does not mark the in-process client CPU:\n%s", stdout.String())
	}
}

// --warmup 0s means no warm-up, not the default.
func TestRunKeepsZeroWarmup(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.json")
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"run", "--in-process", "--backend", "memory", "--transports", "rawtcp",
		"--scenarios", "get-customer", "--duration", "100ms", "--warmup", "0s", "-o", out, "-q"}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	doc, err := results.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var plan struct{ Warmup *int64 }
	if err := json.Unmarshal(doc.Plan, &plan); err != nil || plan.Warmup == nil || *plan.Warmup != 0 {
		t.Fatalf("plan %s: want warmup 0", doc.Plan)
	}
}

// A fault run from the command line: the server is killed and restarted
// on the same address mid-window, the failure table says what the caller
// saw, the document records the database's durability, and no
// acknowledged write is lost.
func TestRunWithARestartFault(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.json")
	cmd := exec.Command(binary, "run", "--transports", "rest", "--faults", "restart", "--concurrency", "4", "-o", out)
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v:\n%s", err, b)
	}
	if !strings.Contains(string(b), "Under faults:") || !strings.Contains(string(b), "restart") {
		t.Fatalf("no failure table:\n%s", b)
	}
	doc, err := results.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Cells) != 1 {
		t.Fatalf("%d cells, want the mixed scenario's one", len(doc.Cells))
	}
	c := doc.Cells[0]
	f, w := c.Summary.Failure, c.Summary.Failure.Writes
	if c.Labels["fault"] != "restart" || c.Labels["profile"] != "default" || f.DetectMs == nil || w == nil || w.Writes == 0 || w.Lost != 0 {
		t.Fatalf("labels %v, failure %+v, writes %+v", c.Labels, f, w)
	}
	if c.Settings["database.synchronous_commit"] != "on" {
		t.Errorf("settings %v: a fault run's database must commit synchronously, and say so", c.Settings)
	}
}
