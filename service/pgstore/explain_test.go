package pgstore

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/lib/pq"
)

// explainLedger returns the plan of the ledger query for prefix on db, as
// ReadLedger runs it (the pattern a parameter of an unprepared statement).
func explainLedger(t *testing.T, db *sql.DB, prefix string, settings ...string) string {
	t.Helper()
	ctx := testCtx(t)
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, s := range settings {
		if _, err := conn.ExecContext(ctx, "SET "+s); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := conn.QueryContext(ctx, "EXPLAIN "+qLedger, likePrefix(prefix))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan strings.Builder
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		plan.WriteString(line + "\n")
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return plan.String()
}

// icuDatabase creates a migrated, empty database whose default collation
// is ICU's en-US, where a text column's btree index does not serve LIKE;
// it skips t when the server cannot (no ICU, PostgreSQL before 15).
func icuDatabase(t *testing.T) *sql.DB {
	t.Helper()
	srv := server(t)
	ctx := testCtx(t)
	name := fmt.Sprintf("pgstore_test_icu_%d_%d", os.Getpid(), pg.seq.Add(1))
	admin := openDB(t, srv.URL("postgres"), nil)
	q := "CREATE DATABASE " + pq.QuoteIdentifier(name) + " TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'"
	if _, err := admin.ExecContext(ctx, q); err != nil {
		t.Skipf("no ICU database: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.DropDatabase(context.Background(), name); err != nil {
			t.Errorf("drop %s: %v", name, err)
		}
	})
	db := openDB(t, srv.URL(name), nil)
	if err := Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestLedgerUsesIndex checks that the ledger's prefix match is a range
// condition on the unique index of request_id, in the C locale of our
// clusters and in an ICU locale (thanks to the column's C collation).
func TestLedgerUsesIndex(t *testing.T) {
	dbs := []struct {
		name string
		open func(t *testing.T) *sql.DB
	}{
		{"seeded C locale", func(t *testing.T) *sql.DB { return newStore(t).DB() }},
		{"ICU en-US", icuDatabase},
	}
	prefixes := []struct{ prefix, cond string }{
		{"cell-7/", `Index Cond: ((request_id >= 'cell-7/'::text) AND (request_id < 'cell-70'::text))`},
		{`a%b_c\é`, `Index Cond: ((request_id >= 'a%b_c\é'::text) AND (request_id < 'a%b_c\ê'::text))`},
	}
	for _, tt := range dbs {
		t.Run(tt.name, func(t *testing.T) {
			db := tt.open(t)
			t.Logf("plan for %q:\n%s", prefixes[0].prefix, explainLedger(t, db, prefixes[0].prefix))
			for _, p := range prefixes {
				// Without sequential scans the planner still has a
				// full index scan; only a usable index gives Index Cond.
				plan := explainLedger(t, db, p.prefix, "enable_seqscan = off")
				if !strings.Contains(plan, "orders_request_id_key") || !strings.Contains(plan, p.cond) {
					t.Errorf("ledger plan for %q lacks %s on orders_request_id_key:\n%s", p.prefix, p.cond, plan)
				}
			}
		})
	}
}
