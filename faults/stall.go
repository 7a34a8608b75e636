package faults

import (
	"math/rand/v2"
	"time"
)

// defaultRTO is Linux's minimum retransmission timeout.
const defaultRTO = 200 * time.Millisecond

func init() {
	register(Kind{
		Name:    "stall",
		Syntax:  "stall:P[:RTO][@up|@down|@both]",
		Summary: "packet loss as TCP shows it: with probability P a chunk, and all behind it, waits RTO (default 200ms) (default both directions)",
	}, parseStall)
}

// stall stands in for packet loss: TCP turns a lost segment into a wait
// of one retransmission timeout, and delivers nothing behind it meanwhile.
type stall struct {
	p   float64
	rto time.Duration
	dir dir
}

func parseStall(args []string, d dir) (Fault, error) {
	if err := nargs(args, 1, 2); err != nil {
		return nil, err
	}
	f := stall{rto: defaultRTO, dir: dirOr(d, both)}
	var err error
	if f.p, err = parseProb("probability", args[0]); err != nil {
		return nil, err
	}
	if len(args) == 2 {
		f.rto, err = positiveDuration("rto", args[1])
	}
	return f, err
}

func (f stall) String() string {
	args := []string{fmtProb(f.p)}
	if f.rto != defaultRTO {
		args = append(args, fmtDuration(f.rto))
	}
	return format("stall", f.dir, both, args...)
}

func (f stall) start(p *Proxy) (func() error, error) {
	return p.shape(f.dir, func(rng *rand.Rand) shaper { return stallShaper{f, rng} })
}

type stallShaper struct {
	f   stall
	rng *rand.Rand
}

func (s stallShaper) arrive(c *chunk) bool {
	if s.rng.Float64() < s.f.p {
		c.due = c.at.Add(s.f.rto)
	}
	return true
}
