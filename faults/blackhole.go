package faults

import "math/rand/v2"

func init() {
	register(Kind{
		Name:    "blackhole",
		Syntax:  "blackhole[@up|@down|@both]",
		Summary: "swallow every byte and hold closes; connections stay open and new ones are accepted (default both directions)",
	}, parseBlackhole)
}

// blackhole is a partition as a user-space proxy sees it: the proxy keeps
// reading (so the sender's kernel sees its bytes acknowledged) and drops
// them. A close is held, not dropped, and goes through when the fault ends,
// as TCP would retransmit the FIN.
type blackhole struct{ dir dir }

func parseBlackhole(args []string, d dir) (Fault, error) {
	if err := nargs(args, 0, 0); err != nil {
		return nil, err
	}
	return blackhole{dirOr(d, both)}, nil
}

func (f blackhole) String() string { return format("blackhole", f.dir, both) }

func (f blackhole) start(p *Proxy) (func() error, error) {
	return p.shape(f.dir, func(*rand.Rand) shaper { return swallow{} })
}

type swallow struct{}

func (swallow) arrive(*chunk) bool { return false }
