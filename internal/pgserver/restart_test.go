package pgserver

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/lib/pq"
)

// commitRows creates table t in db and commits rows 1..n into it, one
// acknowledged transaction each.
func commitRows(ctx context.Context, t *testing.T, db *sql.DB, n int) {
	t.Helper()
	if _, err := db.ExecContext(ctx, "CREATE TABLE t (id int PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= n; i++ {
		if _, err := db.ExecContext(ctx, "INSERT INTO t VALUES ($1)", i); err != nil {
			t.Fatalf("insert %d: %v", i, err)
		}
	}
}

// countRows opens a new pool on url and counts the rows of t; a table
// that is gone (the crash lost even its creation, which the throw-away
// settings allow) has none.
func countRows(ctx context.Context, t *testing.T, url string) int {
	t.Helper()
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	err = db.QueryRowContext(ctx, "SELECT count(*) FROM t").Scan(&n)
	if pe, ok := errors.AsType[*pq.Error](err); ok && pe.Code == "42P01" { // undefined_table
		t.Logf("the table itself was lost: %v", err)
		return 0
	}
	if err != nil {
		t.Fatalf("count after restart: %v", err)
	}
	return n
}

func TestRestart(t *testing.T) {
	const rows = 300
	tests := []struct {
		name     string
		durable  bool
		settings map[string]string
	}{
		{"durable", true, map[string]string{"synchronous_commit": "on", "full_page_writes": "on", "fsync": "off"}},
		// The throw-away settings may lose the last commits; the test
		// only logs how many, to show that it could see a loss.
		{"throw-away", false, map[string]string{"synchronous_commit": "off", "full_page_writes": "off", "fsync": "off"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			noExternal(t)
			var log syncBuffer
			s := start(t, Options{Durable: tt.durable, Log: &log})
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			checkSettings(ctx, t, s, tt.settings)
			if err := s.CreateDatabase(ctx, "r", ""); err != nil {
				t.Fatal(err)
			}
			url, addr := s.URL("r"), mustAddr(t, s)
			db, err := sql.Open("postgres", url)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			commitRows(ctx, t, db, rows)
			held, err := db.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer held.Close()
			if err := held.PingContext(ctx); err != nil {
				t.Fatal(err)
			}

			begin := time.Now()
			if err := s.Restart(ctx); err != nil {
				t.Fatalf("Restart: %v", err)
			}
			t.Logf("restarted in %v", time.Since(begin).Round(time.Millisecond))
			if !strings.Contains(log.String(), "automatic recovery in progress") {
				t.Errorf("the restart ran no crash recovery; server log:\n%s", log.String())
			}
			if got := mustAddr(t, s); got != addr || s.URL("r") != url {
				t.Fatalf("after Restart the server is at %s, was at %s", got, addr)
			}

			// A connection from before the restart fails at once.
			qctx, qcancel := context.WithTimeout(ctx, 20*time.Second)
			defer qcancel()
			var one int
			err = held.QueryRowContext(qctx, "SELECT 1").Scan(&one)
			if err == nil || qctx.Err() != nil {
				t.Fatalf("query on a connection open across the restart: %v (context: %v), want an error at once", err, qctx.Err())
			}
			t.Logf("old connection: %v", err)

			got := countRows(ctx, t, url)
			t.Logf("%d of %d acknowledged commits survived", got, rows)
			if tt.durable && got != rows {
				t.Fatalf("%d rows after restart, want %d", got, rows)
			}
			checkSettings(ctx, t, s, tt.settings) // the admin pool reconnects
		})
	}
}

func checkSettings(ctx context.Context, t *testing.T, s *Server, want map[string]string) {
	t.Helper()
	got, err := s.Settings(ctx)
	if err != nil {
		t.Fatalf("Settings: %v", err)
	}
	if got["server_version"] == "" {
		t.Errorf("Settings has no server_version: %v", got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("Settings()[%q] = %q, want %q", k, got[k], v)
		}
	}
}

func mustAddr(t *testing.T, s *Server) string {
	t.Helper()
	addr, err := s.Addr()
	if err != nil {
		t.Fatal(err)
	}
	return addr
}

func TestRestartRefused(t *testing.T) {
	noExternal(t)
	own := start(t, Options{})
	closed := start(t, Options{})
	if err := closed.Close(); err != nil {
		t.Fatal(err)
	}
	t.Setenv(EnvDSN, own.URL("postgres"))
	external := start(t, Options{})
	tests := []struct {
		name string
		s    *Server
		want error
	}{
		{"external", external, ErrExternal},
		{"closed", closed, errClosed},
	}
	for _, tt := range tests {
		if err := tt.s.Restart(context.Background()); !errors.Is(err, tt.want) {
			t.Errorf("Restart of the %s server: %v, want %v", tt.name, err, tt.want)
		}
	}
}
