-- refactor-storage: the provider's v2 schema.
CREATE TABLE order_notes (order_id bigint PRIMARY KEY REFERENCES orders (id), note text NOT NULL);
INSERT INTO order_notes SELECT id, note FROM orders WHERE note <> '';
UPDATE orders SET note = '';
