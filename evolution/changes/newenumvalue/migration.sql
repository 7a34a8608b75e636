-- new-enum-value: the provider's v2 schema. The status check admits
-- refunded, and the third order of customer 1 (evolution.RefundedOrder,
-- which every matrix cell reads on its first page) is refunded.
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check
    CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled', 'refunded'));
UPDATE orders SET status = 'refunded'
WHERE id = (SELECT id FROM orders WHERE customer_id = 1 ORDER BY id OFFSET 2 LIMIT 1);
