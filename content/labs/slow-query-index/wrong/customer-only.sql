-- Wrong: finds the customer's orders, but must fetch and sort the customer's whole history to apply the range and the order.
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
