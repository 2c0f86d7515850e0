-- Wrong: moves the price onto products and keeps one price per sku, losing what earlier orders were actually charged.
CREATE TABLE customers (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  city text NOT NULL
);
CREATE TABLE products (sku text PRIMARY KEY, name text NOT NULL, unit_price_cents integer NOT NULL);
CREATE TABLE orders (
  id integer PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES customers (id),
  ordered_at timestamptz NOT NULL
);
CREATE TABLE order_items (
  order_id integer NOT NULL REFERENCES orders (id),
  sku text NOT NULL REFERENCES products (sku),
  quantity integer NOT NULL,
  PRIMARY KEY (order_id, sku)
);

INSERT INTO customers (email, name, city)
SELECT DISTINCT customer_email, customer_name, customer_city FROM orders_flat;
-- The latest price wins.
INSERT INTO products (sku, name, unit_price_cents)
SELECT DISTINCT ON (sku) sku, product_name, unit_price_cents FROM orders_flat ORDER BY sku, ordered_at DESC;
INSERT INTO orders (id, customer_id, ordered_at)
SELECT DISTINCT f.order_id, c.id, f.ordered_at FROM orders_flat f JOIN customers c ON c.email = f.customer_email;
INSERT INTO order_items (order_id, sku, quantity)
SELECT order_id, sku, quantity FROM orders_flat;
