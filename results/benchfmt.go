package results

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
)

func init() {
	register(Format{Name: "benchfmt", Summary: "Go benchmark format, one line per run, for benchstat -col /transport", Ext: ".txt",
		Renderer: RendererFunc(renderBenchfmt)})
}

// BenchPrefix is the name of the benchmark both `go test -bench` (package
// bench) and the benchfmt renderer report: its sub-benchmarks are the
// cell's labels as key=value parts.
const BenchPrefix = "BenchmarkMatrix"

// BenchUnits are the unit metadata lines of the benchmark format: the
// probe's wire bytes are exact, so benchstat may compare one run with one.
var BenchUnits = []string{"Unit wire-B/op assume=exact"}

// BenchConfig is one configuration line ("key: value") of the benchmark
// format; it applies to every result after it.
type BenchConfig struct{ Key, Value string }

// WriteBenchHeader writes the unit metadata and configuration lines.
func WriteBenchHeader(w io.Writer, cfg []BenchConfig) error {
	bw := bufio.NewWriter(w)
	for _, u := range BenchUnits {
		fmt.Fprintln(bw, u)
	}
	for _, c := range cfg {
		fmt.Fprintf(bw, "%s: %s\n", c.Key, c.Value)
	}
	return bw.Flush()
}

// BenchPart is one sub-benchmark part, key=value, with whitespace (which
// the format cannot hold in a name) replaced.
func BenchPart(key, value string) string {
	return key + "=" + strings.Join(strings.Fields(value), "_")
}

// BenchMetric is one value and unit of a benchmark result line.
type BenchMetric struct {
	Value float64
	Unit  string
}

// BenchMetrics are a run's figures in the units of the benchmark matrix:
// ns/op (window over completed calls), B/op and allocs/op of the driver
// process, p50-ns, p99-ns and p999-ns of successful calls, errors/op,
// the exact wire-B/op and ctl-B/op of the probe when probed, and the CPU
// per call where it was measured. An unknown figure is left out, never 0.
func BenchMetrics(r Run, probe ProbeFigures, probed bool) []BenchMetric {
	n := float64(r.Completed)
	if n == 0 {
		n = float64(r.Calls)
	}
	var m []BenchMetric
	if n > 0 {
		m = append(m, BenchMetric{float64(time.Duration(r.Window)) / n, "ns/op"})
	}
	m = append(m, BenchMetric{r.Cost.BytesPerCall, "B/op"}, BenchMetric{r.Cost.AllocsPerCall, "allocs/op"})
	if r.Latency.Count > 0 {
		m = append(m, BenchMetric{float64(r.Latency.P50), "p50-ns"}, BenchMetric{float64(r.Latency.P99), "p99-ns"},
			BenchMetric{float64(r.Latency.P999), "p999-ns"})
	}
	if r.Calls > 0 {
		m = append(m, BenchMetric{float64(r.Errors) / float64(r.Calls), "errors/op"})
	}
	if probed {
		m = append(m, BenchMetric{probe.Wire(), "wire-B/op"}, BenchMetric{probe.Control(), "ctl-B/op"})
	}
	if p := r.Cost.ClientCPUNs; p != nil {
		m = append(m, BenchMetric{*p, "client-cpu-ns/op"})
	}
	if p := r.Cost.ServerCPUNs; p != nil {
		m = append(m, BenchMetric{*p, "server-cpu-ns/op"})
	}
	return m
}

// renderBenchfmt writes one result line per run, named
// BenchmarkMatrix/transport=…/scenario=…/backend=…/load=…[/fault=…]-P, with
// the configuration lines of the environment and, before the cells they
// apply to, the CPU scopes.
func renderBenchfmt(s Sink, d *Document) error {
	w, err := s.Part("")
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	cfg := []BenchConfig{{"goos", d.Env.GOOS}, {"goarch", d.Env.GOARCH}, {"pkg", "github.com/intbench/intbench/bench"}, {"cpu", d.Env.CPU}}
	if d.Env.Commit != "" {
		cfg = append(cfg, BenchConfig{"commit", d.Env.Commit})
	}
	if d.Incomplete {
		cfg = append(cfg, BenchConfig{"incomplete", "true (the run was interrupted; cells may lack runs)"})
	}
	cfg = append(cfg, scopeConfig(d)...)
	if err := WriteBenchHeader(bw, cfg); err != nil {
		return err
	}
	scs := d.Scenarios()
	for i := range d.Cells {
		c := &d.Cells[i]
		probe, probed := d.TrustedProbe(c, scs)
		name := benchName(c, d.Env.GOMAXPROCS)
		for _, r := range c.Runs {
			iters := r.Completed
			if iters == 0 {
				iters = r.Calls
			}
			if iters == 0 {
				continue // nothing ended: no per-call figure exists
			}
			fmt.Fprintf(bw, "%s %d", name, iters)
			for _, m := range BenchMetrics(r, probe, probed) {
				fmt.Fprintf(bw, " %s %s", num(m.Value, 4), m.Unit)
			}
			fmt.Fprintln(bw)
		}
	}
	return bw.Flush()
}

func benchName(c *Cell, procs int) string {
	var parts []string
	for _, kv := range strings.Split(Key(c.Labels), "/") {
		k, v, _ := strings.Cut(kv, "=")
		parts = append(parts, BenchPart(k, v))
	}
	if procs < 1 {
		procs = 1
	}
	return fmt.Sprintf("%s/%s-%d", BenchPrefix, strings.Join(parts, "/"), procs)
}

// scopeConfig says what the CPU and allocation figures include. It is
// written once, at the top: a configuration line that changed between
// cells would split benchstat's tables, so scopes that vary say so.
func scopeConfig(d *Document) []BenchConfig {
	var out []BenchConfig
	for _, sc := range []struct {
		key string
		of  func(Cost) string
	}{
		{"client-cpu", func(c Cost) string { return c.ClientScope }},
		{"server-cpu", func(c Cost) string { return c.ServerScope }},
		{"allocs", func(c Cost) string { return c.AllocScope }},
	} {
		seen := map[string]bool{}
		for _, c := range d.Cells {
			for _, r := range c.Runs {
				if v := sc.of(r.Cost); v != "" {
					seen[v] = true
				}
			}
		}
		switch len(seen) {
		case 0:
		case 1:
			for v := range seen {
				out = append(out, BenchConfig{sc.key, v})
			}
		default:
			out = append(out, BenchConfig{sc.key, "varies by cell (the results document says each)"})
		}
	}
	return out
}
