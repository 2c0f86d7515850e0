-- Equality column first, then the range/sort column. The database jumps to one customer's entries,
-- which are already sorted by created_at, so it reads only the rows in the date range, newest first,
-- and stops after 20: no scan of the table, no sort of the customer's whole history.
CREATE INDEX orders_customer_id_created_at_idx ON orders (customer_id, created_at);
