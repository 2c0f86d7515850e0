-- Wrong: indexes only the sort column; every order of every customer in the range is read and filtered.
CREATE INDEX orders_created_at_idx ON orders (created_at);
