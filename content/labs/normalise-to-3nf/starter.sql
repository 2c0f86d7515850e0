-- 1. Create customers, products, orders and order_items exactly as the prompt describes,
--    with their primary keys, foreign keys and the unique email.
-- 2. Copy the data out of orders_flat with INSERT ... SELECT (leave orders_flat in place).

-- CREATE TABLE customers (
--   id ... PRIMARY KEY,
--   ...
-- );

-- INSERT INTO customers (email, name, city)
-- SELECT ... FROM orders_flat;
