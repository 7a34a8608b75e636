-- remove-field: the provider's v2 schema.
ALTER TABLE customers DROP COLUMN email;
