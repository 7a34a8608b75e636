package faults

func init() {
	register(Kind{
		Name:    "down",
		Syntax:  "down",
		Summary: "close the listener (the kernel refuses new connections) and the open connections; listen on the same address again at the end",
	}, parseDown)
}

// offline, the down fault, is toxiproxy's disabled proxy: nothing listens, so a dial gets
// ECONNREFUSED. Open connections are closed with a FIN.
type offline struct{}

func parseDown(args []string, d dir) (Fault, error) {
	if err := nargs(args, 0, 0); err != nil {
		return nil, err
	}
	return offline{}, noDir(d)
}

func (offline) String() string { return "down" }

func (offline) start(p *Proxy) (func() error, error) {
	// a connection accepted just before the listener closed is refused too
	p.setRules(&rules{onNew: func(l *link) {
		p.stats.refused.Add(1)
		l.close(0)
	}})
	p.unlisten()
	p.eachLink(func(l *link) { l.close(0) })
	return func() error {
		_ = p.heal()
		return p.relisten()
	}, nil
}
