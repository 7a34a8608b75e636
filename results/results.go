package results

import (
	"encoding/json"
	"fmt"
	"time"
)

// Schema names the version of the document format. v2 marks unknown
// figures null, keeps the latency of failures apart, and accounts for every
// call an open loop owed.
const Schema = "intbench.results/v2"

// Document is one results file.
type Document struct {
	Schema  string          `json:"schema"`
	Created time.Time       `json:"created"`
	Env     Environment     `json:"environment"`
	Plan    json.RawMessage `json:"plan,omitempty"`
	Cells   []Cell          `json:"cells"`
	// Failures lists the transports that could not be measured, and why.
	Failures []Failure `json:"failures,omitempty"`
	// Sources lists the documents a merged document pooled, with what
	// differed between them; empty for a document written by one run.
	Sources []Source `json:"sources,omitempty"`
	// Incomplete says the run was interrupted: the cells hold what was
	// measured before, and may lack runs or whole cells.
	Incomplete bool `json:"incomplete,omitempty"`
	// Evolution is the compatibility matrix of `intbench evolve`; null in
	// documents of measurement runs.
	Evolution *Evolution `json:"evolution,omitempty"`
}

// Failure is a transport that could not be measured.
type Failure struct {
	Transport string `json:"transport"`
	Error     string `json:"error"`
}

// Cell is everything measured under one stable key.
type Cell struct {
	// Key is the stable identity of the cell, labels joined in a fixed
	// order: transport=grpc/scenario=mixed/backend=memory/load=closed-c16.
	Key    string            `json:"key"`
	Labels map[string]string `json:"labels"`
	// Settings records how client and server were configured.
	Settings map[string]string `json:"settings,omitempty"`
	// Probe holds the exact per-call wire bytes from an isolated probe.
	Probe map[string]OpProbe `json:"probe,omitempty"`
	Runs  []Run              `json:"runs"`
	// Summary is recomputed from Runs by Summarize.
	Summary Summary `json:"summary"`
}

// OpProbe is the exact wire cost of one operation, measured on a fresh
// client making calls one at a time.
type OpProbe struct {
	// OutBytes and InBytes are the bytes of one steady-state call, written
	// and read by the client (headers, envelopes, framing included).
	OutBytes int64 `json:"out_bytes"`
	InBytes  int64 `json:"in_bytes"`
	// SetupOut and SetupIn are the extra bytes the first call on a new
	// connection exchanged (handshakes, settings, authentication).
	SetupOut int64 `json:"setup_out_bytes"`
	SetupIn  int64 `json:"setup_in_bytes"`
	// ExtraOut and ExtraIn are the mean bytes per call beyond the call's
	// own: control frames some protocols send now and then (HTTP/2 pings
	// and window updates). Zero for most patterns.
	ExtraOut float64 `json:"extra_out_bytes"`
	ExtraIn  float64 `json:"extra_in_bytes"`
	// RoundTrips is how many times the client waited for the server in one
	// steady-state call.
	RoundTrips int64 `json:"round_trips"`
	// BodyOut and BodyIn are the encoded request and response bodies
	// alone; null where the pattern cannot tell them apart.
	BodyOut *int64 `json:"body_out_bytes"`
	BodyIn  *int64 `json:"body_in_bytes"`
}

// Run is one repetition of a cell.
type Run struct {
	// Block is the interleaved block the run was measured in: block b
	// holds repetition b of every cell, patterns in a seeded random order.
	Block int `json:"block"`
	// Calls counts the calls the window owed: those started in it (closed
	// loop) or intended in it (open loop), sent or not.
	Calls  int64            `json:"calls"`
	Errors int64            `json:"errors"`
	Kinds  map[string]int64 `json:"error_kinds,omitempty"`
	// Hung counts calls still running at twice the call timeout; the
	// engine abandoned them (recorded as errors at that time).
	Hung int64 `json:"hung,omitempty"`
	// Classes counts the failures by what the caller saw (see Classes).
	Classes map[string]int64 `json:"error_classes,omitempty"`
	// Window is the measured time, warm-up excluded.
	Window Duration `json:"window"`
	// Completed counts the calls that ended inside the window, whenever
	// they started: the divisor of throughput and of every per-call cost,
	// since bytes and CPU are counted over the same wall-clock window.
	Completed  int64   `json:"completed"`
	Throughput float64 `json:"throughput_per_s"`
	// Latency is the latency of the calls that did not fail, from the
	// intended send time (open loop) or the actual one (closed loop); in an
	// open loop that fell behind it also holds, as lower bounds, the calls
	// that were due but never sent (see Rate.Backlog).
	Latency Histogram `json:"latency"`
	// ErrorLatency is the latency of the failed calls; null without any.
	ErrorLatency *Histogram `json:"error_latency"`
	// Service is the uncorrected service time (from the actual send) of
	// an open-loop run's successful calls.
	Service *Histogram `json:"service_time,omitempty"`
	// Clipped counts latencies beyond the histogram's range, recorded at
	// its maximum.
	Clipped int64      `json:"clipped,omitempty"`
	Wire    WireTotals `json:"wire"`
	Cost    Cost       `json:"cost"`
	// Rate holds the open-loop target and what was achieved.
	Rate *Rate `json:"rate,omitempty"`
	// Timeline, Failure and Writes describe a fault run: its record over
	// time, its behaviour under the fault, and its writes reconciled with
	// the database (null where the backend cannot be read back).
	Timeline *Timeline       `json:"timeline,omitempty"`
	Failure  *FailureMetrics `json:"failure,omitempty"`
	Writes   *Reconciliation `json:"writes,omitempty"`
}

// WireTotals is the traffic of a measured window.
type WireTotals struct {
	Out        int64   `json:"out_bytes"`
	In         int64   `json:"in_bytes"`
	Dials      int64   `json:"dials"`
	OutPerCall float64 `json:"out_bytes_per_call"`
	InPerCall  float64 `json:"in_bytes_per_call"`
}

// Cost is CPU time and allocation per completed call. A figure that was
// not or could not be measured is null, never zero; the scopes say what
// each figure includes.
type Cost struct {
	// ClientCPUNs is the driver process's CPU per call: the client and
	// the driver, and also the server when it runs in the same process
	// (ClientScope says which).
	ClientCPUNs *float64 `json:"client_cpu_ns_per_call"`
	ClientScope string   `json:"client_scope"`
	// DriverCPUNs is the driver's own CPU per call at the same load with
	// a client that does nothing: the part of ClientCPUNs that is pacing,
	// timing and recording rather than the pattern. Open loop only.
	DriverCPUNs *float64 `json:"driver_cpu_ns_per_call"`
	// ServerCPUNs is the server's CPU per call, its process tree and,
	// when the engine owns it, the PostgreSQL cluster (DatabaseCPUNs is
	// that part alone). Null when the server runs elsewhere or in the
	// driver's process.
	ServerCPUNs   *float64 `json:"server_cpu_ns_per_call"`
	DatabaseCPUNs *float64 `json:"database_cpu_ns_per_call"`
	ServerScope   string   `json:"server_scope"`
	// CPUSource names how server CPU was read and its resolution.
	CPUSource string `json:"cpu_source,omitempty"`
	// AllocsPerCall and BytesPerCall are heap allocations of the driver
	// process per call (runtime.ReadMemStats at the window's edges, the
	// method testing uses); AllocScope says whose.
	AllocsPerCall float64 `json:"allocs_per_call"`
	BytesPerCall  float64 `json:"alloc_bytes_per_call"`
	AllocScope    string  `json:"alloc_scope"`
}

// Rate is an open-loop run's target and outcome.
type Rate struct {
	Target   float64 `json:"target_per_s"`
	Achieved float64 `json:"achieved_per_s"`
	// Sent counts the calls intended in the window that were sent.
	Sent int64 `json:"sent"`
	// Backlog counts the calls intended in the window that were still
	// unsent when it closed; each enters Latency as a lower bound (its
	// wait until the window closed).
	Backlog int64 `json:"backlog"`
	// MaxLag is the worst delay of a send behind its intended time within
	// the window (warm-up excluded): queueing for a free worker.
	MaxLag Duration `json:"max_lag"`
	// Pacer is the dispatcher's own lateness on sends it was on time for:
	// timer error, which every latency of the run includes.
	Pacer *Histogram `json:"pacer_lateness,omitempty"`
	// Missed is set when the figures need a caveat; Reasons says why.
	Missed  bool     `json:"missed"`
	Reasons []string `json:"reasons,omitempty"`
}

// Duration is a time.Duration that encodes as a string in JSON ("1.5s").
type Duration time.Duration

// MarshalJSON encodes d as a Go duration string.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// UnmarshalJSON decodes a Go duration string.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("results: duration: %w", err)
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("results: duration: %w", err)
	}
	*d = Duration(v)
	return nil
}

// Float returns a pointer to v, for the figures that may be null.
func Float(v float64) *float64 { return &v }
