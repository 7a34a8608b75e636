package bench

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/intbench/intbench/results"
	"github.com/intbench/intbench/scenarios"
	"github.com/intbench/intbench/transports"
)

// cellSpec is one cell of the matrix.
type cellSpec struct {
	tr       transports.Transport
	served   *Served
	scenario scenarios.Scenario
	conc     int
	win      Window
}

// Window is how one repetition is bounded: an unmeasured warm-up, then a
// measured window of Duration, or of Calls calls when Calls is positive.
type Window struct {
	Warmup   time.Duration
	Duration time.Duration
	Calls    int64
}

func (p *Plan) window() Window { return Window{Warmup: p.Warmup, Duration: p.Duration, Calls: p.Calls} }

// snapshot is the state of the counters at a window edge.
type snapshot struct {
	at        time.Time
	wire      Wire
	cpu       time.Duration
	serverCPU time.Duration
	objs, mem uint64
}

func (p *Plan) take(wc *WireCounter, s *Served, a *allocSampler) (snapshot, error) {
	snap := snapshot{at: time.Now(), wire: wc.Snapshot(), cpu: selfCPU()}
	snap.objs, snap.mem = a.read()
	if s.CPU != nil {
		c, err := s.CPU()
		if err != nil {
			return snap, err
		}
		snap.serverCPU = c
	}
	return snap, nil
}

// runOnce measures one repetition of a cell with a fresh client.
func (p *Plan) runOnce(ctx context.Context, c cellSpec, rep int) (results.Run, map[string]string, error) {
	wc := NewWireCounter()
	client, err := c.tr.Dial(ctx, c.served.Addr, transports.DialConfig{Dial: wc.Dial(nil)})
	if err != nil {
		return results.Run{}, nil, fmt.Errorf("bench: dial %s at %s: %w", c.tr.Name(), c.served.Addr, err)
	}
	defer client.Close()
	settings := transports.SettingsOf(client)
	run, err := p.drive(ctx, client, wc, c, rep)
	return run, settings, err
}

// drive runs one repetition's load against client.
func (p *Plan) drive(ctx context.Context, client transports.Client, wc *WireCounter, c cellSpec, rep int) (results.Run, error) {
	open := p.Rate > 0
	l := &loop{client: client, win: newWindow(c.win.Calls)}
	tag := fmt.Sprintf("%s-%x-r%d", c.scenario.Name, time.Now().UnixNano(), rep)
	for i := range c.conc {
		l.workers = append(l.workers, scenarios.NewWorker(c.scenario, p.Seed, p.Seed.Seed+uint64(rep), i, tag))
		l.recs = append(l.recs, newRecorder(open))
		l.guards = append(l.guards, newGuard(ctx))
	}
	l.exited = make([]atomic.Bool, c.conc)
	wdCtx, stopWatchdog := context.WithCancel(ctx)
	defer stopWatchdog()
	go watchdog(wdCtx, l.guards, p.CallTimeout)

	var wg sync.WaitGroup
	lag := func() time.Duration { return 0 }
	if open {
		lag = l.openLoop(&wg, p.Rate, p.Arrival == Poisson, p.Seed.Seed+uint64(rep))
	} else {
		l.closedLoop(&wg)
	}
	before, after, err := p.measure(ctx, l, c, wc)
	l.stop.Store(true)
	stuck := p.drain(&wg, l, client)
	if err != nil {
		return results.Run{Stuck: stuck}, err
	}
	run, err := p.buildRun(l, before, after, c.served.CPU == nil)
	if open {
		run.Rate = rateOf(p.Rate, run, lag())
	}
	run.Stuck = stuck
	return run, err
}

// measure waits out the warm-up, opens the window, waits for it to fill
// and closes it, returning the counters at both edges.
func (p *Plan) measure(ctx context.Context, l *loop, c cellSpec, wc *WireCounter) (before, after snapshot, err error) {
	a := newAllocSampler()
	if err := sleep(ctx, c.win.Warmup); err != nil {
		return before, after, err
	}
	if before, err = p.take(wc, c.served, a); err != nil {
		return before, after, err
	}
	l.win.start.Store(before.at.UnixNano())
	if c.win.Calls > 0 {
		select {
		case <-l.win.full:
		case <-ctx.Done():
			return before, after, ctx.Err()
		}
	} else if err := sleep(ctx, c.win.Duration); err != nil {
		return before, after, err
	}
	endAt := time.Now()
	l.win.end.Store(endAt.UnixNano())
	after, err = p.take(wc, c.served, a)
	after.at = endAt
	return before, after, err
}

// drain stops the workers, abandoning calls that ignore cancellation: it
// waits a call timeout, closes the client to break stuck connections, waits
// as long again and reports how many workers never returned (they are
// abandoned: the run ends regardless).
func (p *Plan) drain(wg *sync.WaitGroup, l *loop, client transports.Client) int64 {
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
		return 0
	case <-time.After(p.CallTimeout + 2*time.Second):
	}
	for _, g := range l.guards {
		g.stop()
	}
	_ = client.Close()
	select {
	case <-done:
		return 0
	case <-time.After(p.CallTimeout + time.Second):
	}
	var stuck int64
	for _, g := range l.guards {
		if g.started.Load() != 0 {
			stuck++
		}
	}
	return stuck
}

// buildRun merges the recorders of the workers that have exited; an
// abandoned worker's recorder may still be written to, so it is left out.
func (p *Plan) buildRun(l *loop, before, after snapshot, inProcess bool) (results.Run, error) {
	var recs []*recorder
	for i, r := range l.recs {
		if l.exited[i].Load() {
			recs = append(recs, r)
		}
	}
	m := mergeRecorders(recs, p.Rate > 0)
	window := after.at.Sub(before.at)
	run := results.Run{Calls: m.calls, Errors: m.errs, Kinds: m.kindCounts(), Window: results.Duration(window)}
	if m.calls == 0 {
		return run, errors.New("bench: no call completed in the measured window")
	}
	calls := float64(m.calls)
	run.Throughput = calls / window.Seconds()
	var err error
	if run.Latency, err = results.FromHDR(m.lat); err != nil {
		return run, err
	}
	if m.svc != nil {
		h, err := results.FromHDR(m.svc)
		if err != nil {
			return run, err
		}
		run.Service = &h
	}
	w := after.wire.Sub(before.wire)
	run.Wire = results.WireTotals{Out: w.Out, In: w.In, Dials: w.Dials, OutPerCall: float64(w.Out) / calls, InPerCall: float64(w.In) / calls}
	run.Cost = results.Cost{
		ClientCPUNs:     float64(after.cpu-before.cpu) / calls,
		ServerCPUNs:     float64(after.serverCPU-before.serverCPU) / calls,
		ServerInProcess: inProcess,
		AllocsPerCall:   float64(after.objs-before.objs) / calls,
		BytesPerCall:    float64(after.mem-before.mem) / calls,
	}
	return run, nil
}

func rateOf(target float64, run results.Run, lag time.Duration) *results.Rate {
	r := &results.Rate{Target: target, Achieved: run.Throughput, MaxLag: results.Duration(lag)}
	r.Missed = r.Achieved < 0.95*target || lag > time.Second
	return r
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
