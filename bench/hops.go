package bench

import (
	"errors"

	"github.com/intbench/intbench/faults"
)

// hops are a session's fault proxies, one per hop, in a fault run: app
// between the clients and the server, db between the server (shareddb's
// consumer) and PostgreSQL. Nil outside fault runs, and for a hop the
// pattern does not have.
type hops struct {
	app, db *faults.Proxy
}

// proxy returns the proxy of hop, or nil.
func (h hops) proxy(hop string) *faults.Proxy {
	if hop == HopDB {
		return h.db
	}
	return h.app
}

func (s *Session) closeHops() error {
	var err error
	for _, p := range []*faults.Proxy{s.hops.app, s.hops.db} {
		if p != nil {
			err = errors.Join(err, p.Close())
		}
	}
	return err
}
