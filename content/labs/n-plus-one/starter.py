def load_orders_with_items(db, customer_id):
    """Return the customer's orders, each as a dict with an extra "items" list.

    db.find_orders_by_customer(customer_id)  -> list of order dicts, newest first
    db.find_items_by_order_ids(order_ids)    -> list of item dicts for all those orders, by id
    db.find_items_by_order(order_id)         -> list of item dicts for one order, by id
    db.query_count                           -> round trips made so far
    """
    return []
