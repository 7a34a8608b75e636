package faults

import (
	"errors"
	"math/rand/v2"
	"time"
)

func init() {
	register(Kind{
		Name:    "slicer",
		Syntax:  "slicer:SIZE[:DELAY][@up|@down|@both]",
		Summary: "write every chunk as segments of SIZE bytes, DELAY apart (default 0) (default both directions)",
	}, parseSlicer)
}

// slicer splits writes into tiny segments (TCP_NODELAY is on, so each is
// its own segment on the wire), to exercise readers that assume a message
// arrives in one read.
type slicer struct {
	size int64
	gap  time.Duration
	dir  dir
}

func parseSlicer(args []string, d dir) (Fault, error) {
	if err := nargs(args, 1, 2); err != nil {
		return nil, err
	}
	f := slicer{dir: dirOr(d, both)}
	var err error
	if f.size, err = parseSize("size", args[0]); err == nil && f.size == 0 {
		err = errors.New("size must be positive")
	}
	if err == nil && len(args) == 2 {
		f.gap, err = parseDuration("delay", args[1])
	}
	return f, err
}

func (f slicer) String() string {
	args := []string{fmtSize(f.size)}
	if f.gap > 0 {
		args = append(args, fmtDuration(f.gap))
	}
	return format("slicer", f.dir, both, args...)
}

func (f slicer) start(p *Proxy) (func() error, error) {
	return p.shape(f.dir, func(*rand.Rand) shaper { return f })
}

func (f slicer) arrive(c *chunk) bool {
	if !c.eof {
		c.out = f
	}
	return true
}

func (f slicer) deliver(w *pipe, c *chunk) bool {
	for b := c.b; len(b) > 0; {
		n := int(min(int64(len(b)), f.size))
		if !w.write(b[:n]) {
			return false
		}
		if b = b[n:]; len(b) > 0 && f.gap > 0 && !w.sleepUntil(time.Now().Add(f.gap)) {
			return false
		}
	}
	return true
}
