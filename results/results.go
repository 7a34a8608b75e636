package results

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"
)

// Schema names the version of the document format.
const Schema = "intbench.results/v1"

// Document is one results file.
type Document struct {
	Schema  string          `json:"schema"`
	Created time.Time       `json:"created"`
	Env     Environment     `json:"environment"`
	Plan    json.RawMessage `json:"plan,omitempty"`
	Cells   []Cell          `json:"cells"`
	// Failures lists the transports that could not be measured, and why.
	Failures []Failure `json:"failures,omitempty"`
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
	// alone, where the pattern reports them; -1 when it does not.
	BodyOut int64 `json:"body_out_bytes"`
	BodyIn  int64 `json:"body_in_bytes"`
}

// Run is one repetition of a cell.
type Run struct {
	Calls  int64            `json:"calls"`
	Errors int64            `json:"errors"`
	Kinds  map[string]int64 `json:"error_kinds,omitempty"`
	// Window is the measured time, warm-up excluded.
	Window     Duration `json:"window"`
	Throughput float64  `json:"throughput_per_s"`
	// Latency counts from the intended send time (open loop) or the actual
	// send time (closed loop, where the two are the same).
	Latency Histogram `json:"latency"`
	// Service is the uncorrected service time of an open-loop run.
	Service *Histogram `json:"service_time,omitempty"`
	Wire    WireTotals `json:"wire"`
	Cost    Cost       `json:"cost"`
	// Rate holds the open-loop target and what was achieved.
	Rate *Rate `json:"rate,omitempty"`
	// Stuck counts calls that ignored cancellation and were abandoned.
	Stuck int64 `json:"stuck,omitempty"`
}

// WireTotals is the traffic of a measured window.
type WireTotals struct {
	Out        int64   `json:"out_bytes"`
	In         int64   `json:"in_bytes"`
	Dials      int64   `json:"dials"`
	OutPerCall float64 `json:"out_bytes_per_call"`
	InPerCall  float64 `json:"in_bytes_per_call"`
}

// Cost is CPU time and allocation per call.
type Cost struct {
	ClientCPUNs float64 `json:"client_cpu_ns_per_call"`
	ServerCPUNs float64 `json:"server_cpu_ns_per_call"`
	// ServerInProcess means client and server shared a process, so
	// ClientCPUNs is the total and ServerCPUNs is not separable (0).
	ServerInProcess bool    `json:"server_in_process"`
	AllocsPerCall   float64 `json:"client_allocs_per_call"`
	BytesPerCall    float64 `json:"client_alloc_bytes_per_call"`
}

// Rate is an open-loop run's target and outcome.
type Rate struct {
	Target   float64 `json:"target_per_s"`
	Achieved float64 `json:"achieved_per_s"`
	// Missed is set when the generator could not send at the target rate
	// (achieved below 95% of target, or sends fell behind schedule by more
	// than a second): the latencies then include queueing in the driver.
	Missed bool     `json:"missed"`
	MaxLag Duration `json:"max_lag"`
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

// LabelOrder is the order of labels in a key.
var LabelOrder = []string{"transport", "scenario", "backend", "load", "fault", "profile"}

// Key joins labels in LabelOrder, then any others sorted.
func Key(labels map[string]string) string {
	var parts []string
	seen := map[string]bool{}
	for _, k := range LabelOrder {
		if v, ok := labels[k]; ok {
			parts = append(parts, k+"="+v)
			seen[k] = true
		}
	}
	var rest []string
	for k := range labels {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		parts = append(parts, k+"="+labels[k])
	}
	return strings.Join(parts, "/")
}

// Write encodes d as indented JSON.
func (d *Document) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		return fmt.Errorf("results: encode: %w", err)
	}
	return nil
}

// WriteFile writes d to path.
func (d *Document) WriteFile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("results: %w", err)
	}
	if err := d.Write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	return nil
}

// Read decodes a document and checks its schema.
func Read(r io.Reader) (*Document, error) {
	var d Document
	dec := json.NewDecoder(r)
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("results: decode: %w", err)
	}
	if d.Schema != Schema {
		return nil, fmt.Errorf("results: unsupported schema %q (want %q)", d.Schema, Schema)
	}
	return &d, nil
}

// ReadFile reads a document from path.
func ReadFile(path string) (*Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	defer f.Close()
	return Read(f)
}
