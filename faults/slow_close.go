package faults

import (
	"math/rand/v2"
	"time"
)

func init() {
	register(Kind{
		Name:    "slow_close",
		Syntax:  "slow_close:DELAY[@up|@down|@both]",
		Summary: "pass a side's close (FIN) on DELAY after it arrived; data flows as usual (default both directions)",
	}, parseSlowClose)
}

// slowClose delays the propagation of a FIN. A close the client makes
// travels upstream, the server's downstream.
type slowClose struct {
	delay time.Duration
	dir   dir
}

func parseSlowClose(args []string, d dir) (Fault, error) {
	if err := nargs(args, 1, 1); err != nil {
		return nil, err
	}
	delay, err := parseDuration("delay", args[0])
	return slowClose{delay, dirOr(d, both)}, err
}

func (f slowClose) String() string {
	return format("slow_close", f.dir, both, fmtDuration(f.delay))
}

func (f slowClose) start(p *Proxy) (func() error, error) {
	return p.shape(f.dir, func(*rand.Rand) shaper { return f })
}

func (f slowClose) arrive(c *chunk) bool {
	if c.eof {
		c.due = c.at.Add(f.delay)
	}
	return true
}
