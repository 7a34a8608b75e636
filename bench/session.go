package bench

import (
	"context"
	"errors"

	"github.com/intbench/intbench/results"
	"github.com/intbench/intbench/scenarios"
	"github.com/intbench/intbench/transports"
)

// Session is one served pattern, ready to measure cells against. Run opens
// one per transport and block; the `go test -bench` matrix keeps one
// across the iterations of a benchmark.
type Session struct {
	plan *Plan
	tr   transports.Transport
	stand
	drop func() error // drops the session's database
	own  *stage       // the stage Open made for this session alone
}

// Open serves transport name as the plan says (or targets p.Target). The
// plan is completed with defaults and validated.
func Open(ctx context.Context, p Plan, name string) (*Session, error) {
	p.Defaults()
	if err := p.Validate(); err != nil {
		return nil, err
	}
	st, err := newStage(ctx, &p)
	if err != nil {
		return nil, err
	}
	s, err := st.open(ctx, name)
	if err != nil {
		return nil, errors.Join(err, st.Close())
	}
	s.own = st
	return s, nil
}

// Served returns the running server.
func (s *Session) Served() *Served { return s.served }

// Measure runs repetition rep of scenario sc with conc workers (at the
// plan's rate, if it has one), bounded by win, and returns it with the
// client's settings.
func (s *Session) Measure(ctx context.Context, sc scenarios.Scenario, conc, rep int, win Window) (results.Run, map[string]string, error) {
	c := Cell{Transport: s.tr.Name(), Scenario: sc, Backend: s.plan.Backend,
		Load: Load{Workers: conc, Rate: s.plan.Rate, Arrival: s.plan.Arrival}}
	return s.plan.runOnce(ctx, &s.stand, c, win, rep)
}

// Probe measures the exact wire bytes of each operation of sc.
func (s *Session) Probe(ctx context.Context, sc scenarios.Scenario) (map[string]results.OpProbe, error) {
	return s.plan.probe(ctx, s.tr, s.probeAddr, sc)
}

// settings are the cell settings of this session's server.
func (s *Session) settings(database string) map[string]string {
	out := map[string]string{"server": s.served.Where, "database": database}
	for k, v := range s.served.Settings {
		out["server."+k] = v
	}
	return out
}

// Close stops the server and its hops' proxies and drops its database.
func (s *Session) Close() error {
	err := errors.Join(s.served.Close(), s.closeHops())
	if s.drop != nil {
		err = errors.Join(err, s.drop())
	}
	if s.own != nil {
		err = errors.Join(err, s.own.Close())
	}
	return err
}
