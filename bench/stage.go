package bench

import (
	"context"
	"errors"
	"fmt"

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
	if st.cluster, err = backend.StartPostgres(ctx, ds); err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	if pid := st.cluster.ServerPID(); pid != 0 {
		st.db = newTreeMeter(pid)
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
		return &Session{plan: p, tr: tr, stand: stand{tr: tr, served: target(p.Target)}}, nil
	}
	if p.Backend == BackendMemory && transports.NeedsPostgres(tr) {
		return nil, fmt.Errorf("bench: %s needs the postgres backend", name)
	}
	spec := ServeSpec{Backend: p.Backend, Seed: p.Seed}
	drop := func() error { return nil }
	if st.cluster != nil {
		if spec.DatabaseURL, drop, err = st.cluster.CreateDatabase(ctx); err != nil {
			return nil, fmt.Errorf("bench: %w", err)
		}
		spec.ExternalDatabase = st.cluster.External()
	}
	l := p.Launcher
	if l == nil {
		l = InProcess{}
	}
	served, err := l.Launch(ctx, tr, spec)
	if err != nil {
		return nil, errors.Join(err, drop())
	}
	return &Session{plan: p, tr: tr, stand: stand{tr: tr, served: served, db: st.db}, drop: drop}, nil
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
