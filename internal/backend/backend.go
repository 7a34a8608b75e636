// Package backend builds what servers serve: the reference service over a
// seeded in-memory store, or over a seeded PostgreSQL database in a
// throw-away (or external) PostgreSQL server. The CLI, the engine and the
// conformance suite all build backends here, so they serve the same data.
//
// For fault runs a Cluster started with Durable(true) can be restarted
// like a crash without losing acknowledged commits, reached through a
// proxy (Addr, NewDatabaseVia), read directly (URL, for
// pgstore.ReadLedger), and describe its settings for the results.
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
	// Database is the name of the PostgreSQL database behind Service, or
	// "" for the in-memory backend.
	Database string

	cluster   *Cluster
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

// Cluster returns the PostgreSQL server that holds the backend's database
// (to restart it, read its settings or reach it through a proxy), or nil
// for the in-memory backend.
func (b *Backend) Cluster() *Cluster { return b.cluster }

// Option configures StartPostgres and Open.
type Option func(*options)

type options struct {
	durable bool
}

// Durable asks for a started PostgreSQL server that loses no acknowledged
// commit when it crashes or is restarted (pgserver.Options.Durable), as
// fault runs that restart it need. Off, the default, trades that for
// speed. It changes nothing for the memory backend or an external server.
func Durable(on bool) Option { return func(o *options) { o.durable = on } }

func collect(opts []Option) options {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	return o
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
func StartPostgres(ctx context.Context, ds service.Dataset, opts ...Option) (*Cluster, error) {
	srv, err := pgserver.Start(ctx, pgserver.Options{Durable: collect(opts).durable})
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
	return p.newDatabase(ctx, "")
}

// NewDatabaseVia is NewDatabase with the service's connections, and the
// backend's DSN, going to hostport (a fault proxy in front of Addr)
// instead of to the server. Every network wait of those connections is
// bounded by its call's context or pgstore.DefaultOpTimeout
// (pgstore.Connector), since the proxy may swallow their bytes. Read the
// database directly, bypassing the proxy, at URL(b.Database).
func (p *Cluster) NewDatabaseVia(ctx context.Context, hostport string) (*Backend, error) {
	if hostport == "" {
		return nil, errors.New("backend: new database via an empty address")
	}
	return p.newDatabase(ctx, hostport)
}

func (p *Cluster) newDatabase(ctx context.Context, via string) (*Backend, error) {
	name := fmt.Sprintf("%s_%d", p.template, p.seq.Add(1))
	if err := p.srv.CreateDatabase(ctx, name, p.template); err != nil {
		return nil, fmt.Errorf("backend: create database: %w", err)
	}
	url, db, err := p.open(name, via)
	if err != nil {
		return nil, errors.Join(err, p.srv.DropDatabase(context.WithoutCancel(ctx), name))
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
	return &Backend{Backend: transports.Backend{Service: core, DSN: url}, Database: name, cluster: p, closeFn: closeFn}, nil
}

// open opens database name, directly when via is "" (lib/pq as is, as
// the benchmarks have always measured), else through via.
func (p *Cluster) open(name, via string) (string, *sql.DB, error) {
	if via == "" {
		url := p.srv.URL(name)
		db, err := sql.Open("postgres", url)
		if err != nil {
			return "", nil, fmt.Errorf("backend: open database: %w", err)
		}
		return url, db, nil
	}
	url, err := p.srv.URLVia(name, via)
	if err != nil {
		return "", nil, fmt.Errorf("backend: %w", err)
	}
	conn, err := pgstore.Connector(url, nil)
	if err != nil {
		return "", nil, fmt.Errorf("backend: %w", err)
	}
	return url, sql.OpenDB(conn), nil
}

// URL returns the URL of database dbname on the server, for reading it
// directly (pgstore.ReadLedger) even while a proxy is faulty.
func (p *Cluster) URL(dbname string) string { return p.srv.URL(dbname) }

// Addr returns the host:port of the server, for a proxy to forward to.
func (p *Cluster) Addr() (string, error) { return p.srv.Addr() }

// URLVia returns the URL of database dbname reached at hostport instead
// of Addr.
func (p *Cluster) URLVia(dbname, hostport string) (string, error) {
	return p.srv.URLVia(dbname, hostport)
}

// Restart crashes the server and starts it again on the same address
// (pgserver.Server.Restart); only a Durable cluster keeps every
// acknowledged commit. Pools of the backends reconnect by themselves; a
// call in flight fails. It fails for an external server.
func (p *Cluster) Restart(ctx context.Context) error {
	if err := p.srv.Restart(ctx); err != nil {
		return fmt.Errorf("backend: %w", err)
	}
	return nil
}

// Settings returns the server's version and durability settings as it
// reports them, for the results document (pgserver.Server.Settings).
func (p *Cluster) Settings(ctx context.Context) (map[string]string, error) {
	return p.srv.Settings(ctx)
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
func Open(ctx context.Context, name string, ds service.Dataset, opts ...Option) (*Backend, error) {
	switch name {
	case Memory:
		return NewMemory(ds), nil
	case Postgres:
	default:
		return nil, fmt.Errorf("backend: unknown backend %q (want %s or %s)", name, Memory, Postgres)
	}
	pg, err := StartPostgres(ctx, ds, opts...)
	if err != nil {
		return nil, err
	}
	b, err := pg.NewDatabase(ctx)
	if err != nil {
		return nil, errors.Join(err, pg.Close())
	}
	return &Backend{Backend: b.Backend, Database: b.Database, cluster: pg,
		closeFn: func() error { return errors.Join(b.Close(), pg.Close()) }}, nil
}
