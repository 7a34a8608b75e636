package pgstore

import (
	"database/sql"
	"sync"
	"testing"
	"time"

	"github.com/intbench/intbench/service"
)

func TestMigrateIsIdempotent(t *testing.T) {
	db := openDB(t, newDatabase(t, false), nil)
	ctx := testCtx(t)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs { // concurrent first runs
		wg.Go(func() { errs[i] = Migrate(ctx, db) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatalf("concurrent Migrate: %v", err)
		}
	}
	if err := Migrate(ctx, db); err != nil {
		t.Fatalf("second Migrate: %v", err)
	}
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != len(ms) || len(ms) == 0 {
		t.Fatalf("schema_migrations has %d rows, want %d", n, len(ms))
	}
}

func TestLoadDefaultSeed(t *testing.T) {
	db := openDB(t, newDatabase(t, false), nil)
	ctx := testCtx(t)
	if err := Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	ds := service.MustGenerate(service.DefaultSeed())
	begin := time.Now()
	if err := Load(ctx, db, ds); err != nil {
		t.Fatalf("Load: %v", err)
	}
	took := time.Since(begin)
	items := 0
	for _, o := range ds.Orders {
		items += len(o.Items)
	}
	t.Logf("loaded %d customers, %d orders, %d items in %v", len(ds.Customers), len(ds.Orders), items, took)
	counts := []struct {
		query string
		want  int
	}{
		{"SELECT count(*) FROM customers", len(ds.Customers)},
		{"SELECT count(*) FROM orders", len(ds.Orders)},
		{"SELECT count(*) FROM line_items", items},
		{"SELECT nextval(pg_get_serial_sequence('orders', 'id'))", len(ds.Orders) + 1},
	}
	for _, c := range counts {
		var got int
		if err := db.QueryRowContext(ctx, c.query).Scan(&got); err != nil {
			t.Fatalf("%s: %v", c.query, err)
		}
		if got != c.want {
			t.Errorf("%s = %d, want %d", c.query, got, c.want)
		}
	}
}

func TestLoadEmptySequence(t *testing.T) {
	db := openDB(t, newDatabase(t, false), nil)
	ctx := testCtx(t)
	if err := Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	ds := service.MustGenerate(service.SeedConfig{Seed: 1, Customers: 3})
	if err := Load(ctx, db, ds); err != nil {
		t.Fatalf("Load: %v", err)
	}
	var next int
	if err := db.QueryRowContext(ctx, "SELECT nextval(pg_get_serial_sequence('orders', 'id'))").Scan(&next); err != nil {
		t.Fatal(err)
	}
	if next != 1 {
		t.Fatalf("first order id after loading no orders = %d, want 1", next)
	}
}

// TestSchemaAsDocumented reads the schema back from information_schema:
// the shared-database consumer depends on exactly these columns.
func TestSchemaAsDocumented(t *testing.T) {
	db := openDB(t, newDatabase(t, true), nil)
	want := map[string][]string{
		"customers":          {"id bigint", "name text", "email text", "tier text", "created_at timestamp with time zone", "tags ARRAY"},
		"orders":             {"id bigint", "customer_id bigint", "status text", "total_cents bigint", "note text", "created_at timestamp with time zone", "request_id text", "request_fp bytea"},
		"line_items":         {"order_id bigint", "pos integer", "sku text", "quantity integer", "unit_price_cents bigint"},
		"order_redeliveries": {"request_id text", "redeliveries integer"},
	}
	for table, cols := range want {
		got := columns(t, db, table)
		if len(got) != len(cols) {
			t.Errorf("%s columns = %v, want %v", table, got, cols)
			continue
		}
		for i := range cols {
			if got[i] != cols[i] {
				t.Errorf("%s column %d = %q, want %q", table, i+1, got[i], cols[i])
			}
		}
	}
	var comment sql.NullString
	if err := db.QueryRowContext(testCtx(t), "SELECT obj_description('orders'::regclass)").Scan(&comment); err != nil || !comment.Valid {
		t.Errorf("orders has no comment: %v", err)
	}
}

func columns(t *testing.T, db *sql.DB, table string) []string {
	t.Helper()
	rows, err := db.QueryContext(testCtx(t), `SELECT column_name, data_type FROM information_schema.columns
		WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name, typ string
		if err := rows.Scan(&name, &typ); err != nil {
			t.Fatal(err)
		}
		out = append(out, name+" "+typ)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
