package pgstore

// The statements of the store, prepared once per pooled connection.
const (
	qCustomer = `SELECT name, email, tier, created_at, tags FROM customers WHERE id = $1`

	// qCreateOrder inserts an order and its items in one statement (one
	// round trip, atomic on its own). When request_id is taken it inserts
	// nothing and returns no row.
	qCreateOrder = `
WITH o AS (
	INSERT INTO orders (customer_id, status, total_cents, note, created_at, request_id, request_fp)
	VALUES ($1, $2, $3, $4, $5, $6, $7)
	ON CONFLICT (request_id) DO NOTHING
	RETURNING id
), li AS (
	INSERT INTO line_items (order_id, pos, sku, quantity, unit_price_cents)
	SELECT o.id, u.pos, u.sku, u.quantity, u.unit_price_cents
	FROM o, unnest($8::text[], $9::int[], $10::bigint[]) WITH ORDINALITY AS u(sku, quantity, unit_price_cents, pos)
)
SELECT id FROM o`

	// qRedeliver counts one more delivery of a request ID that is taken
	// and reads the order stored under it, with its fingerprint and items,
	// in one statement (one round trip, atomic on its own). It counts and
	// returns nothing when no order carries the ID. The count and the read
	// see the same snapshot, so a delivery is counted exactly when the
	// order is returned; concurrent deliveries of one ID queue on its row
	// of order_redeliveries, so none is lost.
	qRedeliver = `
WITH o AS (
	SELECT id, customer_id, status, total_cents, note, created_at, request_fp
	FROM orders WHERE request_id = $1
), counted AS (
	INSERT INTO order_redeliveries AS r (request_id, redeliveries)
	SELECT $1, 1 FROM o
	ON CONFLICT (request_id) DO UPDATE SET redeliveries = r.redeliveries + 1
)
SELECT o.id, o.customer_id, o.status, o.total_cents, o.note, o.created_at, o.request_fp,
	i.skus, i.quantities, i.prices
FROM o
CROSS JOIN LATERAL (
	SELECT array_agg(sku ORDER BY pos) AS skus,
		array_agg(quantity ORDER BY pos) AS quantities,
		array_agg(unit_price_cents ORDER BY pos) AS prices
	FROM line_items WHERE order_id = o.id
) i`

	// qLedger returns, per request ID matching the LIKE pattern $1, its
	// deliveries and the orders that carry it. It is run unprepared, so
	// that each call is planned with its pattern as a constant: the
	// planner turns the pattern's fixed prefix into a range on the unique
	// index of request_id (whose collation is C, see 0002_redeliveries).
	// The escape character is written E'\\' so that it is one backslash
	// whatever standard_conforming_strings says.
	qLedger = `
SELECT o.request_id, o.executions + COALESCE(r.redeliveries, 0), o.executions
FROM (
	SELECT request_id, count(*) AS executions FROM orders
	WHERE request_id LIKE $1 ESCAPE E'\\'
	GROUP BY request_id
) o
LEFT JOIN order_redeliveries r ON r.request_id = o.request_id
ORDER BY o.request_id`

	// qOrders returns one page of a customer's orders with their items.
	// An existing customer without orders (in range) yields one marker row
	// whose id is 0; an unknown customer yields no row. So one round trip
	// answers both questions.
	qOrders = `
SELECT COALESCE(o.id, 0), COALESCE(o.status, ''), COALESCE(o.total_cents, 0), COALESCE(o.note, ''),
	COALESCE(o.created_at, 'epoch'), i.skus, i.quantities, i.prices
FROM customers c
LEFT JOIN LATERAL (
	SELECT id, status, total_cents, note, created_at FROM orders
	WHERE customer_id = c.id AND id > $2
	ORDER BY id LIMIT $3
) o ON true
LEFT JOIN LATERAL (
	SELECT array_agg(sku ORDER BY pos) AS skus,
		array_agg(quantity ORDER BY pos) AS quantities,
		array_agg(unit_price_cents ORDER BY pos) AS prices
	FROM line_items WHERE order_id = o.id
) i ON true
WHERE c.id = $1
ORDER BY o.id`
)
