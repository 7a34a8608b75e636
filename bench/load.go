package bench

import (
	"context"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"github.com/intbench/intbench/scenarios"
	"github.com/intbench/intbench/service"
)

// window is the measured interval on the loop's clock. A call is measured
// when its intended send time falls inside it; a call counts as completed
// in it (for per-call bytes and CPU) when it ends inside it.
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
// worker should stop because the window is over.
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

// holds reports whether a call that ended at t ended inside the window.
func (w *window) holds(t int64) bool { return t >= w.start.Load() && t < w.end.Load() }

// worker is one load-generating goroutine's state. When the engine
// abandons a worker's hung call it starts a fresh worker in its place; the
// abandoned goroutine never touches its state again.
type worker struct {
	w   *scenarios.Worker
	rec *recorder
	g   *guard
	// In a fault cell: the worker's log, the request ID of the write in
	// flight (written before the call, read by whoever abandons it), the
	// end of its last success, and whether it was abandoned.
	log     *faultLog
	pending string
	lastOK  atomic.Int64
	gone    atomic.Bool
}

// loop is one repetition's load generator.
type loop struct {
	client  service.Service
	base    time.Time // origin of the loop's monotonic nanosecond clock
	win     *window
	open    bool
	timeout time.Duration
	stop    atomic.Bool
	done    chan struct{} // closed when the window closes or the run ends
	// newWorker makes the state of a worker; body runs its goroutine.
	newWorker func(id int) *worker
	body      func(*worker)
	// fault is set in a fault cell: the fault's times and the timeline's
	// bucket, which the workers' logs follow.
	fault *faultClock

	mu      sync.Mutex
	workers []*worker // every worker ever started, replacements included
	pending sync.WaitGroup
}

func newLoop(client service.Service, win *window, open bool, timeout time.Duration) *loop {
	return &loop{client: client, base: time.Now(), win: win, open: open, timeout: timeout, done: make(chan struct{})}
}

// now reads the loop's clock: monotonic nanoseconds since its start, so
// that a wall-clock step cannot distort a latency. It is always positive.
func (l *loop) now() int64 { return int64(time.Since(l.base)) + 1 }

// start runs one more worker goroutine, unless the loop is stopping; the
// caller owns none of its state. Checking stop and counting the worker
// under one lock keeps a replacement from slipping past drain's Wait.
func (l *loop) start() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.stop.Load() {
		return
	}
	wk := l.newWorker(len(l.workers))
	l.workers = append(l.workers, wk)
	l.pending.Add(1)
	go l.body(wk)
}

// finish is a worker's normal exit.
func (l *loop) finish() { l.pending.Done() }

// outcome of one call for the worker's loop.
type outcome uint8

const (
	carryOn outcome = iota
	stopped         // the window is over: exit normally
	gone            // the engine abandoned this worker: exit touching nothing
)

// call makes one call and records it if it is measured. A zero intended
// time (closed loop) means "now": the clock is read once.
func (l *loop) call(wk *worker, intended int64) outcome {
	start := l.now()
	if intended == 0 {
		intended = start
	}
	measured, stop := l.win.admit(intended)
	if stop {
		return stopped
	}
	step := wk.w.Next()
	write := l.fault != nil && wk.w.Op(step) == scenarios.PlaceOrder
	if write {
		wk.pending = wk.w.PendingRequestID()
	}
	ctx := wk.g.begin(start, intended, measured)
	err := wk.w.Call(ctx, l.client, step)
	end := l.now()
	expired, abandoned := wk.g.end()
	if abandoned {
		return gone
	}
	r := wk.rec
	if l.win.holds(end) {
		r.completed++
	}
	class := -1
	if err != nil || expired {
		class = classify(err, expired)
	}
	if measured {
		kind := service.KindOf(err)
		if expired {
			// Ended by the watchdog: a failure whatever it returned after
			// that, nil included.
			kind = service.KindDeadlineExceeded
		}
		r.record(end-intended, end-start, kind)
		if class >= 0 {
			r.classes[class]++
		}
	}
	if l.fault != nil {
		l.noteFault(wk, intended, end, class, write)
	}
	return carryOn
}

// noteFault logs a fault cell's call, and its write's outcome.
func (l *loop) noteFault(wk *worker, sent, end int64, class int, write bool) {
	wk.log.note(l.fault, l.win.start.Load(), sent, end, end-sent, class)
	if class < 0 {
		wk.lastOK.Store(end)
	}
	if write {
		outcome := writeAcked
		switch {
		case class == classHung:
			outcome = writeHung
		case class >= 0:
			outcome = writeFailed
		}
		wk.log.writes = append(wk.log.writes, writeRecord{id: wk.pending, outcome: outcome})
	}
}

// closedLoop runs conc workers back to back until the window is over.
func (l *loop) closedLoop(conc int) {
	l.body = func(wk *worker) {
		for !l.stop.Load() {
			switch l.call(wk, 0) {
			case gone:
				return
			case stopped:
				l.finish()
				return
			}
		}
		l.finish()
	}
	for range conc {
		l.start()
	}
}

// watch expires overdue calls and abandons hung ones — still running at
// twice the timeout — replacing their workers while the loop runs, until
// ctx ends.
func (l *loop) watch(ctx context.Context) {
	t := time.NewTicker(watchdogTick(l.timeout))
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			now := l.now()
			for _, wk := range l.snapshot() {
				wk.g.expire(now, l.timeout)
				if wk.g.overdue(now, 2*l.timeout) && l.abandon(wk, now) {
					l.start()
				}
			}
		}
	}
}

func (l *loop) snapshot() []*worker {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.workers[:len(l.workers):len(l.workers)]
}

// abandon gives up on wk's call in flight and records it as hung; it
// reports whether there was one.
func (l *loop) abandon(wk *worker, now int64) bool {
	intended, measured, ok := wk.g.abandon()
	if !ok {
		return false
	}
	// The worker will not touch its state again: it is ours.
	wk.gone.Store(true)
	if measured {
		wk.rec.recordHung(now - intended)
	}
	if l.fault != nil {
		wk.log.note(l.fault, l.win.start.Load(), intended, now, now-intended, classHung)
		if wk.pending != "" {
			wk.log.writes = append(wk.log.writes, writeRecord{id: wk.pending, outcome: writeHung})
		}
	}
	l.pending.Done()
	return true
}

// drain stops the workers after the window: it waits for the calls in
// flight, which the watchdog (still running) expires at the timeout and
// abandons at twice the timeout, and then abandons whatever is left. The
// run never waits longer than about twice the timeout.
func (l *loop) drain() {
	l.mu.Lock()
	l.stop.Store(true)
	l.mu.Unlock()
	done := make(chan struct{})
	go func() { l.pending.Wait(); close(done) }()
	limit := time.NewTimer(2*l.timeout + time.Second)
	defer limit.Stop()
	select {
	case <-done:
		return
	case <-limit.C:
	}
	for {
		now := l.now()
		for _, wk := range l.snapshot() {
			l.abandon(wk, now)
		}
		select {
		case <-done:
			return
		case <-time.After(time.Millisecond):
			// A worker was between calls; it exits at once.
		}
	}
}

// merged folds every worker's recorder. It is called after drain, when
// each recorder has a single owner that is done with it.
func (l *loop) merged() *recorder {
	m := newRecorder(l.open)
	for _, wk := range l.snapshot() {
		m.merge(wk.rec)
	}
	return m
}
