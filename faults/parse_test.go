package faults

import (
	"reflect"
	"strings"
	"testing"
)

// Every spec parses to a fault whose String is the canonical spec, which
// parses back to an equal fault.
func TestParseCanonical(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ spec, canonical string }{
		{"none", "none"},
		{"latency:100ms", "latency:100ms"},
		{"latency:100ms:20ms", "latency:100ms:20ms"},
		{"latency:1.5s@both", "latency:1500ms"},
		{"latency:100µs:0s@up", "latency:100us@up"},
		{"latency:0s", "latency:0s"},
		{"bandwidth:1mbit", "bandwidth:1mbit"},
		{"bandwidth:1000kbit/s", "bandwidth:1mbit"},
		{"bandwidth:125KB/s", "bandwidth:1mbit"},
		{"bandwidth:64KiB/s@down", "bandwidth:64KiB/s@down"},
		{"bandwidth:1.5Mbit", "bandwidth:1500kbit"},
		{"bandwidth:1gbit", "bandwidth:1gbit"},
		{"bandwidth:3B/s", "bandwidth:24bit"},
		{"slicer:1:100us", "slicer:1B:100us"},
		{"slicer:1KiB", "slicer:1KiB"},
		{"slicer:1000:0s@up", "slicer:1KB@up"},
		{"blackhole", "blackhole"},
		{"blackhole@down", "blackhole@down"},
		{"reset", "reset"},
		{"reset@down", "reset"},
		{"reset@both", "reset@both"},
		{"down", "down"},
		{"limit_data:64KiB", "limit_data:64KiB"},
		{"limit_data:0", "limit_data:0B"},
		{"limit_data:512@up", "limit_data:512B@up"},
		{"slow_close:2s", "slow_close:2s"},
		{"stall:0.02:200ms", "stall:0.02"},
		{"stall:1:1s@down", "stall:1:1s@down"},
		{"flap:2s:down", "flap:2s:down"},
		{"flap:2s:0s:blackhole", "flap:2s:blackhole"},
		{"flap:2s:rand:blackhole@up", "flap:2s:rand:blackhole@up"},
		{"flap:2s:2500ms:latency:100ms:10ms@down", "flap:2s:2500ms:latency:100ms:10ms@down"},
		{"flap:1s:flap:100ms:reset", "flap:1s:flap:100ms:reset"},
		{"restart", "restart"},
	} {
		t.Run(tc.spec, func(t *testing.T) {
			f, err := Parse(tc.spec)
			if err != nil {
				t.Fatal(err)
			}
			if got := f.String(); got != tc.canonical {
				t.Errorf("String() = %q, want %q", got, tc.canonical)
			}
			again, err := Parse(f.String())
			if err != nil || !reflect.DeepEqual(again, f) {
				t.Errorf("Parse(%q) = %#v, %v; want %#v", f.String(), again, err, f)
			}
		})
	}
}

// Every parse error names the spec and the problem.
func TestParseErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ spec, problem string }{
		{"", "empty spec"},
		{"latency:1ms,reset", `"," is not allowed`},
		{"latency :1ms", `" " is not allowed`},
		{"jitter:1ms", `unknown fault "jitter" (known: bandwidth, blackhole, down,`},
		{"latency", "latency: want 1 to 2 arguments, got 0"},
		{"latency:1ms:2ms:3ms", "want 1 to 2 arguments, got 3"},
		{"latency:fast", `delay: time: invalid duration "fast"`},
		{"latency:-1ms", `delay "-1ms" is negative`},
		{"latency:1ms@sideways", `unknown direction "sideways"`},
		{"bandwidth:100", `rate "100": want a unit`},
		{"bandwidth:0mbit", "rate must be positive"},
		{"bandwidth:0.1bit", "not a whole number"},
		{"slicer:0", "size must be positive"},
		{"slicer:2XB", `unknown unit "XB"`},
		{"limit_data:x", `size "x": not a number`},
		{"blackhole:1s", "want 0 arguments, got 1"},
		{"down@up", "takes no direction, got @up"},
		{"restart@down", "takes no direction"},
		{"stall:0", "want a number in (0, 1]"},
		{"stall:1.5", "want a number in (0, 1]"},
		{"stall:0.1:0s", "rto must be positive"},
		{"flap:2s", "want PERIOD and a fault"},
		{"flap:0s:down", "period must be positive"},
		{"flap:1s:2s:down", "phase must be less than twice the period"},
		{"flap:1s:nothing", `flap: unknown fault "nothing"`},
		{"flap:1s:down@up", "flap: down: takes no direction"},
	} {
		_, err := Parse(tc.spec)
		prefix := "faults: spec \"" + tc.spec + "\": "
		if err == nil || !strings.HasPrefix(err.Error(), prefix) || !strings.Contains(err.Error(), tc.problem) {
			t.Errorf("Parse(%q) = %v; want %s…%s…", tc.spec, err, prefix, tc.problem)
		}
	}
}

// Kinds lists every fault, sorted, with its syntax and a summary; a kind
// cannot be registered twice.
func TestKinds(t *testing.T) {
	t.Parallel()
	ks := Kinds()
	want := "bandwidth blackhole down flap latency limit_data none reset restart slicer slow_close stall"
	var names []string
	for _, k := range ks {
		names = append(names, k.Name)
		if !strings.HasPrefix(k.Syntax, k.Name) || k.Summary == "" || strings.Contains(k.Summary, "\n") {
			t.Errorf("kind %+v: want a syntax starting with its name and a one-line summary", k)
		}
	}
	if got := strings.Join(names, " "); got != want {
		t.Errorf("Kinds = %s, want %s", got, want)
	}
	defer func() {
		if recover() == nil {
			t.Error("registering latency twice did not panic")
		}
	}()
	register(Kind{Name: "latency"}, parseLatency)
}
