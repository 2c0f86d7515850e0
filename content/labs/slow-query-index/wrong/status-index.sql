-- Wrong: an index on a column the query does not filter on; the planner still scans the whole table.
CREATE INDEX orders_status_idx ON orders (status);
