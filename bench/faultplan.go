package bench

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/intbench/intbench/faults"
)

// Hops a fault can target: the caller's link to the server, and the
// server's link to PostgreSQL (for shareddb, the consumer's).
const (
	HopApp = "app"
	HopDB  = "db"
)

// FaultSpec is one fault of a plan: what happens, and on which hop.
type FaultSpec struct {
	Hop   string
	Fault faults.Fault
}

// Label is the fault's label in results: its canonical spec, prefixed
// with its hop unless it is the app hop ("reset", "db:restart").
func (f FaultSpec) Label() string {
	if f.Hop == HopDB {
		return HopDB + ":" + f.Fault.String()
	}
	return f.Fault.String()
}

// MatrixFaults are the faults of `--faults matrix`, each on both hops.
var MatrixFaults = []string{
	"latency:100ms", "bandwidth:1mbit", "slicer:16:200us", "blackhole", "reset", "down",
	"limit_data:4KiB", "slow_close:500ms", "stall:0.1:200ms", "flap:250ms:down", "restart",
}

// ParseFault parses "[app:|db:]spec", the hop defaulting to app.
func ParseFault(spec string) (FaultSpec, error) {
	hop, rest := HopApp, spec
	if h, r, ok := strings.Cut(spec, ":"); ok && (h == HopApp || h == HopDB) {
		hop, rest = h, r
	}
	f, err := faults.Parse(rest)
	if err != nil {
		return FaultSpec{}, fmt.Errorf("bench: fault %q: %w", spec, err)
	}
	return FaultSpec{Hop: hop, Fault: f}, nil
}

// ExpandFaults parses a list of fault specs; "matrix" stands for every
// fault of MatrixFaults on both hops.
func ExpandFaults(specs []string) ([]FaultSpec, error) {
	var out []FaultSpec
	var errs []error
	for _, s := range specs {
		list := []string{s}
		if s == "matrix" {
			list = nil
			for _, hop := range []string{HopApp, HopDB} {
				for _, f := range MatrixFaults {
					list = append(list, hop+":"+f)
				}
			}
		}
		for _, one := range list {
			f, err := ParseFault(one)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			out = append(out, f)
		}
	}
	return out, errors.Join(errs...)
}

// FaultTimeline shapes a fault cell's measured window: a healthy baseline,
// the fault, and a recovery that lasts until the pattern has recovered
// (no call from before the fault's end still running, and a success on
// every worker since), but at least MinRecovery and at most MaxRecovery.
type FaultTimeline struct {
	Baseline    time.Duration `json:"baseline"`
	Fault       time.Duration `json:"fault"`
	MinRecovery time.Duration `json:"min_recovery"`
	MaxRecovery time.Duration `json:"max_recovery"`
	Bucket      time.Duration `json:"bucket"`
	// Deadline is the reference deadline of a call: the hardened
	// profile's call deadline. The engine's watchdog ends a call still
	// running at twice it, as hung, whatever the profile; so the default
	// profile's calls, which have no deadline of their own, are measured
	// against the same bound.
	Deadline time.Duration `json:"deadline"`
}

// defaults fills the unset fields: 200 ms of baseline, a 1 s fault, 0.5 s
// to 4.5 s of recovery (long enough for a call started at the fault's end
// to be ended by the watchdog at twice the deadline and its worker
// replaced), 50 ms buckets.
func (t *FaultTimeline) defaults(deadline time.Duration) {
	if t.Deadline == 0 {
		t.Deadline = deadline
	}
	def := func(v *time.Duration, d time.Duration) {
		if *v == 0 {
			*v = d
		}
	}
	def(&t.Baseline, 200*time.Millisecond)
	def(&t.Fault, time.Second)
	def(&t.MinRecovery, 500*time.Millisecond)
	def(&t.MaxRecovery, 4*t.Deadline+500*time.Millisecond)
	def(&t.Bucket, 50*time.Millisecond)
}

func (t FaultTimeline) validate() error {
	switch {
	case t.Baseline <= 0 || t.Fault <= 0 || t.MinRecovery <= 0 || t.Bucket <= 0 || t.Deadline <= 0:
		return fmt.Errorf("fault timeline %+v: every part must be positive", t)
	case t.MaxRecovery < t.MinRecovery:
		return fmt.Errorf("fault timeline: max recovery %v below min recovery %v", t.MaxRecovery, t.MinRecovery)
	case t.Baseline+t.Fault+t.MaxRecovery > time.Duration(MaxCallTimeout):
		return fmt.Errorf("fault timeline longer than %v", MaxCallTimeout)
	}
	return nil
}

// String describes the timeline for the results' settings.
func (t FaultTimeline) String() string {
	return fmt.Sprintf("%v baseline, %v fault, %v..%v recovery, %v buckets; calls hung at %v (twice the %v deadline)",
		t.Baseline, t.Fault, t.MinRecovery, t.MaxRecovery, t.Bucket, 2*t.Deadline, t.Deadline)
}
