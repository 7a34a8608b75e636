package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"strconv"
	"time"

	"github.com/intbench/intbench/results"
	"github.com/intbench/intbench/scenarios"
	"github.com/intbench/intbench/transports"
)

// Progress receives one line per event of a run (a server started, a cell
// measured); nil discards them.
type Progress func(format string, args ...any)

// Run measures every cell of the plan: for each transport it serves the
// pattern once (or uses Target), then for each scenario probes the exact
// wire bytes and runs each concurrency Count times. A transport that fails
// is recorded in the document's failures and the others still run; Run
// returns an error only for an invalid plan or a cancelled context.
func Run(ctx context.Context, p Plan, progress Progress) (*results.Document, error) {
	p.Defaults()
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if progress == nil {
		progress = func(string, ...any) {}
	}
	planJSON, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("bench: encode plan: %w", err)
	}
	doc := &results.Document{Schema: results.Schema, Created: time.Now().UTC(), Env: results.CurrentEnvironment(), Plan: planJSON}
	for _, name := range p.Transports {
		cells, err := p.runTransport(ctx, name, progress)
		doc.Cells = append(doc.Cells, cells...)
		if ctx.Err() != nil {
			return doc, fmt.Errorf("bench: run interrupted: %w", ctx.Err())
		}
		if err != nil {
			progress("%s: %v", name, err)
			doc.Failures = append(doc.Failures, results.Failure{Transport: name, Error: err.Error()})
		}
	}
	return doc, nil
}

func (p *Plan) launch(ctx context.Context, tr transports.Transport) (*Served, error) {
	if p.Target != "" {
		return target(p.Target), nil
	}
	l := p.Launcher
	if l == nil {
		l = InProcess{}
	}
	return l.Launch(ctx, tr, p.Backend, p.Seed)
}

func (p *Plan) runTransport(ctx context.Context, name string, progress Progress) ([]results.Cell, error) {
	s, err := Open(ctx, *p, name)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	progress("%s: serving at %s (%s, backend %s)", name, s.served.Addr, s.served.Where, p.Backend)
	var cells []results.Cell
	for _, sc := range p.Scenarios {
		var probe map[string]results.OpProbe
		if p.Probe {
			if probe, err = s.Probe(ctx, sc); err != nil {
				return cells, err
			}
		}
		for _, conc := range p.Concurrency {
			cell, err := s.cell(ctx, sc, conc, probe)
			if err != nil {
				return cells, err
			}
			progress("%s", cellLine(cell))
			cells = append(cells, cell)
		}
	}
	return cells, nil
}

func (s *Session) cell(ctx context.Context, sc scenarios.Scenario, conc int, probe map[string]results.OpProbe) (results.Cell, error) {
	c := cellSpec{tr: s.tr, served: s.served, scenario: sc, conc: conc}
	cell := results.Cell{Labels: s.plan.labels(c), Probe: probe, Settings: map[string]string{"server": s.served.Where}}
	for k, v := range s.served.Settings {
		cell.Settings["server."+k] = v
	}
	cell.Key = results.Key(cell.Labels)
	for rep := range s.plan.Count {
		run, settings, err := s.Measure(ctx, sc, conc, rep, s.plan.window())
		if err != nil {
			return cell, fmt.Errorf("%s: %w", cell.Key, err)
		}
		maps.Copy(cell.Settings, settings)
		cell.Runs = append(cell.Runs, run)
	}
	return cell, cell.Summarize()
}

func (p *Plan) labels(c cellSpec) map[string]string {
	load := "closed-c" + strconv.Itoa(c.conc)
	if p.Rate > 0 {
		load = fmt.Sprintf("open-%s-r%g-c%d", p.Arrival, p.Rate, c.conc)
	}
	return map[string]string{"transport": c.tr.Name(), "scenario": c.scenario.Name, "backend": p.Backend, "load": load}
}

func cellLine(c results.Cell) string {
	s := c.Summary
	return fmt.Sprintf("%-60s %9.0f/s  p50 %8s  p99 %8s  errors %d", c.Key, s.Throughput.Median,
		time.Duration(s.P50.Median).Round(time.Microsecond), time.Duration(s.P99.Median).Round(time.Microsecond), s.Errors)
}
