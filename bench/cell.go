package bench

import (
	"context"
	"fmt"
	"sync"
	"time"

	hdrhistogram "github.com/HdrHistogram/hdrhistogram-go"

	"github.com/intbench/intbench/results"
	"github.com/intbench/intbench/scenarios"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// stand is a running server as a repetition sees it: the pattern, where
// it is served and dialled, the fault proxies on its hops, and the meters
// of what the engine can measure beside it.
type stand struct {
	tr     transports.Transport
	served *Served
	// db measures the PostgreSQL cluster the engine owns; nil for memory
	// backends and external servers.
	db cpuMeter
	// dialAddr is what the cells' clients dial: the app hop's proxy in a
	// fault run (for shareddb, the database hop's), else the server.
	dialAddr string
	// probeAddr is the server's own address past every proxy: the probe
	// counts exact bytes, which faults would change (resets, retries) and
	// whose timing it does not need.
	probeAddr string
	hops      hops
	// ledgerURL is the session's database past the proxy, where a fault
	// run reads back what its writes did; "" for the memory backend.
	ledgerURL string
}

// runOnce measures one repetition of a cell with a fresh client.
func (p *Plan) runOnce(ctx context.Context, st *stand, c Cell, win Window, rep int) (results.Run, map[string]string, error) {
	client, wc, err := p.cellClient(ctx, st, c, rep)
	if err != nil {
		return results.Run{}, nil, err
	}
	defer client.Close()
	settings := transports.SettingsOf(client)
	m := meters{wire: wc, server: st.served.cpu, db: st.db}
	run, err := p.drive(ctx, client, m, c, win, rep)
	if err != nil {
		return run, settings, err
	}
	run.Cost.ClientScope, run.Cost.AllocScope, run.Cost.ServerScope = p.scopes(st)
	if c.Load.Open() {
		run.Cost.DriverCPUNs, err = p.driverCost(ctx, c, win, rep)
	}
	return run, settings, err
}

// dial is the engine's one dial site: the cells' clients and the probe
// open every connection through a byte-counting dialer that wraps the
// client configuration's own (dial timeout, TCP keepalive), so counting
// stays outermost.
func dial(ctx context.Context, tr transports.Transport, addr string, cfg transports.ClientConfig, wc *WireCounter) (transports.Client, error) {
	client, err := tr.Dial(ctx, addr, transports.DialConfig{Dial: wc.Dial(transports.NetDialer(cfg)), Client: cfg})
	if err != nil {
		return nil, fmt.Errorf("bench: dial %s at %s: %w", tr.Name(), addr, err)
	}
	return client, nil
}

// cellClient dials a fresh client of c's profile, through the cell's hop,
// with its own byte counter.
func (p *Plan) cellClient(ctx context.Context, st *stand, c Cell, rep int) (transports.Client, *WireCounter, error) {
	cfg, err := p.clientConfig(c.Profile, rep)
	if err != nil {
		return nil, nil, err
	}
	wc := NewWireCounter()
	client, err := dial(ctx, st.tr, st.dialAddr, cfg, wc)
	return client, wc, err
}

// clientConfig is the configuration of profile's clients, its retries'
// jitter seeded from the plan.
func (p *Plan) clientConfig(profile string, rep int) (transports.ClientConfig, error) {
	cfg, err := transports.LookupProfile(profile)
	if err != nil {
		return cfg, fmt.Errorf("bench: %w", err)
	}
	cfg.Retry.Seed = p.Seed.Seed + uint64(rep)
	return cfg, nil
}

// serverScope says what the server CPU figure of st includes.
func serverScope(st *stand) string {
	switch {
	case st.served.Where == WhereExternal:
		return results.ScopeUnknown
	case st.served.cpu == nil:
		return results.ScopeNotSeparable
	case st.db != nil:
		return results.ScopeServerTree
	case st.served.ExternalDatabase:
		return results.ScopeServerOnly
	}
	return results.ScopeServerProcess
}

// driverCost measures the driver's own CPU per call at an open-loop cell's
// load: the same rate and workers against a client that does nothing.
func (p *Plan) driverCost(ctx context.Context, c Cell, win Window, rep int) (*float64, error) {
	short := Window{Warmup: 50 * time.Millisecond, Duration: min(max(win.Duration, 100*time.Millisecond), 500*time.Millisecond)}
	run, err := p.drive(ctx, NopService{}, meters{wire: NewWireCounter()}, c, short, rep)
	if err != nil {
		return nil, fmt.Errorf("bench: driver cost: %w", err)
	}
	return run.Cost.ClientCPUNs, nil
}

// drive runs one repetition's load against client.
func (p *Plan) drive(ctx context.Context, client service.Service, m meters, c Cell, win Window, rep int) (results.Run, error) {
	ld := p.startLoad(ctx, client, c, rep, win.Calls, p.CallTimeout, nil)
	before, after, err := m.window(ctx, ld.loop, win)
	ld.stop()
	if err != nil {
		return results.Run{}, err
	}
	return buildRun(ld.loop, ld.disp, before, after)
}

// load is a running repetition's load: its loop, its dispatcher (open
// loop), and the tag its workers' request IDs start with.
type load struct {
	loop *loop
	disp *dispatcher
	tag  string
	stop func() // drains the workers and waits for the watchdog and dispatcher
}

// startLoad starts c's workers against client, bounded by a watchdog at
// timeout, for a window of calls calls (0: bounded by time); fc makes it a
// fault cell's load.
func (p *Plan) startLoad(ctx context.Context, client service.Service, c Cell, rep int, calls int64, timeout time.Duration, fc *faultClock) *load {
	open := c.Load.Open()
	l := newLoop(client, newWindow(calls), open, timeout)
	l.fault = fc
	ld := &load{loop: l, tag: fmt.Sprintf("%s-%x-r%d", c.Scenario.Name, time.Now().UnixNano(), rep)}
	l.newWorker = func(id int) *worker {
		wk := &worker{w: scenarios.NewWorker(c.Scenario, p.Seed, p.Seed.Seed+uint64(rep), id, ld.tag), rec: newRecorder(open), g: newGuard(ctx)}
		if fc != nil {
			wk.log = &faultLog{}
		}
		return wk
	}
	wdCtx, stopWatch := context.WithCancel(ctx)
	var bg sync.WaitGroup
	bg.Go(func() { l.watch(wdCtx) })
	if open {
		ld.disp = l.openLoop(c.Load.Workers, c.Load.Rate, c.Load.Arrival == Poisson, p.Seed.Seed+uint64(rep))
		bg.Go(ld.disp.run)
	} else {
		l.closedLoop(c.Load.Workers)
	}
	ld.stop = func() {
		l.drain()
		stopWatch()
		bg.Wait() // the watchdog and the dispatcher no longer write what the run reads
	}
	return ld
}

// buildRun folds the recorders and the counters at the window's edges into
// a run. Per-call bytes and CPU divide what the window saw by the calls
// that completed in it, the only count taken over the same interval.
func buildRun(l *loop, d *dispatcher, before, after snapshot) (results.Run, error) {
	m := l.merged()
	if d != nil {
		m.merge(d.owed)
	}
	window := time.Duration(after.at - before.at)
	run := results.Run{Calls: m.calls, Errors: m.errs, Kinds: m.kindCounts(), Classes: classCounts(&m.classes), Hung: m.hung, Clipped: m.clipped,
		Completed: m.completed, Window: results.Duration(window)}
	if m.calls == 0 {
		return run, fmt.Errorf("bench: no call in the measured window of %v", window)
	}
	run.Throughput = float64(m.completed) / window.Seconds()
	var err error
	if run.Latency, err = results.FromHDR(m.lat); err != nil {
		return run, err
	}
	if run.ErrorLatency, err = optionalHDR(m.errLat); err != nil {
		return run, err
	}
	if run.Service, err = optionalHDR(m.svc); err != nil {
		return run, err
	}
	if m.completed > 0 {
		run.Wire, run.Cost = perCall(before, after, float64(m.completed))
	}
	if d != nil {
		run.Rate, err = rateOf(d, run, window)
	}
	return run, err
}

// rateOf describes how the open loop kept its rate, and flags the figures
// when the generator's own limits show in them.
func rateOf(d *dispatcher, run results.Run, window time.Duration) (*results.Rate, error) {
	pacer, err := results.FromHDR(d.lateness)
	if err != nil {
		return nil, err
	}
	r := &results.Rate{Target: float64(time.Second) / d.mean, Achieved: float64(d.sent) / window.Seconds(),
		Sent: d.sent, Backlog: d.owed.calls, MaxLag: results.Duration(d.maxLag), Pacer: &pacer}
	lat := run.Latency
	if r.Backlog > 0 {
		r.Reasons = append(r.Reasons, results.ReasonBacklog)
	}
	if lag := time.Duration(d.maxLag); lag > time.Millisecond && lag > time.Duration(lat.P99)/10 {
		r.Reasons = append(r.Reasons, results.ReasonLag)
	}
	if pacer.Count > 0 && (pacer.P50*20 > lat.P50 || pacer.P99*20 > lat.P99) {
		r.Reasons = append(r.Reasons, results.ReasonPacer)
	}
	r.Missed = len(r.Reasons) > 0
	return r, nil
}

// optionalHDR encodes h, or gives null for a histogram that was never
// made or holds nothing.
func optionalHDR(h *hdrhistogram.Histogram) (*results.Histogram, error) {
	if h == nil || h.TotalCount() == 0 {
		return nil, nil
	}
	out, err := results.FromHDR(h)
	return &out, err
}

// NopService answers every call at once with a zero value: driven by the
// engine, what remains of a call is the driver's own cost.
type NopService struct{}

// GetCustomer returns the zero customer.
func (NopService) GetCustomer(context.Context, int64) (service.Customer, error) {
	return service.Customer{}, nil
}

// PlaceOrder returns the zero order.
func (NopService) PlaceOrder(context.Context, service.PlaceOrderRequest) (service.Order, error) {
	return service.Order{}, nil
}

// ListOrders returns an empty page.
func (NopService) ListOrders(context.Context, service.ListOrdersRequest) (service.OrderPage, error) {
	return service.OrderPage{}, nil
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
