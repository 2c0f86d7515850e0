-- The range column is the index key, so the day's entries sit next to each other in index order.
-- INCLUDE stores status and amount_cents in the index leaf pages (without making them part of the
-- key), so every column the query needs is in the index and PostgreSQL can answer it with an
-- Index Only Scan, without visiting the wide table rows.
CREATE INDEX payments_created_at_covering_idx ON payments (created_at) INCLUDE (status, amount_cents);
