-- widen-type: the provider's v2 schema.
ALTER TABLE line_items ALTER COLUMN quantity TYPE bigint;
