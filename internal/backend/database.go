package backend

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/service/pgstore"
	"github.com/intbench/intbench/transports"
)

// CreateDatabase creates a fresh copy of the seeded database and returns
// its name (see URL and URLVia) and a function that drops it, for a server
// that opens the database itself (an "intbench serve" child).
func (p *Cluster) CreateDatabase(ctx context.Context) (name string, drop func() error, err error) {
	name = fmt.Sprintf("%s_%d", p.template, p.seq.Add(1))
	if err := p.srv.CreateDatabase(ctx, name, p.template); err != nil {
		return "", nil, fmt.Errorf("backend: create database: %w", err)
	}
	return name, func() error { return p.srv.DropDatabase(context.Background(), name) }, nil
}

// ServerPID returns the postmaster's process ID, 0 for an external server.
func (p *Cluster) ServerPID() int { return p.srv.PID() }

// ServerConns sizes a server's pool of database connections: enough for
// the widest concurrency a standard run uses, kept open under load.
const ServerConns = 64

// FromURL returns the reference service over an existing seeded database
// at url (one that CreateDatabase made, in this or another process), with
// a pool of ServerConns connections. Close closes the connections and
// leaves the database.
func FromURL(ctx context.Context, url string) (*Backend, error) {
	db, err := sql.Open("postgres", url)
	if err != nil {
		return nil, fmt.Errorf("backend: open database: %w", err)
	}
	pgstore.Configure(db, ServerConns)
	store, err := pgstore.New(ctx, db)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("backend: %w", err), db.Close())
	}
	core := service.NewCore(store)
	return &Backend{Backend: transports.Backend{Service: core, DSN: url}, closeFn: core.Close}, nil
}

// ReadLedger reads, from the database at url, the deliveries and
// executions of every request ID starting with prefix: how a fault run
// learns what its writes did.
func ReadLedger(ctx context.Context, url, prefix string) ([]service.Delivery, error) {
	db, err := sql.Open("postgres", url)
	if err != nil {
		return nil, fmt.Errorf("backend: open database: %w", err)
	}
	defer db.Close()
	return pgstore.ReadLedger(ctx, db, prefix)
}
