package faults

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"
)

// labelChars are the characters a network's label may hold: result keys
// use '=', ',', '/' and ':' themselves.
var labelChars = regexp.MustCompile(`^[a-z0-9._-]+$`)

// Every spec parses to its network, whose String is a plain label that
// parses back to the same network.
func TestParseNetwork(t *testing.T) {
	t.Parallel()
	ms := time.Millisecond
	for _, tc := range []struct {
		spec  string
		want  Network
		label string
	}{
		{"none", Network{}, "none"},
		{"loopback", Network{}, "none"},
		{"lan", Network{RTT: 500 * time.Microsecond, Bandwidth: 1e9}, "lan"},
		{"wan", Network{RTT: 20 * ms, Bandwidth: 100e6}, "wan"},
		{"intercontinental", Network{RTT: 150 * ms, Bandwidth: 20e6}, "intercontinental"},
		{"rtt=30ms,bw=50mbit", Network{RTT: 30 * ms, Bandwidth: 50e6}, "rtt30ms-bw50mbit"},
		{"bw=50mbit,rtt=30ms", Network{RTT: 30 * ms, Bandwidth: 50e6}, "rtt30ms-bw50mbit"},
		{"rtt=30ms,bw=50mbit,jitter=2ms", Network{RTT: 30 * ms, Jitter: 2 * ms, Bandwidth: 50e6}, "rtt30ms-bw50mbit-jitter2ms"},
		{"rtt=1.5ms", Network{RTT: 1500 * time.Microsecond}, "rtt1500us"},
		{"bw=64KiB/s", Network{Bandwidth: 8 << 16}, "bw524288bit"},
		{"bw=1.5Mbit", Network{Bandwidth: 1.5e6}, "bw1500kbit"},
		{"rtt=20ms,bw=100mbit", Network{RTT: 20 * ms, Bandwidth: 100e6}, "wan"},
		{"rtt=0s", Network{}, "none"},
		{"rtt30ms-bw50mbit-jitter2ms", Network{RTT: 30 * ms, Jitter: 2 * ms, Bandwidth: 50e6}, "rtt30ms-bw50mbit-jitter2ms"},
		{"jitter1ms-rtt2ms", Network{RTT: 2 * ms, Jitter: ms}, "rtt2ms-jitter1ms"},
	} {
		t.Run(tc.spec, func(t *testing.T) {
			n, err := ParseNetwork(tc.spec)
			if err != nil || n != tc.want {
				t.Fatalf("ParseNetwork = %+v, %v; want %+v", n, err, tc.want)
			}
			label := n.String()
			if label != tc.label || !labelChars.MatchString(label) {
				t.Errorf("String() = %q, want %q", label, tc.label)
			}
			if again, err := ParseNetwork(label); err != nil || again != n {
				t.Errorf("ParseNetwork(%q) = %+v, %v; want %+v", label, again, err, n)
			}
		})
	}
}

// Every parse error names the spec and the problem.
func TestParseNetworkErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ spec, problem string }{
		{"", "empty spec"},
		{"metro", "unknown network (want one of none, loopback, lan, wan, intercontinental, or rtt=DURATION"},
		{"rtt=30ms,bw", `"bw": want KEY=VALUE`},
		{"rtt=30ms;bw=1mbit", `rtt: time: unknown unit "ms;bw=" in duration`},
		{"rtt=fast", `rtt: time: invalid duration "fast"`},
		{"rtt=-1ms", `rtt "-1ms" is negative`},
		{"bw=100", `bw "100": want a unit`},
		{"bw=0mbit", "bw must be positive"},
		{"rtt=1ms,rtt=2ms", "rtt given twice"},
		{"delay=1ms", `unknown key "delay" (want rtt, bw or jitter)`},
		{"rtt=10ms,jitter=6ms", "jitter 6ms exceeds half the rtt (5ms)"},
		{"jitter=1ms", "jitter 1ms exceeds half the rtt (0s)"},
		{"rtt30ms-50mbit", `"50mbit": want KEY and VALUE`},
		{"LAN", `"LAN": want KEY and VALUE`},
	} {
		_, err := ParseNetwork(tc.spec)
		prefix := "faults: network \"" + tc.spec + "\": "
		if err == nil || !strings.HasPrefix(err.Error(), prefix) || !strings.Contains(err.Error(), tc.problem) {
			t.Errorf("ParseNetwork(%q) = %v; want %s…%s…", tc.spec, err, prefix, tc.problem)
		}
	}
}

// Networks lists every preset once, each parsing by its name to its
// network, with a one-line summary and a plain label.
func TestNetworks(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, p := range Networks() {
		if seen[p.Name] || p.Summary == "" || strings.Contains(p.Summary, "\n") {
			t.Errorf("preset %+v: want a unique name and a one-line summary", p)
		}
		seen[p.Name] = true
		if n, err := ParseNetwork(p.Name); err != nil || n != p.Network {
			t.Errorf("ParseNetwork(%q) = %+v, %v; want %+v", p.Name, n, err, p.Network)
		}
		if !labelChars.MatchString(p.Network.String()) {
			t.Errorf("preset %s: label %q", p.Name, p.Network.String())
		}
	}
	for _, name := range []string{"none", "loopback", "lan", "wan", "intercontinental"} {
		if !seen[name] {
			t.Errorf("Networks lacks %s", name)
		}
	}
}

// New refuses a Network that ParseNetwork would not give.
func TestNewRefusesNetwork(t *testing.T) {
	t.Parallel()
	p, err := New("127.0.0.1:1", Options{Network: Network{RTT: time.Millisecond, Jitter: time.Second}})
	if err == nil {
		_ = p.Close()
	}
	if err == nil || !strings.HasPrefix(err.Error(), "faults: network rtt1ms-jitter1s: jitter 1s exceeds half the rtt") {
		t.Errorf("New with jitter above RTT/2: %v, want the network refused", err)
	}
	if errors.Unwrap(err) == nil {
		t.Error("the error wraps nothing")
	}
}
