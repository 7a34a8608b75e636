package bench

import (
	"context"
	"time"

	"github.com/intbench/intbench/results"
)

// meters are the counters read at a window's edges.
type meters struct {
	wire *WireCounter
	// server and db read the server's process tree and the engine's
	// PostgreSQL cluster; nil when they cannot be measured.
	server, db cpuMeter
}

// snapshot is the state of the counters at a window edge. The driver's
// own counters are read within microseconds of at; the other processes'
// CPU may take milliseconds to read, so each reading keeps its own time.
type snapshot struct {
	at               int64 // loop clock
	wire             Wire
	cpu              time.Duration
	objs, mem        uint64
	server, database reading
}

// reading is a CPU meter's value and the loop time it was read at.
type reading struct {
	cpu time.Duration
	at  int64
	ok  bool
}

func read(l *loop, m cpuMeter) reading {
	if m == nil {
		return reading{}
	}
	t0 := l.now()
	cpu, err := m.read()
	if err != nil {
		return reading{}
	}
	return reading{cpu: cpu, at: (t0 + l.now()) / 2, ok: true}
}

func (m meters) fast(l *loop, s *snapshot) {
	s.wire = m.wire.Snapshot()
	s.cpu = selfCPU()
	s.objs, s.mem = heapAllocs()
}

// window waits out the warm-up, opens the window, waits for it to fill and
// closes it, returning the counters at both edges. The slow readings are
// taken outside the window's edges, so that no call falls between the
// moment the window's time starts and the moment calls are admitted.
func (m meters) window(ctx context.Context, l *loop, win Window) (before, after snapshot, err error) {
	defer close(l.done)
	if err := sleep(ctx, win.Warmup); err != nil {
		return before, after, err
	}
	before.server, before.database = read(l, m.server), read(l, m.db)
	m.fast(l, &before)
	before.at = l.now()
	l.win.start.Store(before.at)
	if win.Calls > 0 {
		select {
		case <-l.win.full:
		case <-ctx.Done():
			return before, after, ctx.Err()
		}
	} else if err := sleep(ctx, win.Duration); err != nil {
		return before, after, err
	}
	after.at = l.now()
	l.win.end.Store(after.at)
	m.fast(l, &after)
	after.server, after.database = read(l, m.server), read(l, m.db)
	return before, after, nil
}

// perCall divides the window's traffic and cost by the calls completed in
// it. Other processes' CPU is taken as a rate over the interval between
// its own readings, times the window's length.
func perCall(before, after snapshot, completed float64) (results.WireTotals, results.Cost) {
	w := after.wire.Sub(before.wire)
	window := float64(after.at - before.at)
	wire := results.WireTotals{Out: w.Out, In: w.In, Dials: w.Dials, OutPerCall: float64(w.Out) / completed, InPerCall: float64(w.In) / completed}
	cost := results.Cost{
		ClientCPUNs:   results.Float(float64(after.cpu-before.cpu) / completed),
		AllocsPerCall: float64(after.objs-before.objs) / completed,
		BytesPerCall:  float64(after.mem-before.mem) / completed,
	}
	rate := func(a, b reading) *float64 {
		if !a.ok || !b.ok || b.at <= a.at {
			return nil
		}
		return results.Float(float64(b.cpu-a.cpu) / float64(b.at-a.at) * window / completed)
	}
	cost.DatabaseCPUNs = rate(before.database, after.database)
	if srv := rate(before.server, after.server); srv != nil {
		total := *srv
		if cost.DatabaseCPUNs != nil {
			total += *cost.DatabaseCPUNs
		}
		cost.ServerCPUNs = &total
	}
	return wire, cost
}
