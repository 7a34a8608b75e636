package refactorstorage

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/intbench/intbench/evolution/sharedkit"
	"github.com/intbench/intbench/service"
	"github.com/intbench/intbench/service/pgstore"
)

// notesStatements are the provider's v2 order SQL: the note of an order is
// in order_notes (a row only for a non-empty note), and orders.note is no
// longer read or written (it keeps its default, the empty string).
var notesStatements = sharedkit.Statements{
	Orders: `
SELECT COALESCE(o.id, 0), COALESCE(o.status, ''), COALESCE(o.total_cents, 0), COALESCE(n.note, ''),
	COALESCE(o.created_at, 'epoch'), i.skus, i.quantities, i.prices
FROM customers c
LEFT JOIN LATERAL (
	SELECT id, status, total_cents, created_at FROM orders
	WHERE customer_id = c.id AND id > $2
	ORDER BY id LIMIT $3
) o ON true
LEFT JOIN order_notes n ON n.order_id = o.id
LEFT JOIN LATERAL (
	SELECT array_agg(sku ORDER BY pos) AS skus, array_agg(quantity ORDER BY pos) AS quantities,
		array_agg(unit_price_cents ORDER BY pos) AS prices
	FROM line_items WHERE order_id = o.id
) i ON true
WHERE c.id = $1
ORDER BY o.id`,
	Create: `
WITH o AS (
	INSERT INTO orders (customer_id, status, total_cents, created_at, request_id, request_fp)
	VALUES ($1, $2, $3, $5, $6, $7)
	ON CONFLICT (request_id) DO NOTHING
	RETURNING id
), n AS (
	INSERT INTO order_notes (order_id, note)
	SELECT o.id, $4::text FROM o WHERE $4::text <> ''
), li AS (
	INSERT INTO line_items (order_id, pos, sku, quantity, unit_price_cents)
	SELECT o.id, u.pos, u.sku, u.quantity, u.unit_price_cents
	FROM o, unnest($8::text[], $9::bigint[], $10::bigint[]) WITH ORDINALITY AS u(sku, quantity, unit_price_cents, pos)
)
SELECT id FROM o`,
	Redeliver: `
WITH o AS (
	SELECT id, customer_id, status, total_cents, created_at, request_fp
	FROM orders WHERE request_id = $1
), counted AS (
	INSERT INTO order_redeliveries AS r (request_id, redeliveries)
	SELECT $1, 1 FROM o
	ON CONFLICT (request_id) DO UPDATE SET redeliveries = r.redeliveries + 1
)
SELECT o.id, o.customer_id, o.status, o.total_cents, COALESCE(n.note, ''), o.created_at, o.request_fp,
	i.skus, i.quantities, i.prices
FROM o
LEFT JOIN order_notes n ON n.order_id = o.id
CROSS JOIN LATERAL (
	SELECT array_agg(sku ORDER BY pos) AS skus, array_agg(quantity ORDER BY pos) AS quantities,
		array_agg(unit_price_cents ORDER BY pos) AS prices
	FROM line_items WHERE order_id = o.id
) i`,
}

// store is the provider's v2 store: customers and the write ledger as in
// v1 (pgstore), orders through notesStatements.
type store struct {
	*pgstore.Store
	q *sharedkit.Queries
}

var _ service.LedgerReader = (*store)(nil)

// newStore prepares the provider's v2 store on db, migrated by this
// change. The database stays its caller's: Close closes the store's own
// statements, and pgstore's close with the database.
func newStore(ctx context.Context, db *sql.DB) (service.Store, error) {
	base, err := pgstore.New(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("refactorstorage: %w", err)
	}
	q, err := sharedkit.Prepare(ctx, db, notesStatements)
	if err != nil {
		return nil, fmt.Errorf("refactorstorage: %w", err)
	}
	return &store{Store: base, q: q}, nil
}

// CreateOrder stores o, its note in order_notes, idempotently by
// requestID.
func (s *store) CreateOrder(ctx context.Context, o service.Order, requestID string, fp []byte) (service.Order, []byte, bool, error) {
	stored, storedFP, created, err := s.q.Create(ctx, sharedkit.FromService(o), requestID, fp)
	if err != nil {
		return service.Order{}, nil, false, err
	}
	so, err := stored.Service()
	return so, storedFP, created, err
}

// Orders returns up to limit orders of customerID after afterID, with
// their notes from order_notes.
func (s *store) Orders(ctx context.Context, customerID, afterID int64, limit int) ([]service.Order, error) {
	orders, err := s.q.Orders(ctx, customerID, afterID, limit)
	if err != nil {
		return nil, err
	}
	out := make([]service.Order, len(orders))
	for i, o := range orders {
		if out[i], err = o.Service(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Close closes the store's own statements.
func (s *store) Close() error { return s.q.Close() }
