-- Write the CREATE INDEX statement(s) that make the report query fast.
-- Do not change the query itself; it is run for you by the tests:
--
--   SELECT id, created_at, status, total_cents
--   FROM orders
--   WHERE customer_id = $1 AND created_at >= $2 AND created_at < $3
--   ORDER BY created_at DESC
--   LIMIT 20;

-- CREATE INDEX … ON orders (…);
