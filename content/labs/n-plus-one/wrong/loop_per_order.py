# Wrong: N+1 queries — asks the database for each order's items separately.
def load_orders_with_items(db, customer_id):
    return [
        {**order, "items": db.find_items_by_order(order["id"])}
        for order in db.find_orders_by_customer(customer_id)
    ]
