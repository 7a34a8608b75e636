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
		{"count: 3\ncount: 4\n", []string{"plan.yaml: not valid YAML: [2:1] mapping key \"count\" already defined"}},
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

// A plan file that is empty, cut short, binary or another kind of file
// is refused with an error that names it and says which.
func TestPlanFileDamagedOrForeign(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"empty", "", "plan.yaml: the plan file has no keys (empty, or cut short?)"},
		{"comments only", "# a plan\n", "plan.yaml: the plan file has no keys"},
		{"cut in a list", "transports: [grpc, re", "plan.yaml: not valid YAML: [1:13] sequence end token ']' not found"},
		{"cut in a string", "transports: [grpc]\nscenarios: \"get-cus", "plan.yaml: not valid YAML: [2:12]"},
		{"cut in a key", "transports: [grpc]\nconcu", "plan.yaml: not valid YAML: [2:1]"},
		{"binary", "\x1f\x8b\x08\x00\x00\x00", "plan.yaml: not a plan: binary data, not YAML text"},
		{"not UTF-8", "transports: [gr\xffpc]\n", "plan.yaml: not a plan: binary data"},
		{"a results document", "{\n  \"schema\": \"intbench.results/v2\",\n  \"cells\": []\n}\n",
			"plan.yaml: not a plan: none of its keys (schema, cells) is a flag of this command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := flag.NewFlagSet("run", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			runFlags(fs)
			planFileFlag(fs)
			path := writePlan(t, tt.text)
			err := applyPlanFile(fs, path)
			if err == nil || !strings.HasPrefix(err.Error(), filepath.Dir(path)) {
				t.Fatalf("error %v, want one naming %s", err, path)
			}
			if msg := strings.TrimPrefix(err.Error(), filepath.Dir(path)+string(filepath.Separator)); !strings.HasPrefix(msg, tt.want) {
				t.Fatalf("error %q, want %q...", msg, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %q spans lines: the parser's excerpt of the source is left out", err)
			}
		})
	}
}

// The bounds checked before the YAML parser runs, one either side: the
// brackets of flow collections (counted in comments too) and the size.
func TestPlanFileBounds(t *testing.T) {
	plan := "transports: [rest]\n"
	padded := func(n int) string { return plan + "#" + strings.Repeat(" ", n-len(plan)-2) + "\n" }
	tests := []struct {
		name, text, want string
	}{
		{"brackets at the limit", plan + "# " + strings.Repeat("[", maxPlanFlows-1) + "\n", ""},
		{"one bracket more", plan + "# " + strings.Repeat("{", maxPlanFlows) + "\n", "not a plan: 65 brackets opening lists or mappings"},
		{"nested too deep", "transports: " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n", "not a plan: 5000 brackets"},
		{"lists on a line at the limit", "transports:\n" + strings.Repeat("- ", maxPlanLineEntries) + "rest\n", ""},
		{"one list more", "transports:\n" + strings.Repeat("- ", maxPlanLineEntries+1) + "rest\n", "not a plan: line 2 opens 9 lists"},
		{"size at the limit", padded(maxPlanBytes), ""},
		{"one byte more", padded(maxPlanBytes + 1), "not a plan: 16385 bytes, more than the 16384"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := flag.NewFlagSet("run", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			runFlags(fs)
			err := applyPlan(fs, "plan.yaml", []byte(tt.text))
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("error %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("error %v, want %q", err, tt.want)
			}
		})
	}
}
