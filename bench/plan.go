package bench

import (
	"errors"
	"fmt"
	"time"

	"github.com/intbench/intbench/scenarios"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// Arrival processes of an open-loop load.
const (
	Uniform = "uniform"
	Poisson = "poisson"
)

// Plan is everything a run needs: which patterns, which workloads, how hard,
// how long and how often. The zero values of the optional fields take the
// defaults of Defaults.
type Plan struct {
	Transports  []string             `json:"transports"`
	Scenarios   []scenarios.Scenario `json:"scenarios"`
	Concurrency []int                `json:"concurrency"`
	// Rate is the open-loop target in calls per second, spread over the
	// workers; 0 means a closed loop (each worker calls back to back).
	Rate    float64 `json:"rate,omitempty"`
	Arrival string  `json:"arrival,omitempty"`
	// Backend is memory or postgres.
	Backend string `json:"backend"`
	// Target is the address of an already running server of the single
	// transport in Transports; empty means the engine serves it.
	Target   string        `json:"target,omitempty"`
	Warmup   time.Duration `json:"warmup"`
	Duration time.Duration `json:"duration"`
	// Calls, when positive, bounds each measured window by a call count
	// instead of Duration.
	Calls int64 `json:"calls,omitempty"`
	// CallTimeout bounds every call; a call that ignores it is abandoned.
	CallTimeout time.Duration      `json:"call_timeout"`
	Count       int                `json:"count"`
	Seed        service.SeedConfig `json:"seed"`
	// Launcher serves the patterns; nil means in this process.
	Launcher Launcher `json:"-"`
	// Probe measures exact per-call wire bytes before each cell.
	Probe bool `json:"probe"`
}

// Defaults fills unset fields.
func (p *Plan) Defaults() {
	if len(p.Concurrency) == 0 {
		p.Concurrency = []int{16}
	}
	if p.Arrival == "" {
		p.Arrival = Uniform
	}
	if p.Backend == "" {
		p.Backend = "memory"
	}
	if p.Warmup == 0 {
		p.Warmup = 500 * time.Millisecond
	}
	if p.Duration == 0 && p.Calls == 0 {
		p.Duration = 2 * time.Second
	}
	if p.CallTimeout == 0 {
		p.CallTimeout = 10 * time.Second
	}
	if p.Count == 0 {
		p.Count = 1
	}
	if p.Seed.Customers == 0 {
		p.Seed = service.DefaultSeed()
	}
}

// Validate reports a plan that cannot run, naming the problem.
func (p *Plan) Validate() error {
	var errs []error
	if len(p.Transports) == 0 {
		errs = append(errs, errors.New("no transports"))
	}
	for _, t := range p.Transports {
		if _, err := transports.Lookup(t); err != nil {
			errs = append(errs, err)
		}
	}
	if len(p.Scenarios) == 0 {
		errs = append(errs, errors.New("no scenarios"))
	}
	for _, s := range p.Scenarios {
		if err := s.Validate(); err != nil {
			errs = append(errs, err)
		}
	}
	for _, c := range p.Concurrency {
		if c < 1 || c > 4096 {
			errs = append(errs, fmt.Errorf("concurrency %d out of range 1..4096", c))
		}
	}
	for _, c := range []struct {
		bad bool
		err error
	}{
		{p.Rate < 0, fmt.Errorf("rate %g must not be negative", p.Rate)},
		{p.Arrival != Uniform && p.Arrival != Poisson, fmt.Errorf("arrival %q: want uniform or poisson", p.Arrival)},
		{p.Backend != "memory" && p.Backend != "postgres", fmt.Errorf("backend %q: want memory or postgres", p.Backend)},
		{p.Target != "" && len(p.Transports) != 1, errors.New("a target address needs exactly one transport")},
		{p.Warmup < 0 || p.Duration < 0 || p.Calls < 0, errors.New("warm-up, duration and calls must not be negative")},
		{p.CallTimeout <= 0, fmt.Errorf("call timeout %v must be positive", p.CallTimeout)},
		{p.Count < 1 || p.Count > 1000, fmt.Errorf("count %d out of range 1..1000", p.Count)},
	} {
		if c.bad {
			errs = append(errs, c.err)
		}
	}
	if err := p.Seed.Validate(); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("bench: invalid plan: %w", err)
	}
	return nil
}
