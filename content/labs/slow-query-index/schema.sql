-- An orders table of a small shop: 100,000 orders over two years from 400 customers,
-- appended in time order (ids and created_at grow together). Only the primary key is indexed.
CREATE TABLE orders (
  id integer PRIMARY KEY,
  customer_id integer NOT NULL,
  status text NOT NULL,
  total_cents integer NOT NULL,
  created_at timestamptz NOT NULL,
  shipping_address text NOT NULL
);

INSERT INTO orders (id, customer_id, status, total_cents, created_at, shipping_address)
SELECT g,
       1 + (g * 7919) % 400,
       (ARRAY['paid', 'shipped', 'delivered', 'refunded'])[1 + (g % 7) % 4],
       500 + ('x' || substr(md5(g::text), 1, 4))::bit(16)::integer,
       timestamptz '2023-01-01 00:00:00+00' + g * interval '10 minutes',
       g || ' Harbour Street, Unit ' || (g % 90)
FROM generate_series(1, 100000) AS g;

-- Sample every row so the planner's statistics (and so its estimated costs) are the same on every run.
SET default_statistics_target = 1000;
ANALYZE orders;
RESET default_statistics_target;
