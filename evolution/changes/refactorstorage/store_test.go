package refactorstorage

import (
	"context"
	"testing"
	"time"

	"github.com/intbench/intbench/evolution/sharedkit/sharedkittest"
	"github.com/intbench/intbench/service"
)

// TestStoreKeepsNotesInTheirTable checks the provider's v2 store on the
// migrated database: notes are written to and read from order_notes, a
// redelivery answers the stored note, orders.note stays empty, and an
// order without a note has no row.
func TestStoreKeepsNotesInTheirTable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	_, db := sharedkittest.Database(t, sharedkittest.Cluster(t), migration)
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
