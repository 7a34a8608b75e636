package bench

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"time"

	hdrhistogram "github.com/HdrHistogram/hdrhistogram-go"

	"github.com/intbench/intbench/results"
)

// pacer waits until an instant on the loop's clock, precisely. A plain
// time.Sleep wakes up to a millisecond late when the runtime is idle (the
// Linux netpoller waits in whole milliseconds), and an open loop that
// counts latency from the intended send time would charge that lateness
// to the server. So the pacer sleeps on a high-resolution timer (a
// timerfd on Linux) short of the target by a margin that tracks how late
// recent sleeps woke, then yields the processor in a loop until the
// target: precise to the scheduler's granularity, at the cost of some CPU
// that the driver-cost measurement reports.
type pacer struct {
	sleeper *sleeper // nil: time.Timer
	timer   *time.Timer
	done    <-chan struct{}
	margin  int64
	late    [32]int64 // recent oversleeps, a ring
	next    int
}

// Bounds of the pacer's margin.
const (
	minMargin = int64(10 * time.Microsecond)
	maxMargin = int64(time.Millisecond)
)

func newPacer(done <-chan struct{}) *pacer {
	p := &pacer{done: done, margin: int64(100 * time.Microsecond)}
	if s, err := newSleeper(done); err == nil {
		p.sleeper = s
	} else {
		p.timer = time.NewTimer(time.Hour)
		p.timer.Stop()
		p.margin = maxMargin
	}
	return p
}

func (p *pacer) close() {
	if p.sleeper != nil {
		p.sleeper.close()
	}
}

// wait returns at until or just after it, or early (false) when done is
// closed.
func (p *pacer) wait(l *loop, until int64) bool {
	if d := until - l.now() - p.margin; d > 0 {
		t0 := l.now()
		if !p.sleep(time.Duration(d)) {
			return false
		}
		p.learn(l.now() - t0 - d)
	}
	for l.now() < until {
		runtime.Gosched()
	}
	return true
}

func (p *pacer) sleep(d time.Duration) bool {
	if p.sleeper != nil {
		return p.sleeper.sleep(d)
	}
	p.timer.Reset(d)
	select {
	case <-p.timer.C:
		return true
	case <-p.done:
		p.timer.Stop()
		return false
	}
}

// learn sets the margin to the 90th percentile of recent oversleeps plus
// a little: the rare far larger one (a virtual machine's vCPU preempted)
// would otherwise turn every later wait into a spin.
func (p *pacer) learn(over int64) {
	p.late[p.next] = over
	p.next = (p.next + 1) % len(p.late)
	sorted := p.late
	slices.Sort(sorted[:])
	q := sorted[len(sorted)*9/10]
	p.margin = min(max(q+q/4+minMargin, minMargin), maxMargin)
}

// dispatcher hands an open loop's intended send times to its workers over
// ticks, at the target rate. It owes every call intended inside the
// window: those it could not hand over before the window closed (all
// workers busy) are recorded, by intended time, as lower bounds.
type dispatcher struct {
	l        *loop
	mean     float64 // mean gap, ns
	rnd      *rand.Rand
	ticks    chan int64
	pacer    *pacer
	lateness *hdrhistogram.Histogram // on-time sends: the pacer's timer error
	owed     *recorder               // calls never sent, as lower bounds
	sent     int64                   // calls intended in the window and sent
	maxLag   int64                   // worst send behind schedule, in the window
}

func newDispatcher(l *loop, rate float64, poisson bool, seed uint64, workers int) *dispatcher {
	d := &dispatcher{l: l, mean: float64(time.Second) / rate, ticks: make(chan int64, workers),
		pacer: newPacer(l.done), lateness: results.NewHDR(), owed: newRecorder(false)}
	if poisson {
		d.rnd = rand.New(rand.NewPCG(seed, 99))
	}
	return d
}

func (d *dispatcher) gap() int64 {
	if d.rnd == nil {
		return int64(d.mean)
	}
	return int64(d.rnd.ExpFloat64() * d.mean)
}

// run dispatches until the window closes (or the run ends) and then
// closes ticks; the workers drain what was handed over.
func (d *dispatcher) run() {
	defer close(d.ticks)
	defer d.pacer.close()
	l, next := d.l, d.l.now()
	for {
		next += d.gap()
		if next >= l.win.end.Load() {
			return
		}
		if next > l.now() {
			if !d.pacer.wait(l, next) {
				d.owe(next)
				return
			}
			if l.win.holds(next) {
				_ = d.lateness.RecordValue(max(l.now()-next, results.HistMin))
			}
		}
		if !d.send(next) {
			d.owe(next)
			return
		}
		if l.win.holds(next) {
			d.sent++
			d.maxLag = max(d.maxLag, l.now()-next)
		}
	}
}

// send hands t to a worker, preferring that to noticing the window closed
// (a select picks at random among ready cases).
func (d *dispatcher) send(t int64) bool {
	select {
	case d.ticks <- t:
		return true
	default:
	}
	select {
	case d.ticks <- t:
		return true
	case <-d.l.done:
		return false
	}
}

// owe records every call intended from t to the window's end that was
// never sent, at its wait so far: a lower bound of its latency.
func (d *dispatcher) owe(t int64) {
	l := d.l
	if l.win.bounded {
		return // a count-bounded window owes only the calls it counted
	}
	now, start, end := l.now(), l.win.start.Load(), l.win.end.Load()
	for ; t < end; t += d.gap() {
		if t >= start {
			d.owed.calls++
			d.owed.put(d.owed.lat, now-t)
		}
	}
}

// openLoop starts conc workers fed by a dispatcher at rate calls per
// second; latency counts from the intended send time, so time spent
// waiting for a free worker is included (no coordinated omission).
func (l *loop) openLoop(conc int, rate float64, poisson bool, seed uint64) *dispatcher {
	d := newDispatcher(l, rate, poisson, seed, conc)
	l.body = func(wk *worker) {
		for t := range d.ticks {
			if l.call(wk, t) == gone {
				return
			}
		}
		l.finish()
	}
	for range conc {
		l.start()
	}
	return d
}
