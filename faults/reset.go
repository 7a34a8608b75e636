package faults

func init() {
	register(Kind{
		Name:    "reset",
		Syntax:  "reset[@up|@down|@both]",
		Summary: "RST open connections at onset and new ones as they arrive: @down (default) to the client, @up to the server, @both to both; the other side gets a FIN",
	}, parseReset)
}

// reset sends a true RST (SO_LINGER 0, then close), unlike toxiproxy's
// reset_peer, which sends one only on connections opened after it. The
// direction is the way the RST travels: downstream reaches the client.
// New connections are not dialled upstream, so reset@up closes them with a
// FIN.
type reset struct{ dir dir }

func parseReset(args []string, d dir) (Fault, error) {
	if err := nargs(args, 0, 0); err != nil {
		return nil, err
	}
	return reset{dirOr(d, down)}, nil
}

func (f reset) String() string { return format("reset", f.dir, down) }

func (f reset) start(p *Proxy) (func() error, error) {
	kill := func(l *link) { l.close(f.dir) }
	p.setRules(&rules{onNew: kill})
	p.eachLink(kill)
	return p.heal, nil
}
