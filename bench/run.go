package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/intbench/intbench/results"
)

// Event is one step of a run, for progress displays: a server started, a
// repetition measured, a pattern that failed.
type Event struct {
	// Done counts the repetitions measured so far, of Total in the plan
	// (failed patterns' remaining ones count as done).
	Done, Total int
	// Line describes the step in one line.
	Line string
}

// Progress receives a run's events; nil discards them.
type Progress func(Event)

// Run measures every cell of the plan Count times, in interleaved blocks:
// block b serves each pattern in turn, in an order shuffled with the seed,
// over a fresh database, and measures repetition b of all its cells. Drift
// on a busy machine then spreads over every pattern instead of passing
// for a difference between them, and no block reads the rows another
// wrote. The exact wire bytes are probed once, in the first block. A
// transport that fails is recorded in the document's failures (its runs
// so far kept) and the others still run; Run returns an error only for an
// invalid plan or a cancelled context.
func Run(ctx context.Context, p Plan, progress Progress) (*results.Document, error) {
	p.Defaults()
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if progress == nil {
		progress = func(Event) {}
	}
	planJSON, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("bench: encode plan: %w", err)
	}
	doc := &results.Document{Schema: results.Schema, Created: time.Now().UTC(), Env: results.CurrentEnvironment(), Plan: planJSON}
	st, err := newStage(ctx, &p)
	if err != nil {
		for _, name := range p.Transports {
			doc.Failures = append(doc.Failures, results.Failure{Transport: name, Error: err.Error()})
		}
		return doc, nil
	}
	defer st.Close()
	r := newRecord(&p, st.database())
	r.dbSettings = st.dbSettings
	for block := range p.Count {
		for _, name := range blockOrder(p.Transports, p.Seed.Seed, block) {
			if _, failed := r.failed[name]; failed {
				continue
			}
			err := r.block(ctx, st, name, block, progress)
			if ctx.Err() != nil {
				doc.Cells, doc.Failures = r.results()
				doc.Incomplete = true
				return doc, fmt.Errorf("bench: run interrupted: %w", ctx.Err())
			}
			if err != nil {
				r.failed[name] = err
				r.done += p.Count*r.perBlock(name) - r.measured[name] // the ones it will not run
				r.event(progress, fmt.Sprintf("%s: %v", name, err))
			}
		}
	}
	doc.Cells, doc.Failures = r.results()
	if err := errors.Join(r.lost...); err != nil {
		// The document is written, but the run fails: loudly.
		return doc, err
	}
	return doc, nil
}

// blockOrder is the order in which block serves the patterns: shuffled
// with the seed, so a run can be repeated exactly.
func blockOrder(names []string, seed uint64, block int) []string {
	out := slices.Clone(names)
	rand.New(rand.NewPCG(seed, uint64(block))).Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// record gathers a run's cells across blocks.
type record struct {
	plan     *Plan
	cells    []Cell
	byKey    map[string]*results.Cell
	failed   map[string]error
	database string
	done     int            // repetitions measured (or given up), for progress
	measured map[string]int // repetitions measured, by transport
	lost     []error        // runs whose acknowledged writes the database lacks
	// dbSettings go into every cell's settings as database.*.
	dbSettings map[string]string
}

// measure runs one repetition of c on session s.
func (r *record) measure(ctx context.Context, s *Session, c Cell, block int) (results.Run, map[string]string, error) {
	if c.Fault != nil {
		return r.plan.runFault(ctx, &s.stand, c, block)
	}
	return r.plan.runOnce(ctx, &s.stand, c, r.plan.window(), block)
}

func (r *record) event(progress Progress, line string) {
	progress(Event{Done: r.done, Total: len(r.cells) * r.plan.Count, Line: line})
}

// perBlock counts the cells of transport name: its repetitions per block.
func (r *record) perBlock(name string) int {
	n := 0
	for _, c := range r.cells {
		if c.Transport == name {
			n++
		}
	}
	return n
}

func newRecord(p *Plan, database string) *record {
	r := &record{plan: p, cells: p.Cells(), byKey: map[string]*results.Cell{}, failed: map[string]error{}, database: database, measured: map[string]int{}}
	for _, c := range r.cells {
		r.byKey[c.Key()] = &results.Cell{Key: c.Key(), Labels: c.Labels(), Settings: map[string]string{}}
	}
	return r
}

// block serves one pattern and measures one repetition of its cells.
func (r *record) block(ctx context.Context, st *stage, name string, block int, progress Progress) error {
	s, err := st.open(ctx, name)
	if err != nil {
		return err
	}
	defer s.Close()
	r.event(progress, fmt.Sprintf("block %d/%d: %s serving at %s (%s, backend %s)", block+1, r.plan.Count, name, s.Served().Addr, s.Served().Where, r.plan.Backend))
	probes := map[string]map[string]results.OpProbe{}
	for _, c := range r.cells {
		if c.Transport != name {
			continue
		}
		rc := r.byKey[c.Key()]
		if block == 0 && r.plan.Probe && rc.Probe == nil {
			if probes[c.Scenario.Name] == nil {
				if probes[c.Scenario.Name], err = s.Probe(ctx, c.Scenario); err != nil {
					return err
				}
			}
			rc.Probe = probes[c.Scenario.Name]
		}
		run, settings, err := r.measure(ctx, s, c, block)
		if err != nil {
			return fmt.Errorf("%s: %w", c.Key(), err)
		}
		if w := run.Writes; w != nil && w.Lost > 0 {
			r.lost = append(r.lost, fmt.Errorf("%w: %s block %d: %d of %d", ErrLostWrites, c.Key(), block, w.Lost, w.Writes))
			r.event(progress, r.lost[len(r.lost)-1].Error())
		}
		run.Block = block
		maps.Copy(rc.Settings, s.settings(r.database))
		for k, v := range r.dbSettings {
			rc.Settings["database."+k] = v
		}
		maps.Copy(rc.Settings, settings)
		rc.Runs = append(rc.Runs, run)
		r.done++
		r.measured[name]++
		r.event(progress, runLine(c, run))
	}
	return nil
}

// results returns the measured cells in plan order, summarised, and the
// failures.
func (r *record) results() ([]results.Cell, []results.Failure) {
	var out []results.Cell
	for _, c := range r.cells {
		rc := r.byKey[c.Key()]
		if len(rc.Runs) == 0 {
			continue
		}
		if err := rc.Summarize(); err != nil {
			r.failed[c.Transport] = err
			continue
		}
		out = append(out, *rc)
	}
	var failures []results.Failure
	for _, name := range r.plan.Transports {
		if err, ok := r.failed[name]; ok {
			failures = append(failures, results.Failure{Transport: name, Error: err.Error()})
		}
	}
	return out, failures
}

func runLine(c Cell, r results.Run) string {
	return fmt.Sprintf("%-60s %9.0f/s  p50 %8s  p99 %8s  errors %d", c.Key(), r.Throughput,
		time.Duration(r.Latency.P50).Round(time.Microsecond), time.Duration(r.Latency.P99).Round(time.Microsecond), r.Errors)
}
