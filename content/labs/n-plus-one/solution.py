def load_orders_with_items(db, customer_id):
    """Return the customer's orders, each with an "items" list, in two queries at most.

    One query for the orders, one batched query (WHERE order_id = ANY(...)) for all of their items,
    then a dict groups the items by order in a single pass.
    """
    orders = db.find_orders_by_customer(customer_id)
    if not orders:
        # "IN ()" is invalid SQL, and there is nothing to fetch anyway.
        return []

    items_by_order = {order["id"]: [] for order in orders}
    for item in db.find_items_by_order_ids([order["id"] for order in orders]):
        items_by_order[item["order_id"]].append(item)

    # Every order appears, in the database's order, even one with no items.
    return [{**order, "items": items_by_order[order["id"]]} for order in orders]
