-- move-resource: the provider's v2 schema.
CREATE SCHEMA sales;
ALTER TABLE orders SET SCHEMA sales;
ALTER TABLE line_items SET SCHEMA sales;
