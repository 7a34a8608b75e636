package bench

import (
	"context"
	"errors"
	"fmt"

	"github.com/intbench/intbench/faults"
	"github.com/intbench/intbench/internal/backend"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/transports"
)

// stage is what a run sets up once and its servers share: for the
// postgres backend, the PostgreSQL cluster the engine owns (so that it can
// measure it, and give every block a fresh database cloned from one
// seeded template), and the launcher.
type stage struct {
	plan    *Plan
	cluster *backend.Cluster // nil for the memory backend and for a target
	db      cpuMeter         // the cluster's processes; nil when external
	// dbSettings are the cluster's version and durability settings as it
	// reports them, for every cell's settings.
	dbSettings map[string]string
}

func newStage(ctx context.Context, p *Plan) (*stage, error) {
	st := &stage{plan: p}
	if p.Target != "" || p.Backend != BackendPostgres {
		return st, nil
	}
	ds, err := service.Generate(p.Seed)
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	// A fault run may restart PostgreSQL: acknowledged commits must survive
	// it, so its cluster commits synchronously.
	if st.cluster, err = backend.StartPostgres(ctx, ds, backend.Durable(len(p.Faults) > 0)); err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	if pid := st.cluster.ServerPID(); pid != 0 {
		st.db = newTreeMeter(pid)
	}
	if st.dbSettings, err = st.cluster.Settings(ctx); err != nil {
		return nil, errors.Join(fmt.Errorf("bench: %w", err), st.Close())
	}
	return st, nil
}

// Close stops the cluster.
func (st *stage) Close() error {
	var err error
	if st.cluster != nil {
		err = st.cluster.Close()
	}
	if st.db != nil {
		err = errors.Join(err, st.db.close())
	}
	return err
}

// open serves transport name over a fresh backend (or targets the plan's
// server) and returns a session on it.
func (st *stage) open(ctx context.Context, name string) (*Session, error) {
	p := st.plan
	tr, err := transports.Lookup(name)
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	if p.Target != "" {
		served := target(p.Target)
		return &Session{plan: p, tr: tr, stand: stand{tr: tr, served: served, dialAddr: served.Addr, probeAddr: served.Addr}}, nil
	}
	if p.Backend == BackendMemory && transports.NeedsPostgres(tr) {
		return nil, fmt.Errorf("bench: %s needs the postgres backend", name)
	}
	s := &Session{plan: p, tr: tr, stand: stand{tr: tr, db: st.db}, drop: func() error { return nil }}
	spec := ServeSpec{Backend: p.Backend, Seed: p.Seed}
	if st.cluster != nil {
		if err := s.database(ctx, st, &spec); err != nil {
			return nil, errors.Join(err, s.drop())
		}
	}
	l := p.Launcher
	if l == nil {
		l = InProcess{}
	}
	if s.served, err = l.Launch(ctx, tr, spec); err != nil {
		return nil, errors.Join(err, s.closeHops(), s.drop())
	}
	s.dialAddr, s.probeAddr = s.served.Addr, s.served.Addr
	if transports.NeedsPostgres(tr) {
		s.probeAddr = s.ledgerURL // the consumer's direct link, past the proxy
	}
	if err := s.appHop(p); err != nil {
		return nil, errors.Join(err, s.Close())
	}
	return s, nil
}

// database makes the session's fresh database and, in a fault run, the
// proxy on the database hop that the server (or shareddb's consumer) is
// given instead of the database's own address.
func (s *Session) database(ctx context.Context, st *stage, spec *ServeSpec) error {
	name, drop, err := st.cluster.CreateDatabase(ctx)
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	s.drop = drop
	spec.ExternalDatabase = st.cluster.External()
	s.ledgerURL = st.cluster.URL(name)
	spec.DatabaseURL = s.ledgerURL
	caller := transports.NeedsPostgres(s.tr) // the database hop is shareddb's caller's
	if len(st.plan.Faults) == 0 && !(caller && st.plan.Network != "") {
		return nil
	}
	addr, err := st.cluster.Addr()
	if err != nil {
		return fmt.Errorf("bench: database hop: %w", err)
	}
	opts := faults.Options{Seed: st.plan.Seed.Seed}
	if caller {
		opts.Network = st.plan.network()
	}
	if !st.cluster.External() {
		opts.Restarter = clusterRestarter{st}
	}
	if s.hops.db, err = faults.New(addr, opts); err != nil {
		return fmt.Errorf("bench: database hop: %w", err)
	}
	spec.DatabaseURL, err = st.cluster.URLVia(name, s.hops.db.Addr())
	return err
}

// appHop puts a proxy between the clients and the server in a fault run,
// or to give the run its network; shareddb has no such hop.
func (s *Session) appHop(p *Plan) error {
	if (len(p.Faults) == 0 && p.Network == "") || !hasHop(s.tr.Name(), HopApp) {
		return nil
	}
	var err error
	opts := faults.Options{Seed: p.Seed.Seed, Restarter: s.served, Network: p.network()}
	if s.hops.app, err = faults.New(s.served.Addr, opts); err != nil {
		return fmt.Errorf("bench: app hop: %w", err)
	}
	s.dialAddr = s.hops.app.Addr()
	return nil
}

// network is the plan's network condition; the zero Network (loopback as
// it is) when it has none. Validate has checked it.
func (p *Plan) network() faults.Network {
	n, _ := faults.ParseNetwork(p.Network)
	return n
}

// clusterRestarter restarts PostgreSQL for the database hop's restart
// fault, and has the cluster's meter follow the new processes.
type clusterRestarter struct{ st *stage }

func (r clusterRestarter) Restart(ctx context.Context) error {
	err := r.st.cluster.Restart(ctx)
	if r.st.db != nil {
		r.st.db.adopt(r.st.cluster.ServerPID())
	}
	return err
}

// database describes what a server of the stage serves, for the results.
func (st *stage) database() string {
	switch {
	case st.plan.Target != "":
		return "unknown (a server run elsewhere)"
	case st.cluster == nil:
		return "memory"
	case st.cluster.External():
		return "postgres: external server (INTBENCH_PG_DSN); its CPU is not measured"
	}
	return "postgres: throw-away cluster owned by the engine; a fresh database per block"
}
