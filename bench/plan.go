package bench

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/intbench/intbench/faults"
	"github.com/intbench/intbench/results"
	"github.com/intbench/intbench/scenarios"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// Arrival processes of an open-loop load.
const (
	Uniform = "uniform"
	Poisson = "poisson"
)

// Backends a plan can name; a target server's is unknown.
const (
	BackendMemory   = "memory"
	BackendPostgres = "postgres"
	BackendUnknown  = "unknown"
)

// MaxCallTimeout is the longest call timeout the latency histograms can
// hold: a hung call is recorded at twice the timeout, and an open loop's
// latency adds queueing, so the timeout stays well under a third of the
// histogram's range.
const MaxCallTimeout = time.Duration(results.HistMax) / 3

// MaxRate bounds an open loop's target: beyond it the dispatcher's own
// clock reads would be the measurement.
const MaxRate = 1e7

// Plan is everything a run needs: which patterns, which workloads, how hard,
// how long and how often. The zero values of the optional fields take the
// defaults of Defaults, but Warmup, whose zero means no warm-up.
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
	// CallTimeout bounds every call: the engine cancels a call at the
	// timeout and abandons it (as hung) at twice the timeout.
	CallTimeout time.Duration `json:"call_timeout"`
	// Count is the number of repetitions of every cell. They run in
	// interleaved blocks (see Run).
	Count int                `json:"count"`
	Seed  service.SeedConfig `json:"seed"`
	// Launcher serves the patterns; nil means in this process.
	Launcher Launcher `json:"-"`
	// Probe measures exact per-call wire bytes before each cell.
	Probe bool `json:"probe"`
	// Faults are the plan's faults ("reset", "db:restart", "matrix"):
	// each makes fault cells that run a FaultTimeline. Empty: no fault.
	Faults []string `json:"faults,omitempty"`
	// Profiles are the clients' resilience profiles (see
	// transports.Profiles); empty means the default profile.
	Profiles []string `json:"profiles,omitempty"`
	// Timeline shapes the fault cells; zero fields take its defaults.
	Timeline FaultTimeline `json:"timeline,omitzero"`
	// Network is a steady network condition between the caller and the
	// service for every cell ("wan", "rtt=30ms,bw=50mbit"; see
	// faults.Networks): on the app hop of the server patterns, on
	// shareddb's link to PostgreSQL. Empty: loopback as it is.
	Network string `json:"network,omitempty"`
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
		p.Backend = BackendMemory
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
	if len(p.Profiles) == 0 {
		p.Profiles = []string{transports.ProfileDefault}
	}
	if len(p.Faults) > 0 {
		hardened, _ := transports.LookupProfile(transports.ProfileHardened)
		p.Timeline.defaults(hardened.CallTimeout)
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
		if c < 1 || c > transports.DefaultMaxConns {
			errs = append(errs, fmt.Errorf("concurrency %d out of range 1..%d (the connections a server accepts)", c, transports.DefaultMaxConns))
		}
	}
	for _, c := range []struct {
		bad bool
		err error
	}{
		{p.Rate < 0 || p.Rate > MaxRate, fmt.Errorf("rate %g out of range 0..%g", p.Rate, float64(MaxRate))},
		{p.Arrival != Uniform && p.Arrival != Poisson, fmt.Errorf("arrival %q: want uniform or poisson", p.Arrival)},
		{p.Backend != BackendMemory && p.Backend != BackendPostgres, fmt.Errorf("backend %q: want memory or postgres", p.Backend)},
		{p.Target != "" && len(p.Transports) != 1, errors.New("a target address needs exactly one transport")},
		{p.Warmup < 0 || p.Duration < 0 || p.Calls < 0, errors.New("warm-up, duration and calls must not be negative")},
		{p.CallTimeout <= 0 || p.CallTimeout > MaxCallTimeout, fmt.Errorf("call timeout %v out of range: want more than 0 and at most %v, a third of the latency histogram's range", p.CallTimeout, MaxCallTimeout)},
		{p.Count < 1 || p.Count > 1000, fmt.Errorf("count %d out of range 1..1000", p.Count)},
	} {
		if c.bad {
			errs = append(errs, c.err)
		}
	}
	if err := p.Seed.Validate(); err != nil {
		errs = append(errs, err)
	}
	errs = append(errs, p.validateFaults()...)
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("bench: invalid plan: %w", err)
	}
	return nil
}

func (p *Plan) validateFaults() []error {
	var errs []error
	if p.Network != "" {
		if _, err := faults.ParseNetwork(p.Network); err != nil {
			errs = append(errs, err)
		}
		if p.Target != "" {
			errs = append(errs, errors.New("a network needs servers the engine runs, not a target"))
		}
	}
	for _, name := range p.Profiles {
		if _, err := transports.LookupProfile(name); err != nil {
			errs = append(errs, err)
		}
	}
	if len(p.Faults) == 0 {
		return errs
	}
	fs, err := ExpandFaults(p.Faults)
	if err != nil {
		errs = append(errs, err)
	}
	if err := p.Timeline.validate(); err != nil {
		errs = append(errs, err)
	}
	if p.Target != "" {
		errs = append(errs, errors.New("faults need servers the engine runs, not a target"))
	}
	for _, f := range fs {
		if f.Hop == HopDB && p.Backend != BackendPostgres {
			errs = append(errs, fmt.Errorf("fault %s is on the database hop: it needs the postgres backend", f.Label()))
		}
	}
	return errs
}

// Load is how hard a cell drives its pattern.
type Load struct {
	Workers int
	// Rate is the open-loop target in calls per second; 0 is a closed loop.
	Rate    float64
	Arrival string
}

// Open reports whether l is an open loop.
func (l Load) Open() bool { return l.Rate > 0 }

// String is the load's label: closed-c16, or open-uniform-r500-c4.
func (l Load) String() string {
	if l.Open() {
		return fmt.Sprintf("open-%s-r%g-c%d", l.Arrival, l.Rate, l.Workers)
	}
	return "closed-c" + strconv.Itoa(l.Workers)
}

// Cell is one cell of a plan's matrix: everything that tells its runs
// apart from another cell's. Its labels, and so its key, come from it
// alone; adding a dimension adds a field here and a label in Labels.
type Cell struct {
	Transport string
	Scenario  scenarios.Scenario
	// Backend is what the server serves; BackendUnknown for a target.
	Backend string
	Load    Load
	// Fault, when set, makes the cell a fault cell.
	Fault *FaultSpec
	// Profile is the client's resilience profile.
	Profile string
	// Network labels the steady network condition of the cell ("" for
	// loopback as it is).
	Network string
}

// Labels are the cell's labels in the results. Fault cells always carry
// their profile; healthy cells only when it is not the default, so that
// their keys stay those of a plan without profiles.
func (c Cell) Labels() map[string]string {
	l := map[string]string{"transport": c.Transport, "scenario": c.Scenario.Name, "backend": c.Backend, "load": c.Load.String()}
	if c.Fault != nil {
		l["fault"] = c.Fault.Label()
	}
	if c.Fault != nil || (c.Profile != "" && c.Profile != transports.ProfileDefault) {
		l["profile"] = c.Profile
	}
	if c.Network != "" {
		l["network"] = c.Network
	}
	return l
}

// Key is the cell's stable key in the results.
func (c Cell) Key() string { return results.Key(c.Labels()) }

// Cells expands the plan into its cells, in report order: by transport,
// then scenario, load, fault and profile. A fault on a hop the pattern
// does not have (shareddb has no app hop) makes no cell.
func (p *Plan) Cells() []Cell {
	backend := p.Backend
	if p.Target != "" {
		backend = BackendUnknown // the server is someone else's
	}
	fs, _ := ExpandFaults(p.Faults)
	network := ""
	if n, err := faults.ParseNetwork(p.Network); err == nil && p.Network != "" {
		network = n.String()
	}
	cellFaults := []*FaultSpec{nil}
	if len(fs) > 0 {
		cellFaults = nil
		for i := range fs {
			cellFaults = append(cellFaults, &fs[i])
		}
	}
	var out []Cell
	for _, tr := range p.Transports {
		for _, sc := range p.Scenarios {
			for _, conc := range p.Concurrency {
				for _, f := range cellFaults {
					if f != nil && !hasHop(tr, f.Hop) {
						continue
					}
					for _, prof := range p.Profiles {
						out = append(out, Cell{Transport: tr, Scenario: sc, Backend: backend,
							Load: Load{Workers: conc, Rate: p.Rate, Arrival: p.Arrival}, Fault: f, Profile: prof, Network: network})
					}
				}
			}
		}
	}
	return out
}

// hasHop reports whether the pattern name has the hop: every pattern has
// the database hop; shareddb has no app hop, its consumer talks to the
// database directly.
func hasHop(name, hop string) bool {
	if hop == HopDB {
		return true
	}
	tr, err := transports.Lookup(name)
	return err == nil && !transports.NeedsPostgres(tr)
}

// window is how one repetition is bounded.
func (p *Plan) window() Window { return Window{Warmup: p.Warmup, Duration: p.Duration, Calls: p.Calls} }

// Window is how one repetition is bounded: an unmeasured warm-up, then a
// measured window of Duration, or of Calls calls when Calls is positive.
type Window struct {
	Warmup   time.Duration
	Duration time.Duration
	Calls    int64
}
