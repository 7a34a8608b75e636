package main

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func writePlan(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "plan.yaml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// The plan file sets the run's flags by name; the command line wins;
// flags added after the loader (faults, profile, network) are keys too,
// and count as set for the fault-run defaults.
func TestPlanFileSetsFlags(t *testing.T) {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	o := runFlags(fs)
	path := writePlan(t, `# a plan
transports: [rest, grpc]
scenarios:
  - get-customer
  - mixed
duration: 2s
count: 9
in-process: true
faults: [reset, "db:restart"]
profile: hardened
network: wan
rate: 1e3
`)
	if err := fs.Parse([]string{"--count", "3"}); err != nil {
		t.Fatal(err)
	}
	if err := applyPlanFile(fs, path); err != nil {
		t.Fatal(err)
	}
	o.faultDefaults(fs) // a fault run's defaults must not undo the plan file
	if strings.Join(o.transports, ",") != "rest,grpc" || strings.Join(o.scenarios, ",") != "get-customer,mixed" ||
		o.plan.Duration != 2*time.Second || o.plan.Count != 3 || !o.inProcess || o.plan.Rate != 1000 ||
		strings.Join(o.faults, ",") != "reset,db:restart" || strings.Join(o.profiles, ",") != "hardened" || o.plan.Network != "wan" {
		t.Fatalf("transports %v scenarios %v duration %v count %d in-process %v rate %v faults %v profiles %v network %q",
			o.transports, o.scenarios, o.plan.Duration, o.plan.Count, o.inProcess, o.plan.Rate, o.faults, o.profiles, o.plan.Network)
	}
}

// Errors name the file, the line and column, and the key.
func TestPlanFileErrors(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"backend: memory\ndurations: 1s\n", []string{"plan.yaml:2:1: unknown key \"durations\" (known: ", "duration, "}},
		{"count: 3\nduration: soon\n", []string{"plan.yaml:2:1: duration: invalid value \"soon\""}},
		{"count: 3\ncount: 4\n", []string{"plan.yaml: [2:1] mapping key \"count\" already defined"}},
		{"seed:\n  customers: 5\n", []string{"plan.yaml:1:1: seed: want a value or a list of values"}},
		{"count:\n", []string{"plan.yaml:1:1: count: no value"}},
		{"- a\n- b\n", []string{"plan.yaml: 1:1: a plan is a mapping"}},
		{"count: [3\n", []string{"plan.yaml: "}},
		{"f: other.yaml\n", []string{"unknown key \"f\""}},
	}
	for _, tt := range tests {
		fs := flag.NewFlagSet("run", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		runFlags(fs)
		planFileFlag(fs)
		path := writePlan(t, tt.text)
		err := applyPlanFile(fs, path)
		if err == nil {
			t.Errorf("%q: no error", tt.text)
			continue
		}
		msg := strings.ReplaceAll(err.Error(), filepath.Dir(path)+string(filepath.Separator), "")
		for _, w := range tt.want {
			if !strings.Contains(msg, w) {
				t.Errorf("%q: error %q lacks %q", tt.text, msg, w)
			}
		}
	}
}
