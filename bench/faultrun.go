package bench

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/intbench/intbench/internal/backend"
	"github.com/intbench/intbench/results"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// runFault measures one repetition of a fault cell: once the server
// answers again after the previous cell, a fresh client with the cell's
// profile drives the cell's load through a timeline — a healthy baseline,
// the fault on its hop, and a recovery — then the writes are reconciled
// with what the database holds.
func (p *Plan) runFault(ctx context.Context, st *stand, c Cell, rep int) (results.Run, map[string]string, error) {
	proxy := st.hops.proxy(c.Fault.Hop)
	if proxy == nil {
		return results.Run{}, nil, fmt.Errorf("bench: %s has no %s hop to put %s on", st.tr.Name(), c.Fault.Hop, c.Fault.Label())
	}
	if err := p.awaitHealthy(ctx, st); err != nil {
		return results.Run{}, nil, err
	}
	client, wc, err := p.cellClient(ctx, st, c, rep)
	if err != nil {
		return results.Run{}, nil, err
	}
	defer client.Close()
	tl := p.Timeline
	fc := &faultClock{bucket: int64(tl.Bucket)}
	ld := p.startLoad(ctx, client, c, rep, 0, 2*tl.Deadline, fc)
	m := meters{wire: wc, server: st.served.cpu, db: st.db}
	inject := func() (func() error, error) { return proxy.Inject(c.Fault.Fault) }
	before, after, ev, err := m.timeline(ctx, ld.loop, p.Warmup, tl, inject, func() int64 { return transports.RetriesOf(client) })
	ld.stop()
	if err != nil {
		return results.Run{}, nil, err
	}
	// End the client's connections before reading the database back, so
	// that nothing of this cell is still on its way to it.
	_ = client.Close()
	run, err := buildRun(ld.loop, ld.disp, before, after)
	if err != nil {
		return run, nil, err
	}
	run.Cost.ClientScope, run.Cost.AllocScope, run.Cost.ServerScope = p.scopes(st)
	if c.Fault.Fault.String() == "restart" && c.Fault.Hop == HopApp {
		run.Cost.ServerCPUNs, run.Cost.ServerScope = nil, "unknown: the server was restarted in the window"
	}
	log := ld.loop.mergedLogs()
	run.Timeline, run.Failure = failureMetrics(log, before.at, after.at, ev, tl)
	if e := run.ErrorLatency; e != nil {
		run.Failure.PastDeadlineMs = results.Float(max(0, float64(time.Duration(e.Max)-tl.Deadline)) / 1e6)
	}
	if run.Writes, err = st.reconcile(ctx, ld.tag+"-w", log.writes); err != nil {
		return run, nil, err
	}
	settings := map[string]string{"fault.hop": c.Fault.Hop, "fault.timeline": tl.String(), "fault.injected": ev.injected}
	if ev.endErr != nil {
		settings["fault.end_error"] = ev.endErr.Error()
	}
	return run, settings, nil
}

// scopes says what a cell's CPU and allocation figures include. The
// proxies of a fault run or a network run in the driver's process, so
// the driver's figures hold their work too.
func (p *Plan) scopes(st *stand) (client, alloc, server string) {
	client = results.ScopeClient
	proxied := st.hops.app != nil || st.hops.db != nil
	switch {
	case st.served.Where == WhereInProcess && proxied:
		client = results.ScopeInProcess + " + proxies"
	case st.served.Where == WhereInProcess:
		client = results.ScopeInProcess
	case proxied:
		client = results.ScopeClientProxy
	}
	return client, client, serverScope(st)
}

// awaitHealthy waits until the server answers a read through the app hop,
// so that a cell does not start inside the previous one's recovery.
func (p *Plan) awaitHealthy(ctx context.Context, st *stand) error {
	client, err := dial(ctx, st.tr, st.dialAddr, transports.ClientConfig{}, NewWireCounter())
	if err != nil {
		return err
	}
	defer client.Close()
	deadline := time.Now().Add(healthyWait)
	for {
		cctx, cancel := context.WithTimeout(ctx, time.Second)
		_, err = client.GetCustomer(cctx, 1)
		cancel()
		if err == nil || ctx.Err() != nil {
			return ctx.Err()
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("bench: %s not answering %v after the previous fault: %w", st.tr.Name(), healthyWait, err)
		}
		if err := sleep(ctx, 50*time.Millisecond); err != nil {
			return err
		}
	}
}

// healthyWait bounds the wait for a server to answer again between fault
// cells: a PostgreSQL restart takes a second or two.
const healthyWait = 20 * time.Second

// faultEvents are what happened at the fault's edges.
type faultEvents struct {
	onset, end       int64 // loop clock
	dialsAtOnset     int64
	retriesAtOnset   int64
	dialsAtEnd       int64
	retriesAtEnd     int64
	injected, ending string
	endErr           error
}

// timeline runs a fault cell's window: warm-up, then the baseline, the
// fault (inject returns the function that ends it) and the recovery,
// which lasts until the workers have recovered or MaxRecovery.
func (m meters) timeline(ctx context.Context, l *loop, warmup time.Duration, tl FaultTimeline,
	inject func() (func() error, error), retries func() int64) (before, after snapshot, ev faultEvents, err error) {
	defer close(l.done)
	if err := sleep(ctx, warmup); err != nil {
		return before, after, ev, err
	}
	before.server, before.database = read(l, m.server), read(l, m.db)
	m.fast(l, &before)
	before.at = l.now()
	l.win.start.Store(before.at)
	if err := sleep(ctx, tl.Baseline); err != nil {
		return before, after, ev, err
	}
	ev.dialsAtOnset, ev.retriesAtOnset = m.wire.Snapshot().Dials, retries()
	ev.onset = l.now()
	l.fault.onset.Store(ev.onset)
	end, err := inject()
	if err != nil {
		return before, after, ev, fmt.Errorf("bench: %w", err)
	}
	ev.injected = time.Now().UTC().Format(time.RFC3339Nano)
	serr := sleep(ctx, tl.Fault)
	ev.endErr = end()
	ev.end = l.now()
	l.fault.end.Store(ev.end)
	if serr != nil {
		return before, after, ev, serr
	}
	if err := m.recover(ctx, l, tl, ev.end); err != nil {
		return before, after, ev, err
	}
	after.at = l.now()
	l.win.end.Store(after.at)
	m.fast(l, &after)
	after.server, after.database = read(l, m.server), read(l, m.db)
	ev.dialsAtEnd, ev.retriesAtEnd = after.wire.Dials, retries()
	return before, after, ev, nil
}

// recover waits at least MinRecovery after the fault's end, and until
// every live worker has succeeded since the end and none is still in a
// call from before it, and then long enough to see the p99 come back (a
// span of buckets), or MaxRecovery.
func (m meters) recover(ctx context.Context, l *loop, tl FaultTimeline, end int64) error {
	if err := sleep(ctx, tl.MinRecovery); err != nil {
		return err
	}
	settle := int64(recoverySpan+1) * int64(tl.Bucket)
	var since int64 // when the workers first all recovered
	for now := l.now(); now-end < int64(tl.MaxRecovery); now = l.now() {
		if since == 0 && l.recovered(end) {
			since = now
		}
		if since != 0 && now-since >= settle {
			return nil
		}
		if err := sleep(ctx, tl.Bucket); err != nil {
			return err
		}
	}
	return nil
}

// recovered reports whether every live worker has succeeded since end
// and is not in a call that started before it.
func (l *loop) recovered(end int64) bool {
	for _, wk := range l.snapshot() {
		if wk.gone.Load() {
			continue
		}
		if s := wk.g.call.Load(); s != 0 && s != abandonedMark && abs(s) < end {
			return false
		}
		if wk.lastOK.Load() < end {
			return false
		}
	}
	return true
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// mergedLogs folds the workers' fault logs; called after the load
// stopped, like merged.
func (l *loop) mergedLogs() *faultLog {
	m := &faultLog{}
	for _, wk := range l.snapshot() {
		if wk.log != nil {
			m.merge(wk.log)
		}
	}
	return m
}

// reconcile reads back what the writes of a cell did (request IDs
// starting with prefix) and compares it with what their callers were
// told; nil when the backend cannot be read back (memory).
func (st *stand) reconcile(ctx context.Context, prefix string, writes []writeRecord) (*results.Reconciliation, error) {
	if st.ledgerURL == "" {
		return nil, nil
	}
	// Let the server finish what was in flight when the client closed.
	if err := sleep(ctx, reconcileSettle); err != nil {
		return nil, err
	}
	ledger, err := backend.ReadLedger(ctx, st.ledgerURL, prefix)
	if err != nil {
		return nil, fmt.Errorf("bench: reconcile writes: %w", err)
	}
	return reconcileWrites(writes, ledger), nil
}

// reconcileSettle is how long reconciliation waits for writes still in
// flight when the client's connections closed.
const reconcileSettle = 100 * time.Millisecond

// reconcileWrites classes each write by what its caller was told and
// whether the database holds it.
func reconcileWrites(writes []writeRecord, ledger []service.Delivery) *results.Reconciliation {
	byID := make(map[string]service.Delivery, len(ledger))
	r := &results.Reconciliation{}
	for _, d := range ledger {
		byID[d.RequestID] = d
		if d.Deliveries > 1 {
			r.DuplicateDeliveries++
		}
		if d.Executions > 1 {
			r.DuplicateExecutions++
		}
	}
	for _, w := range writes {
		r.Writes++
		committed := byID[w.id].Executions > 0
		switch {
		case w.outcome == writeAcked && committed:
			r.AckedCommitted++
		case w.outcome == writeAcked:
			r.Lost++
		case committed:
			r.UnknownOutcome++
		default:
			r.FailedNotCommitted++
		}
	}
	return r
}

// ErrLostWrites marks a run whose acknowledged writes are not in the
// database: a broken guarantee, never a result to compare.
var ErrLostWrites = errors.New("bench: acknowledged writes are missing from the database")
