package faults

import (
	"math/rand/v2"
	"time"
)

func init() {
	register(Kind{
		Name:    "bandwidth",
		Syntax:  "bandwidth:RATE[@up|@down|@both]",
		Summary: "pace each connection to RATE per direction: bit, kbit, mbit, gbit (tc's units) or B/s, KB/s, KiB/s, MB/s, MiB/s, GB/s, GiB/s (default both directions)",
	}, parseBandwidth)
}

// bandwidth paces each connection direction like a link of a given rate:
// a byte is delivered when the link would have finished sending it. Idle
// time earns no credit (no burst).
type bandwidth struct {
	bits int64 // per second
	dir  dir
}

func parseBandwidth(args []string, d dir) (Fault, error) {
	if err := nargs(args, 1, 1); err != nil {
		return nil, err
	}
	bits, err := parseRate("rate", args[0])
	return bandwidth{bits, dirOr(d, both)}, err
}

func (f bandwidth) String() string { return format("bandwidth", f.dir, both, fmtRate(f.bits)) }

func (f bandwidth) start(p *Proxy) (func() error, error) {
	// pieces of about 5 ms of traffic, at most 16 KiB
	piece := int(min(max(f.bits/8/200, 1), 16<<10))
	return p.shape(f.dir, func(*rand.Rand) shaper { return &pacer{f: pace{f.bits, piece}} })
}

// pace delivers a chunk in pieces, each when the link has sent its last
// byte.
type pace struct {
	bits  int64
	piece int
}

// time returns how long the link takes to send n bytes.
func (p pace) time(n int) time.Duration {
	return time.Duration(int64(n) * 8 * int64(time.Second) / p.bits)
}

func (p pace) deliver(w *pipe, c *chunk) bool {
	t, b := c.due, c.b
	for len(b) > 0 {
		n := min(len(b), p.piece)
		t = t.Add(p.time(n))
		if !w.sleepUntil(t) || !w.write(b[:n]) {
			return false
		}
		b = b[n:]
	}
	return true
}

// pacer keeps the link's clock: when it is free to send the next chunk.
type pacer struct {
	f    pace
	free time.Time
}

func (s *pacer) arrive(c *chunk) bool {
	c.due = c.at
	if s.free.After(c.at) {
		c.due = s.free
	}
	if !c.eof {
		s.free = c.due.Add(s.f.time(len(c.b)))
		c.out = s.f
	}
	return true
}
