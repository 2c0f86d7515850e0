-- Each table holds facts about exactly one thing, identified by its key:
--   customers   : email -> name, city              (surrogate id, email kept unique)
--   products    : sku -> name
--   orders      : order id -> customer, time
--   order_items : (order, sku) -> quantity, and the price actually charged on that order
-- The price stays on the order line: KB-101 and MN-270 sold at different prices on different days,
-- so it depends on the line, not on the product alone.
CREATE TABLE customers (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  city text NOT NULL
);

CREATE TABLE products (
  sku text PRIMARY KEY,
  name text NOT NULL
);

CREATE TABLE orders (
  id integer PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES customers (id),
  ordered_at timestamptz NOT NULL
);

CREATE TABLE order_items (
  order_id integer NOT NULL REFERENCES orders (id),
  sku text NOT NULL REFERENCES products (sku),
  quantity integer NOT NULL CHECK (quantity > 0),
  unit_price_cents integer NOT NULL,
  PRIMARY KEY (order_id, sku)
);

-- Parents first, so every foreign key has something to point at.
INSERT INTO customers (email, name, city)
SELECT DISTINCT customer_email, customer_name, customer_city
FROM orders_flat
ORDER BY customer_email;

INSERT INTO products (sku, name)
SELECT DISTINCT sku, product_name
FROM orders_flat;

INSERT INTO orders (id, customer_id, ordered_at)
SELECT DISTINCT f.order_id, c.id, f.ordered_at
FROM orders_flat f
JOIN customers c ON c.email = f.customer_email;

INSERT INTO order_items (order_id, sku, quantity, unit_price_cents)
SELECT order_id, sku, quantity, unit_price_cents
FROM orders_flat;
