package faults

import (
	"errors"
	"fmt"
)

func init() {
	register(Kind{
		Name:    "restart",
		Syntax:  "restart",
		Summary: "kill the upstream server and start it again on the same address, through Options.Restarter; ending waits for it to be back",
	}, parseRestart)
}

// restart is not the proxy's doing: it calls the Restarter at onset. The
// server's death closes its connections, which the proxy passes on.
type restart struct{}

func parseRestart(args []string, d dir) (Fault, error) {
	if err := nargs(args, 0, 0); err != nil {
		return nil, err
	}
	return restart{}, noDir(d)
}

func (restart) String() string { return "restart" }

// start runs the restart in the background, so Inject returns at once; the
// stop waits for it and returns its error.
func (restart) start(p *Proxy) (func() error, error) {
	r := p.opts.Restarter
	if r == nil {
		return nil, errors.New("no Restarter in the proxy's Options")
	}
	done := make(chan error, 1)
	p.wg.Go(func() { done <- r.Restart(p.ctx) })
	return func() error {
		if err := <-done; err != nil {
			return fmt.Errorf("restarter: %w", err)
		}
		return nil
	}, nil
}
