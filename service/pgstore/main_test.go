package pgstore

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intbench/intbench/internal/pgserver"
	"github.com/intbench/intbench/service"
)

// One server for the package; each test gets databases of its own.
var pg struct {
	srv *pgserver.Server
	err error

	seedOnce sync.Once
	seedErr  error
	seq      atomic.Int64
}

const seedTemplate = "pgstore_test_seed"

func TestMain(m *testing.M) {
	if os.Getenv("INTBENCH_NO_PG") != "1" {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		pg.srv, pg.err = pgserver.Start(ctx, pgserver.Options{})
		cancel()
	}
	code := m.Run()
	if pg.srv != nil {
		if pg.srv.External() {
			_ = pg.srv.DropDatabase(context.Background(), seedTemplate)
		}
		if err := pg.srv.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "close postgres:", err)
			code = 1
		}
	}
	os.Exit(code)
}

func server(t testing.TB) *pgserver.Server {
	t.Helper()
	if os.Getenv("INTBENCH_NO_PG") == "1" {
		t.Skip("INTBENCH_NO_PG=1")
	}
	if pg.err != nil {
		t.Fatalf("postgres: %v", pg.err)
	}
	return pg.srv
}

func testCtx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// newDatabase creates a database for t (a copy of the seeded template
// when seeded) and returns its URL; it is dropped when t ends.
func newDatabase(t testing.TB, seeded bool) string {
	t.Helper()
	srv := server(t)
	ctx := testCtx(t)
	template := ""
	if seeded {
		pg.seedOnce.Do(func() { pg.seedErr = makeSeed(ctx, srv) })
		if pg.seedErr != nil {
			t.Fatalf("seed template: %v", pg.seedErr)
		}
		template = seedTemplate
	}
	name := fmt.Sprintf("pgstore_test_%d_%d", os.Getpid(), pg.seq.Add(1))
	if err := srv.CreateDatabase(ctx, name, template); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := srv.DropDatabase(context.Background(), name); err != nil {
			t.Errorf("drop %s: %v", name, err)
		}
	})
	return srv.URL(name)
}

func makeSeed(ctx context.Context, srv *pgserver.Server) error {
	_ = srv.DropDatabase(ctx, seedTemplate)
	if err := srv.CreateDatabase(ctx, seedTemplate, ""); err != nil {
		return err
	}
	db, err := sql.Open("postgres", srv.URL(seedTemplate))
	if err != nil {
		return err
	}
	defer db.Close()
	if err := Migrate(ctx, db); err != nil {
		return err
	}
	return Load(ctx, db, service.MustGenerate(service.DefaultSeed()))
}

// openDB opens url through Connector with dial (nil for the default).
func openDB(t testing.TB, url string, dial DialFunc) *sql.DB {
	t.Helper()
	c, err := Connector(url, dial)
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(c)
	Configure(db, 32)
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// newStore returns a store over a fresh copy of the default seed.
func newStore(t testing.TB) *Store {
	t.Helper()
	db := openDB(t, newDatabase(t, true), nil)
	s, err := New(testCtx(t), db)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}
