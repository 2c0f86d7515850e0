-- Wrong: the range column leads, so the index walks every order in the date range (all customers) and filters customer_id.
CREATE INDEX orders_created_at_customer_id_idx ON orders (created_at, customer_id);
