package faults

import (
	"errors"
	"strings"
	"time"
)

func init() {
	register(Kind{
		Name:    "flap",
		Syntax:  "flap:PERIOD[:PHASE|rand]:FAULT",
		Summary: "alternate FAULT (any spec, with its own direction) and healthy every PERIOD, faulty first; PHASE in [0, 2×PERIOD) shifts the cycle, rand draws it from the seed",
	}, parseFlap)
}

// flap switches an inner fault on and off: the hop is faulty at time t
// after onset when floor((t+phase)/period) is even.
type flap struct {
	period, phase time.Duration
	random        bool // phase drawn from the seed at onset
	inner         Fault
}

func parseFlap(args []string, d dir) (Fault, error) {
	if len(args) < 2 {
		return nil, errors.New("want PERIOD and a fault")
	}
	f := flap{}
	var err error
	if f.period, err = positiveDuration("period", args[0]); err != nil {
		return nil, err
	}
	rest := args[1:]
	if a := rest[0]; a == "rand" || a != "" && a[0] >= '0' && a[0] <= '9' {
		if f.random = a == "rand"; !f.random {
			if f.phase, err = parseDuration("phase", a); err == nil && f.phase >= 2*f.period {
				err = errors.New("phase must be less than twice the period")
			}
		}
		if err != nil {
			return nil, err
		}
		rest = rest[1:]
	}
	inner := strings.Join(rest, ":")
	if d != 0 {
		inner += "@" + d.String() // the direction belongs to the inner fault
	}
	if f.inner, err = parse(inner); err != nil {
		return nil, err
	}
	return f, nil
}

func (f flap) String() string {
	args := []string{fmtDuration(f.period)}
	switch {
	case f.random:
		args = append(args, "rand")
	case f.phase > 0:
		args = append(args, fmtDuration(f.phase))
	}
	return format("flap", 0, 0, append(args, f.inner.String())...)
}

// faulty reports whether the inner fault is on at t after onset, and when
// that next changes.
func (f flap) faulty(t, phase time.Duration) (on bool, next time.Duration) {
	k := (t + phase) / f.period
	return k%2 == 0, (k+1)*f.period - phase
}

func (f flap) start(p *Proxy) (func() error, error) {
	phase := f.phase
	if f.random {
		phase = time.Duration(p.streamRand(0, 0).Int64N(int64(2 * f.period)))
	}
	fl := &flapper{f: f, p: p, t0: time.Now(), phase: phase, quit: make(chan struct{}), done: make(chan struct{})}
	if err := fl.follow(); err != nil {
		return nil, err
	}
	p.wg.Go(fl.loop)
	return fl.end, nil
}

// flapper is one flap in force.
type flapper struct {
	f          flap
	p          *Proxy
	t0         time.Time // onset
	phase      time.Duration
	stop       func() error // the inner fault's, while it is on
	err        error        // the first error of switching
	quit, done chan struct{}
}

// loop switches the inner fault at every boundary of the cycle, on a
// schedule fixed at onset, so late wake-ups do not drift it.
func (fl *flapper) loop() {
	defer close(fl.done)
	timer := time.NewTimer(fl.untilNext())
	defer timer.Stop()
	for {
		select {
		case <-timer.C:
			if err := fl.follow(); err != nil && fl.err == nil {
				fl.err = err
			}
			timer.Reset(fl.untilNext())
		case <-fl.quit:
			return
		}
	}
}

func (fl *flapper) untilNext() time.Duration {
	_, next := fl.f.faulty(time.Since(fl.t0), fl.phase)
	return time.Until(fl.t0.Add(next))
}

// follow switches the inner fault on or off as the schedule says now.
func (fl *flapper) follow() error {
	on, _ := fl.f.faulty(time.Since(fl.t0), fl.phase)
	switch {
	case on && fl.stop == nil:
		stop, err := fl.f.inner.start(fl.p)
		fl.stop = stop
		return err
	case !on && fl.stop != nil:
		stop := fl.stop
		fl.stop = nil
		return stop()
	}
	return nil
}

func (fl *flapper) end() error {
	close(fl.quit)
	<-fl.done
	if fl.stop != nil {
		if err := fl.stop(); err != nil && fl.err == nil {
			fl.err = err
		}
		fl.stop = nil
	}
	return fl.err
}
