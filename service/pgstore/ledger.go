package pgstore

import (
	"context"
	"database/sql"
	"strings"

	"github.com/intbench/intbench/service"
)

// Ledger returns the deliveries of every stored request ID that starts
// with prefix, ordered by request ID (byte order). See ReadLedger.
func (s *Store) Ledger(ctx context.Context, prefix string) ([]service.Delivery, error) {
	return ReadLedger(ctx, s.db, prefix)
}

// ReadLedger reads the write ledger of db, a database migrated by Migrate,
// for an engine that holds only its URL: for every request ID that starts
// with prefix (literal text; %, _ and \ match themselves), how many
// PlaceOrder calls with it reached the database and completed, and how
// many orders carry it. IDs are in byte order. The query is one round
// trip and uses the unique index of orders.request_id; ctx bounds it.
func ReadLedger(ctx context.Context, db *sql.DB, prefix string) ([]service.Delivery, error) {
	rows, err := db.QueryContext(ctx, qLedger, likePrefix(prefix))
	if err != nil {
		return nil, wrapErr(ctx, "read ledger", err)
	}
	defer rows.Close()
	var out []service.Delivery
	for rows.Next() {
		var d service.Delivery
		if err := rows.Scan(&d.RequestID, &d.Deliveries, &d.Executions); err != nil {
			return nil, wrapErr(ctx, "read ledger", err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, wrapErr(ctx, "read ledger", err)
	}
	return out, nil
}

// likeEscaper quotes the metacharacters of a LIKE pattern whose escape
// character is a backslash.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// likePrefix returns the LIKE pattern (escape character \) that matches
// the strings starting with prefix.
func likePrefix(prefix string) string { return likeEscaper.Replace(prefix) + "%" }
