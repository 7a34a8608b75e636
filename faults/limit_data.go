package faults

import "math/rand/v2"

func init() {
	register(Kind{
		Name:    "limit_data",
		Syntax:  "limit_data:SIZE[@up|@down|@both]",
		Summary: "close the connection once SIZE bytes (counted from onset) have passed in the direction (default down)",
	}, parseLimitData)
}

// limitData closes a connection after a number of bytes, each direction
// counted on its own, from the fault's onset for open connections.
type limitData struct {
	size int64
	dir  dir
}

func parseLimitData(args []string, d dir) (Fault, error) {
	if err := nargs(args, 1, 1); err != nil {
		return nil, err
	}
	n, err := parseSize("size", args[0])
	return limitData{n, dirOr(d, down)}, err
}

func (f limitData) String() string { return format("limit_data", f.dir, down, fmtSize(f.size)) }

func (f limitData) start(p *Proxy) (func() error, error) {
	return p.shape(f.dir, func(*rand.Rand) shaper { return &limiter{left: f.size} })
}

type limiter struct {
	left  int64
	spent bool
}

// arrive passes bytes until the budget is spent, marks the chunk that
// spends it as the last, and swallows what follows (the link is closing).
func (s *limiter) arrive(c *chunk) bool {
	if c.eof {
		return true
	}
	if s.spent {
		return false
	}
	if int64(len(c.b)) >= s.left {
		c.b, c.last, s.spent = c.b[:s.left], true, true
	}
	s.left -= int64(len(c.b))
	return true
}
