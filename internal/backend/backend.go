// Package backend builds what servers serve: the reference service over a
// seeded in-memory store, or over a seeded PostgreSQL database in a
// throw-away (or external) PostgreSQL server. The CLI, the engine and the
// conformance suite all build backends here, so they serve the same data.
package backend

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"

	"github.com/intbench/intbench/internal/pgserver"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/service/pgstore"
	"github.com/intbench/intbench/transports"
)

// Names of the backends.
const (
	Memory   = "memory"
	Postgres = "postgres"
)

// Backend is a served data set: the service and, for PostgreSQL, its URL.
// Close releases it; calling Close twice is safe.
type Backend struct {
	transports.Backend
	closeOnce sync.Once
	closeFn   func() error
	closeErr  error
}

// Close releases the backend's store (and database, for PostgreSQL).
func (b *Backend) Close() error {
	b.closeOnce.Do(func() {
		if b.closeFn != nil {
			b.closeErr = b.closeFn()
		}
	})
	return b.closeErr
}

// NewMemory returns the reference service over an in-memory copy of ds.
func NewMemory(ds service.Dataset) *Backend {
	core := service.NewCore(service.NewMemoryStore(ds))
	return &Backend{Backend: transports.Backend{Service: core}, closeFn: core.Close}
}

// Cluster is a PostgreSQL server holding a seeded template database, from
// which it hands out fresh seeded databases.
type Cluster struct {
	srv      *pgserver.Server
	template string
	seq      atomic.Int64
}

// StartPostgres starts (or, with INTBENCH_PG_DSN, connects to) a PostgreSQL
// server and loads ds into a template database. Errors wrap
// pgserver.ErrUnavailable when no server can be had.
func StartPostgres(ctx context.Context, ds service.Dataset) (*Cluster, error) {
	srv, err := pgserver.Start(ctx, pgserver.Options{})
	if err != nil {
		return nil, fmt.Errorf("backend: start postgres: %w", err)
	}
	p := &Cluster{srv: srv, template: fmt.Sprintf("intbench_seed_%d", seedSuffix())}
	if err := p.loadTemplate(ctx, ds); err != nil {
		_ = srv.Close()
		return nil, err
	}
	return p, nil
}

func (p *Cluster) loadTemplate(ctx context.Context, ds service.Dataset) error {
	if err := p.srv.CreateDatabase(ctx, p.template, ""); err != nil {
		return fmt.Errorf("backend: create template database: %w", err)
	}
	db, err := sql.Open("postgres", p.srv.URL(p.template))
	if err != nil {
		return fmt.Errorf("backend: open template database: %w", err)
	}
	defer db.Close()
	if err := pgstore.Migrate(ctx, db); err != nil {
		return fmt.Errorf("backend: migrate template database: %w", err)
	}
	if err := pgstore.Load(ctx, db, ds); err != nil {
		return fmt.Errorf("backend: load seed: %w", err)
	}
	return nil
}

// NewDatabase creates a fresh copy of the seeded database and returns the
// reference service over it. Close drops the database.
func (p *Cluster) NewDatabase(ctx context.Context) (*Backend, error) {
	name := fmt.Sprintf("%s_%d", p.template, p.seq.Add(1))
	if err := p.srv.CreateDatabase(ctx, name, p.template); err != nil {
		return nil, fmt.Errorf("backend: create database: %w", err)
	}
	url := p.srv.URL(name)
	db, err := sql.Open("postgres", url)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("backend: open database: %w", err), p.srv.DropDatabase(context.WithoutCancel(ctx), name))
	}
	pgstore.Configure(db, 64)
	store, err := pgstore.New(ctx, db)
	if err != nil {
		_ = db.Close()
		return nil, errors.Join(fmt.Errorf("backend: %w", err), p.srv.DropDatabase(context.WithoutCancel(ctx), name))
	}
	core := service.NewCore(store)
	closeFn := func() error {
		err := core.Close()
		return errors.Join(err, p.srv.DropDatabase(context.Background(), name))
	}
	return &Backend{Backend: transports.Backend{Service: core, DSN: url}, closeFn: closeFn}, nil
}

// External reports whether the server was given by INTBENCH_PG_DSN or
// DATABASE_URL rather than started here.
func (p *Cluster) External() bool { return p.srv.External() }

// Close drops the template (on an external server) and stops the server.
func (p *Cluster) Close() error {
	var err error
	if p.srv.External() {
		err = p.srv.DropDatabase(context.Background(), p.template)
	}
	return errors.Join(err, p.srv.Close())
}

var suffix atomic.Int64

// seedSuffix keeps template names unique within a process; the pid keeps
// them unique across processes sharing an external server.
func seedSuffix() int64 { return int64(os.Getpid())*1000 + suffix.Add(1) }

// Open builds the named backend (Memory or Postgres) over ds. A Postgres
// backend owns its server: Close drops the database and stops the server.
func Open(ctx context.Context, name string, ds service.Dataset) (*Backend, error) {
	switch name {
	case Memory:
		return NewMemory(ds), nil
	case Postgres:
	default:
		return nil, fmt.Errorf("backend: unknown backend %q (want %s or %s)", name, Memory, Postgres)
	}
	pg, err := StartPostgres(ctx, ds)
	if err != nil {
		return nil, err
	}
	b, err := pg.NewDatabase(ctx)
	if err != nil {
		return nil, errors.Join(err, pg.Close())
	}
	return &Backend{Backend: b.Backend, closeFn: func() error { return errors.Join(b.Close(), pg.Close()) }}, nil
}
