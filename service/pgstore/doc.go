// Package pgstore is the PostgreSQL store of the orders service: its
// schema and migrations, a fast loader for seed data, and a service.Store
// over database/sql with github.com/lib/pq.
//
// The schema (migrations/*.sql, applied by Migrate) is meant to be read by
// people with psql as much as by code:
//
//	customers(id, name, email, tier, created_at, tags)
//	orders(id, customer_id, status, total_cents, note, created_at, request_id, request_fp)
//	line_items(order_id, pos, sku, quantity, unit_price_cents)
//	order_redeliveries(request_id, redeliveries)
//
// The first three are the shared-database consumer's contract. The last
// is the write ledger: PlaceOrder calls whose request ID was already taken
// are counted there (the first delivery of an ID is its order), and
// ReadLedger reports, per request ID, deliveries and orders, for fault
// runs to reconcile with what callers were told.
//
// Every Store operation is one round trip to the server in the common
// case: prepared statements, line items inserted with one unnest of
// arrays in the same statement as their order, and orders listed with
// their items aggregated into arrays. Connector builds connections through
// a caller's dialer (so the bytes on the wire can be counted) and bounds
// every network wait by the caller's context, which lib/pq alone does not.
package pgstore
