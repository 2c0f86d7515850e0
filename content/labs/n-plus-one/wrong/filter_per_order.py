# Wrong complexity: two queries, but items are matched by scanning the whole item list for every order, O(orders x items).
def load_orders_with_items(db, customer_id):
    orders = db.find_orders_by_customer(customer_id)
    if not orders:
        return []
    items = db.find_items_by_order_ids([order["id"] for order in orders])
    return [{**order, "items": [item for item in items if item["order_id"] == order["id"]]} for order in orders]
