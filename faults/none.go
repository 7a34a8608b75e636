package faults

func init() {
	register(Kind{
		Name:    "none",
		Syntax:  "none",
		Summary: "healthy: forward everything (the proxy's own overhead, for a baseline)",
	}, parseNone)
}

// none is the healthy hop.
type none struct{}

func parseNone(args []string, d dir) (Fault, error) {
	if err := nargs(args, 0, 0); err != nil {
		return nil, err
	}
	return none{}, noDir(d)
}

func (none) String() string { return "none" }

func (none) start(p *Proxy) (func() error, error) {
	_ = p.heal()
	return p.heal, nil
}
