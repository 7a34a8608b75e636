package newenumvalue

import (
	"context"
	"testing"
	"time"

	"github.com/intbench/intbench/evolution"
	"github.com/intbench/intbench/evolution/evolutiontest"
	"github.com/intbench/intbench/evolution/sharedkit/sharedkittest"
	"github.com/intbench/intbench/results"
)

// Statuses are text to both consumers and neither checks them on reading:
// the v1 consumer reads refunded as a status it has no name for, and the
// v2 consumer reads the stored status where v2 reports refunded.
func TestSharedDB(t *testing.T) {
	evolutiontest.Pin(t, Name, "shareddb", evolutiontest.Want{
		OldClient: map[string]string{"": results.Silent},
		NewClient: results.Compatible,
	})
}

// TestMigrationRefundsTheAgreedOrder checks that the migration refunds
// evolution.RefundedOrder, the order every v2 provider reports refunded,
// and only it.
func TestMigrationRefundsTheAgreedOrder(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	_, db := sharedkittest.Database(t, sharedkittest.Cluster(t), migration)
	var ids []int64
	rows, err := db.QueryContext(ctx, `SELECT id FROM orders WHERE status = $1`, evolution.RefundedStatus)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(ids) != 1 || ids[0] != evolution.RefundedOrder() {
		t.Fatalf("refunded orders %v, want [%d]", ids, evolution.RefundedOrder())
	}
}
