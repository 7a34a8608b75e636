-- rename-field: the provider's v2 schema.
ALTER TABLE customers RENAME COLUMN name TO full_name;
