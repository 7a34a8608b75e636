package refactorstorage

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/internal/backend"
	"github.com/intbench/intbench/service"
)

// TestStoreKeepsNotesInTheirTable checks the provider's v2 store on the
// migrated database: notes are written to and read from order_notes, a
// redelivery answers the stored note, orders.note stays empty, and an
// order without a note has no row.
func TestStoreKeepsNotesInTheirTable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	db := migrated(ctx, t)
	st, err := newStore(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	core := service.NewCore(st)
	items := []service.LineItem{{SKU: "SKU-1", Quantity: 2, UnitPriceCents: 100}}
	tests := []struct{ id, note string }{{"store-1", "leave at the door"}, {"store-2", ""}}
	for _, tt := range tests {
		req := service.PlaceOrderRequest{CustomerID: 3, Items: items, Note: tt.note, RequestID: tt.id}
		placed, err := core.PlaceOrder(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		again, err := core.PlaceOrder(ctx, req)
		if err != nil || again.Note != tt.note || again.ID != placed.ID {
			t.Errorf("%s redelivered: %+v, %v; want order %d with note %q", tt.id, again, err, placed.ID, tt.note)
		}
		var inOrders string
		var inNotes int
		if err := db.QueryRowContext(ctx, `SELECT note, (SELECT count(*) FROM order_notes WHERE order_id = $1) FROM orders WHERE id = $1`,
			placed.ID).Scan(&inOrders, &inNotes); err != nil {
			t.Fatal(err)
		}
		if want := min(len(tt.note), 1); inOrders != "" || inNotes != want {
			t.Errorf("%s: orders.note %q, %d rows in order_notes; want \"\" and %d", tt.id, inOrders, inNotes, want)
		}
		page, err := core.ListOrders(ctx, service.ListOrdersRequest{CustomerID: 3, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if last := page.Orders[len(page.Orders)-1]; last.ID != placed.ID || last.Note != tt.note {
			t.Errorf("%s listed as %+v, want order %d with note %q", tt.id, last, placed.ID, tt.note)
		}
	}
}

// migrated returns a seeded database of a cluster of the test's own,
// with the change's migration applied.
func migrated(ctx context.Context, t *testing.T) *sql.DB {
	t.Helper()
	cl, err := backend.StartPostgres(ctx, service.MustGenerate(evolution.Seed))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cl.Close() })
	name, drop, err := cl.CreateDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = drop() })
	db, err := sql.Open("postgres", cl.URL(name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if _, err := db.ExecContext(ctx, migration); err != nil {
		t.Fatal(err)
	}
	return db
}
