-- add-field: the provider's v2 schema.
ALTER TABLE customers ADD COLUMN loyalty_points bigint NOT NULL DEFAULT 0;
UPDATE customers SET loyalty_points = id * 37 % 1000;
