-- 0002_redeliveries: count the deliveries of every PlaceOrder request ID,
-- so that fault runs can reconcile what callers were told with what the
-- database holds.

-- Request IDs are opaque keys, compared byte by byte. In the C collation
-- the unique index on request_id also serves prefix searches
-- (request_id LIKE 'cell-7/%'), whatever the database's own locale.
-- Equality, all the consumer relies on, is the same in every collation.
ALTER TABLE orders ALTER COLUMN request_id TYPE text COLLATE "C";

-- The count lives in a table of its own rather than in a column of
-- orders: orders, customers and line_items are the shared-database
-- consumer's contract, and a table the provider adds leaves that contract
-- as it was. Only repeated deliveries get a row: the first delivery is the
-- order itself, so storing a new order writes nothing more than before.
-- Deliveries of a request ID = its orders + its redeliveries.
CREATE TABLE order_redeliveries (
    request_id   text COLLATE "C" PRIMARY KEY REFERENCES orders (request_id),
    redeliveries int  NOT NULL CHECK (redeliveries > 0)
);
COMMENT ON TABLE order_redeliveries IS 'PlaceOrder calls that found their request_id already taken, per request_id.';
COMMENT ON COLUMN order_redeliveries.redeliveries IS 'Calls after the first that reached the database and completed, conflicting ones (same request_id, other order) included.';
