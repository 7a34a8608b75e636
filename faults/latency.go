package faults

import (
	"math/rand/v2"
	"time"
)

func init() {
	register(Kind{
		Name:    "latency",
		Syntax:  "latency:DELAY[:JITTER][@up|@down|@both]",
		Summary: "deliver each chunk DELAY ± uniform JITTER after it arrived, never reordered (default both directions)",
	}, parseLatency)
}

// latency delays every chunk, and closes, relative to their arrival.
type latency struct {
	delay, jitter time.Duration
	dir           dir
}

func parseLatency(args []string, d dir) (Fault, error) {
	if err := nargs(args, 1, 2); err != nil {
		return nil, err
	}
	f := latency{dir: dirOr(d, both)}
	var err error
	if f.delay, err = parseDuration("delay", args[0]); err != nil {
		return nil, err
	}
	if len(args) == 2 {
		f.jitter, err = parseDuration("jitter", args[1])
	}
	return f, err
}

func (f latency) String() string {
	args := []string{fmtDuration(f.delay)}
	if f.jitter > 0 {
		args = append(args, fmtDuration(f.jitter))
	}
	return format("latency", f.dir, both, args...)
}

func (f latency) start(p *Proxy) (func() error, error) {
	return p.shape(f.dir, func(rng *rand.Rand) shaper { return latencyShaper{f, rng} })
}

type latencyShaper struct {
	f   latency
	rng *rand.Rand
}

// arrive sets the chunk's due time; the queue keeps chunks in order even
// when jitter gives a later one an earlier time.
func (s latencyShaper) arrive(c *chunk) bool {
	d := s.f.delay
	if j := int64(s.f.jitter); j > 0 {
		d += time.Duration(s.rng.Int64N(2*j+1) - j)
	}
	c.due = c.at.Add(max(d, 0))
	return true
}
