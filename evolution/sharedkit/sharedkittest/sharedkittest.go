// Package sharedkittest gives the shared database's evolution tests what
// they need: a PostgreSQL cluster seeded as the matrix's, and fresh
// databases of it with a change's migration applied, as the runner makes
// a v2 side's.
package sharedkittest

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/internal/backend"
	"github.com/intbench/intbench/service"
)

// setupTimeout bounds starting a cluster or making a database.
const setupTimeout = 2 * time.Minute

// Cluster starts a PostgreSQL cluster seeded with evolution.Seed, stopped
// when t ends.
func Cluster(t testing.TB) *backend.Cluster {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	cl, err := backend.StartPostgres(ctx, service.MustGenerate(evolution.Seed))
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	t.Cleanup(func() { _ = cl.Close() })
	return cl
}

// Database makes a fresh seeded database of cl, applies migration to it
// ("" for none) and returns its URL and an open handle; both go when t
// ends.
func Database(t testing.TB, cl *backend.Cluster, migration string) (string, *sql.DB) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	name, drop, err := cl.CreateDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = drop() })
	url := cl.URL(name)
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if migration != "" {
		if _, err := db.ExecContext(ctx, migration); err != nil {
			t.Fatalf("migration: %v", err)
		}
	}
	return url, db
}
