package sharedkit

import (
	"strconv"
	"strings"
)

// Statements are a consumer's (or provider's) order SQL against one
// version of the schema. Their parameters and columns are fixed, so one
// piece of Go runs any version's SQL:
//
//   - Orders: $1 customer ID, $2 after this order ID, $3 limit; rows of
//     (id, status, total_cents, note, created_at, skus[], quantities[],
//     prices[]) in ID order; one row with id 0 for a customer without
//     orders in range, none for an unknown customer.
//   - Create: $1 customer ID, $2 status, $3 total_cents, $4 note,
//     $5 created_at, $6 request ID, $7 fingerprint, $8 skus text[],
//     $9 quantities bigint[], $10 prices bigint[], then CreateArgs; returns
//     the new order's id, or no row when the request ID is taken.
//   - Redeliver: $1 request ID; counts one more delivery of it and returns
//     (id, customer_id, status, total_cents, note, created_at, fingerprint,
//     skus[], quantities[], prices[]) of the order stored under it, or no
//     row.
type Statements struct {
	Orders, Create, Redeliver string
	// CreateArgs follow Create's ten parameters ($11 on).
	CreateArgs []any
}

// Layout is where a version of the schema keeps orders, from which
// Statements are built.
type Layout struct {
	// Orders and LineItems are the tables, schema-qualified if need be.
	Orders, LineItems string
	// Columns are more columns every new order is written with.
	Columns []Column
}

// Column is a column a new order is written with, and its value.
type Column struct {
	Name  string
	Value any
}

// V1Layout is the v1 schema's: public.orders and public.line_items.
var V1Layout = Layout{Orders: "orders", LineItems: "line_items"}

// Statements returns the order SQL against l.
func (l Layout) Statements() Statements {
	var cols, vals strings.Builder
	args := make([]any, len(l.Columns))
	for i, c := range l.Columns {
		cols.WriteString(", " + c.Name)
		vals.WriteString(", $" + strconv.Itoa(11+i))
		args[i] = c.Value
	}
	r := strings.NewReplacer("{orders}", l.Orders, "{line_items}", l.LineItems, "{columns}", cols.String(), "{values}", vals.String())
	return Statements{Orders: r.Replace(ordersSQL), Create: r.Replace(createSQL), Redeliver: r.Replace(redeliverSQL), CreateArgs: args}
}

// The statement templates: the v1 consumer's SQL (service/pgstore's)
// with the tables and the new order's extra columns left open.
const (
	ordersSQL = `
SELECT COALESCE(o.id, 0), COALESCE(o.status, ''), COALESCE(o.total_cents, 0), COALESCE(o.note, ''),
	COALESCE(o.created_at, 'epoch'), i.skus, i.quantities, i.prices
FROM customers c
LEFT JOIN LATERAL (
	SELECT id, status, total_cents, note, created_at FROM {orders}
	WHERE customer_id = c.id AND id > $2
	ORDER BY id LIMIT $3
) o ON true
LEFT JOIN LATERAL (
	SELECT array_agg(sku ORDER BY pos) AS skus, array_agg(quantity ORDER BY pos) AS quantities,
		array_agg(unit_price_cents ORDER BY pos) AS prices
	FROM {line_items} WHERE order_id = o.id
) i ON true
WHERE c.id = $1
ORDER BY o.id`

	createSQL = `
WITH o AS (
	INSERT INTO {orders} (customer_id, status, total_cents, note, created_at, request_id, request_fp{columns})
	VALUES ($1, $2, $3, $4, $5, $6, $7{values})
	ON CONFLICT (request_id) DO NOTHING
	RETURNING id
), li AS (
	INSERT INTO {line_items} (order_id, pos, sku, quantity, unit_price_cents)
	SELECT o.id, u.pos, u.sku, u.quantity, u.unit_price_cents
	FROM o, unnest($8::text[], $9::bigint[], $10::bigint[]) WITH ORDINALITY AS u(sku, quantity, unit_price_cents, pos)
)
SELECT id FROM o`

	redeliverSQL = `
WITH o AS (
	SELECT id, customer_id, status, total_cents, note, created_at, request_fp
	FROM {orders} WHERE request_id = $1
), counted AS (
	INSERT INTO order_redeliveries AS r (request_id, redeliveries)
	SELECT $1, 1 FROM o
	ON CONFLICT (request_id) DO UPDATE SET redeliveries = r.redeliveries + 1
)
SELECT o.id, o.customer_id, o.status, o.total_cents, o.note, o.created_at, o.request_fp,
	i.skus, i.quantities, i.prices
FROM o
CROSS JOIN LATERAL (
	SELECT array_agg(sku ORDER BY pos) AS skus, array_agg(quantity ORDER BY pos) AS quantities,
		array_agg(unit_price_cents ORDER BY pos) AS prices
	FROM {line_items} WHERE order_id = o.id
) i`
)
