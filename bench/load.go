package bench

import (
	"math"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/intbench/intbench/scenarios"
	"github.com/intbench/intbench/service"
)

// window is the measured interval, in unix nanos; a call is recorded when
// its intended send time falls inside it.
type window struct {
	start, end atomic.Int64
	remaining  atomic.Int64 // measured calls left when bounded by count
	bounded    bool
	full       chan struct{} // closed when a count-bounded window is full
	fullOnce   sync.Once
}

func newWindow(calls int64) *window {
	w := &window{bounded: calls > 0, full: make(chan struct{})}
	w.start.Store(math.MaxInt64)
	w.end.Store(math.MaxInt64)
	w.remaining.Store(calls)
	return w
}

// admit reports whether a call intended at t is measured, and whether the
// worker should stop because a count-bounded window is full.
func (w *window) admit(t int64) (measured, stop bool) {
	if t < w.start.Load() {
		return false, false
	}
	if t >= w.end.Load() {
		return false, true
	}
	if w.bounded && w.remaining.Add(-1) < 0 {
		w.fullOnce.Do(func() { close(w.full) })
		return false, true
	}
	return true, false
}

// loop is one repetition's load generator.
type loop struct {
	client  service.Service
	workers []*scenarios.Worker
	recs    []*recorder
	guards  []*guard
	exited  []atomic.Bool // worker i has returned; its recorder is final
	win     *window
	stop    atomic.Bool
}

// call makes one call and records it if it is measured. A zero intended
// time (closed loop) means "now": the send time is read once.
func (l *loop) call(i int, intended time.Time) (stop bool) {
	w, g := l.workers[i], l.guards[i]
	start := time.Now()
	if intended.IsZero() {
		intended = start
	}
	measured, stop := l.win.admit(intended.UnixNano())
	if stop {
		return true
	}
	step := w.Next()
	ctx := g.context()
	g.started.Store(start.UnixNano())
	err := w.Call(ctx, l.client, step)
	end := time.Now()
	g.started.Store(0)
	if measured {
		kind := service.KindOf(err)
		if err != nil && g.fired.Load() {
			kind = service.KindDeadlineExceeded
		}
		l.recs[i].record(end.Sub(intended), end.Sub(start), kind)
	}
	return false
}

// closedLoop runs each worker back to back until stopped.
func (l *loop) closedLoop(wg *sync.WaitGroup) {
	for i := range l.workers {
		wg.Go(func() {
			defer l.exited[i].Store(true)
			for !l.stop.Load() {
				if l.call(i, time.Time{}) {
					return
				}
			}
		})
	}
}

// openLoop sends calls at rate per second with the given arrival process.
// Latency counts from the intended send time, so time spent waiting for a
// free worker is included (no coordinated omission). It returns the
// dispatcher's worst lag behind schedule when the loop ends.
func (l *loop) openLoop(wg *sync.WaitGroup, rate float64, poisson bool, seed uint64) func() time.Duration {
	ticks := make(chan time.Time, len(l.workers))
	for i := range l.workers {
		wg.Go(func() {
			defer l.exited[i].Store(true)
			for t := range ticks {
				if l.call(i, t) {
					l.stop.Store(true)
				}
			}
		})
	}
	var maxLag atomic.Int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(ticks)
		rnd := rand.New(rand.NewPCG(seed, 99))
		mean := float64(time.Second) / rate
		next := time.Now()
		for !l.stop.Load() {
			gap := mean
			if poisson {
				gap = rnd.ExpFloat64() * mean
			}
			next = next.Add(time.Duration(gap))
			if d := time.Until(next); d > 0 {
				time.Sleep(d)
			}
			ticks <- next
			if lag := time.Since(next); lag > time.Duration(maxLag.Load()) {
				maxLag.Store(int64(lag))
			}
		}
	}()
	return func() time.Duration { <-done; return time.Duration(maxLag.Load()) }
}
