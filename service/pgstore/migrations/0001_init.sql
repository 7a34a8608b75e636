-- 0001_init: the orders service schema.
--
-- The provider owns these tables. The shared-database pattern lets a
-- consumer read and write them directly, so every column here is part of
-- that consumer's contract, whether anyone meant it to be or not.

CREATE TABLE customers (
    id         bigint      PRIMARY KEY,
    name       text        NOT NULL,
    email      text        NOT NULL,
    tier       text        NOT NULL CHECK (tier IN ('basic', 'gold', 'platinum')),
    created_at timestamptz NOT NULL,
    tags       text[]      NOT NULL DEFAULT '{}'
);
COMMENT ON TABLE customers IS 'Buyers. IDs are assigned by the seed, starting at 1.';
COMMENT ON COLUMN customers.tier IS 'Loyalty tier: basic, gold or platinum.';
COMMENT ON COLUMN customers.tags IS 'Free-form labels, in the order they were given.';

CREATE TABLE orders (
    id          bigserial   PRIMARY KEY,
    customer_id bigint      NOT NULL REFERENCES customers (id),
    status      text        NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled')),
    total_cents bigint      NOT NULL,
    note        text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL,
    request_id  text        UNIQUE,
    request_fp  bytea
);
COMMENT ON TABLE orders IS 'Orders of customers; line items are in line_items.';
COMMENT ON COLUMN orders.total_cents IS 'Sum of quantity * unit_price_cents over the order''s line items.';
COMMENT ON COLUMN orders.request_id IS 'Idempotency key of the PlaceOrder call that created the order; NULL for seeded orders.';
COMMENT ON COLUMN orders.request_fp IS 'SHA-256 fingerprint of that call''s customer, items and note, to detect a reused request_id.';

CREATE INDEX orders_customer_id_id_idx ON orders (customer_id, id);

CREATE TABLE line_items (
    order_id         bigint NOT NULL REFERENCES orders (id),
    pos              int    NOT NULL,
    sku              text   NOT NULL,
    quantity         int    NOT NULL CHECK (quantity > 0),
    unit_price_cents bigint NOT NULL CHECK (unit_price_cents >= 0),
    PRIMARY KEY (order_id, pos)
);
COMMENT ON TABLE line_items IS 'Lines of an order, numbered by pos from 1.';
