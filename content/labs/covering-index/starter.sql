-- Write the CREATE INDEX statement(s) that let the dashboard query be answered from an index alone.
-- Do not change the query itself; it is run for you by the tests:
--
--   SELECT status, count(*) AS payments, sum(amount_cents) AS total_cents
--   FROM payments
--   WHERE created_at >= $1 AND created_at < $2
--   GROUP BY status
--   ORDER BY status;

-- CREATE INDEX … ON payments (…);
