-- Wrong: copies product_name onto order_items as well; it depends on sku alone, so the table is not in 3NF.
CREATE TABLE customers (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  city text NOT NULL
);
CREATE TABLE products (sku text PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (
  id integer PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES customers (id),
  ordered_at timestamptz NOT NULL
);
CREATE TABLE order_items (
  order_id integer NOT NULL REFERENCES orders (id),
  sku text NOT NULL REFERENCES products (sku),
  product_name text NOT NULL,
  quantity integer NOT NULL,
  unit_price_cents integer NOT NULL,
  PRIMARY KEY (order_id, sku)
);

INSERT INTO customers (email, name, city)
SELECT DISTINCT customer_email, customer_name, customer_city FROM orders_flat;
INSERT INTO products (sku, name) SELECT DISTINCT sku, product_name FROM orders_flat;
INSERT INTO orders (id, customer_id, ordered_at)
SELECT DISTINCT f.order_id, c.id, f.ordered_at FROM orders_flat f JOIN customers c ON c.email = f.customer_email;
INSERT INTO order_items (order_id, sku, product_name, quantity, unit_price_cents)
SELECT order_id, sku, product_name, quantity, unit_price_cents FROM orders_flat;
