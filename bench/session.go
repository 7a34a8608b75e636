package bench

import (
	"context"
	"fmt"

	"github.com/intbench/intbench/results"
	"github.com/intbench/intbench/scenarios"
	"github.com/intbench/intbench/transports"
)

// Session is one served pattern, ready to measure cells against. Run opens
// one per transport; the `go test -bench` matrix keeps one across the
// iterations of a benchmark.
type Session struct {
	plan   *Plan
	tr     transports.Transport
	served *Served
}

// Open serves transport name as the plan says (or targets p.Target). The
// plan is completed with defaults and validated.
func Open(ctx context.Context, p Plan, name string) (*Session, error) {
	p.Defaults()
	if err := p.Validate(); err != nil {
		return nil, err
	}
	tr, err := transports.Lookup(name)
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	if p.Backend == "memory" && transports.NeedsPostgres(tr) {
		return nil, fmt.Errorf("bench: %s needs the postgres backend", name)
	}
	served, err := p.launch(ctx, tr)
	if err != nil {
		return nil, err
	}
	return &Session{plan: &p, tr: tr, served: served}, nil
}

// Served returns the running server.
func (s *Session) Served() *Served { return s.served }

// Measure runs repetition rep of scenario sc with conc workers, bounded by
// win, and returns it with the client's settings.
func (s *Session) Measure(ctx context.Context, sc scenarios.Scenario, conc, rep int, win Window) (results.Run, map[string]string, error) {
	return s.plan.runOnce(ctx, cellSpec{tr: s.tr, served: s.served, scenario: sc, conc: conc, win: win}, rep)
}

// Probe measures the exact wire bytes of each operation of sc.
func (s *Session) Probe(ctx context.Context, sc scenarios.Scenario) (map[string]results.OpProbe, error) {
	return s.plan.probe(ctx, s.tr, s.served.Addr, sc)
}

// Close stops the server.
func (s *Session) Close() error { return s.served.Close() }
