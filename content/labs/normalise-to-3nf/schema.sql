-- An export from the old shop system: one row per order line, with the customer and product
-- copied onto every line. The new schema must store each fact once.
CREATE TABLE orders_flat (
  order_id integer NOT NULL,
  ordered_at timestamptz NOT NULL,
  customer_email text NOT NULL,
  customer_name text NOT NULL,
  customer_city text NOT NULL,
  sku text NOT NULL,
  product_name text NOT NULL,
  unit_price_cents integer NOT NULL,
  quantity integer NOT NULL,
  PRIMARY KEY (order_id, sku)
);

INSERT INTO orders_flat VALUES
  (1001, '2024-05-02 09:14:00+00', 'ana@example.com',   'Ana Souza',    'Lisbon', 'KB-101', 'Mechanical keyboard', 8900, 1),
  (1001, '2024-05-02 09:14:00+00', 'ana@example.com',   'Ana Souza',    'Lisbon', 'CB-010', 'USB-C cable 1 m',      900, 2),
  (1002, '2024-05-02 11:40:00+00', 'ben@example.com',   'Ben Okafor',   'Lagos',  'MN-270', '27-inch monitor',    21900, 2),
  (1003, '2024-05-03 16:05:00+00', 'ana@example.com',   'Ana Souza',    'Lisbon', 'MS-220', 'Wireless mouse',      2900, 1),
  (1004, '2024-05-04 08:30:00+00', 'chloe@example.com', 'Chloé Martin', 'Lyon',   'HB-330', 'USB-C hub',           4500, 1),
  (1004, '2024-05-04 08:30:00+00', 'chloe@example.com', 'Chloé Martin', 'Lyon',   'CB-010', 'USB-C cable 1 m',      900, 3),
  (1004, '2024-05-04 08:30:00+00', 'chloe@example.com', 'Chloé Martin', 'Lyon',   'MS-220', 'Wireless mouse',      2900, 1),
  (1005, '2024-05-06 19:22:00+00', 'dev@example.com',   'Dev Patel',    'Pune',   'KB-101', 'Mechanical keyboard', 7900, 1),
  (1005, '2024-05-06 19:22:00+00', 'dev@example.com',   'Dev Patel',    'Pune',   'MS-220', 'Wireless mouse',      2900, 1),
  (1006, '2024-05-07 10:00:00+00', 'ben@example.com',   'Ben Okafor',   'Lagos',  'CB-010', 'USB-C cable 1 m',      900, 5),
  (1007, '2024-05-09 13:45:00+00', 'chloe@example.com', 'Chloé Martin', 'Lyon',   'MN-270', '27-inch monitor',    19900, 1),
  (1008, '2024-05-10 07:55:00+00', 'ana@example.com',   'Ana Souza',    'Lisbon', 'HB-330', 'USB-C hub',           4500, 2);
