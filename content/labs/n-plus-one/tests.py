"""Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal.

The "database" is an in-memory fake. Every method call stands for one round trip to the real
database and is counted in a dict the test keeps, out of the candidate's reach.
"""

ORDERS = [
    {"id": 101, "customer_id": 7, "placed_at": "2024-05-01T09:00:00Z", "status": "delivered"},
    {"id": 102, "customer_id": 7, "placed_at": "2024-05-03T12:30:00Z", "status": "shipped"},
    {"id": 103, "customer_id": 8, "placed_at": "2024-05-03T13:00:00Z", "status": "paid"},
    {"id": 104, "customer_id": 9, "placed_at": "2024-05-04T08:15:00Z", "status": "pending"},
    {"id": 105, "customer_id": 7, "placed_at": "2024-05-06T17:45:00Z", "status": "paid"},
    {"id": 106, "customer_id": 9, "placed_at": "2024-05-07T10:00:00Z", "status": "paid"},
]

ITEMS = [
    {"id": 1, "order_id": 101, "sku": "KB-101", "quantity": 1},
    {"id": 2, "order_id": 101, "sku": "CB-010", "quantity": 2},
    {"id": 3, "order_id": 102, "sku": "MS-220", "quantity": 1},
    {"id": 4, "order_id": 103, "sku": "MN-270", "quantity": 2},
    {"id": 5, "order_id": 105, "sku": "CB-010", "quantity": 3},
    {"id": 6, "order_id": 102, "sku": "HB-330", "quantity": 1},
    {"id": 7, "order_id": 105, "sku": "KB-101", "quantity": 1},
    {"id": 8, "order_id": 106, "sku": "SD-128", "quantity": 4},
]


class FakeDb:
    """A fake client over `orders` and `items` (items sorted by id); `counter["calls"]` counts round trips."""

    def __init__(self, orders, items, counter):
        self._orders = orders
        self._items = items
        self._counter = counter
        self._by_order = {}
        for item in items:
            self._by_order.setdefault(item["order_id"], []).append(item)

    @property
    def query_count(self):
        return self._counter["calls"]

    def find_orders_by_customer(self, customer_id):
        """SELECT * FROM orders WHERE customer_id = %s ORDER BY placed_at DESC, id DESC"""
        self._counter["calls"] += 1
        found = [dict(o) for o in self._orders if o["customer_id"] == customer_id]
        found.sort(key=lambda o: (o["placed_at"], o["id"]), reverse=True)
        return found

    def find_items_by_order_ids(self, order_ids):
        """SELECT * FROM order_items WHERE order_id = ANY(%s) ORDER BY id"""
        self._counter["calls"] += 1
        wanted = set(order_ids)
        if not wanted:
            raise ValueError('syntax error at or near ")": "WHERE order_id IN ()" needs at least one id')
        return [dict(i) for i in self._items if i["order_id"] in wanted]

    def find_items_by_order(self, order_id):
        """SELECT * FROM order_items WHERE order_id = %s ORDER BY id"""
        self._counter["calls"] += 1
        return [dict(i) for i in self._by_order.get(order_id, [])]


def make_db(orders, items):
    counter = {"calls": 0}
    return FakeDb(orders, items, counter), counter


def summary(orders):
    return [[o["id"], o["status"], [[i["sku"], i["quantity"]] for i in o["items"]]] for o in orders]


def timestamp(minutes):
    day = 1 + minutes // 1440
    return f"2024-01-{day:02d}T{(minutes % 1440) // 60:02d}:{minutes % 60:02d}:00Z"


def big_dataset(count, per_order):
    """Customer 1 has `count` orders with `per_order` items each; customer 2 has a few orders of its own."""
    orders = [{"id": i, "customer_id": 1, "placed_at": timestamp(i), "status": "paid"} for i in range(1, count + 1)]
    orders += [
        {"id": i, "customer_id": 2, "placed_at": timestamp(i % 1000), "status": "paid"}
        for i in range(count + 1, count + 101)
    ]
    n = count * per_order
    items = [
        {"id": i, "order_id": 1 + (i * 7) % count, "sku": f"SKU-{i % 50}", "quantity": 1 + i % 3}
        for i in range(1, n + 1)
    ]
    items += [{"id": i, "order_id": count + 1 + i % 100, "sku": "OTHER", "quantity": 1} for i in range(n + 1, n + 101)]
    return orders, items


def loads_orders(s):
    db, _ = make_db(ORDERS, ITEMS)
    return summary(s.load_orders_with_items(db, 7))


def two_queries(s):
    db, counter = make_db(ORDERS, ITEMS)
    s.load_orders_with_items(db, 7)
    return counter["calls"]


def empty_order_kept(s):
    db, _ = make_db(ORDERS, ITEMS)
    return summary(s.load_orders_with_items(db, 9))


def no_orders(s):
    db, counter = make_db(ORDERS, ITEMS)
    result = s.load_orders_with_items(db, 42)
    return [result, counter["calls"]]


def keeps_fields(s):
    db, _ = make_db(ORDERS, ITEMS)
    result = s.load_orders_with_items(db, 9)
    return [
        [
            o["id"],
            o["customer_id"],
            o["placed_at"],
            o["status"],
            [[i["id"], i["order_id"], i["sku"], i["quantity"]] for i in o["items"]],
        ]
        for o in result
    ]


def count_does_not_grow(s):
    orders, items = big_dataset(300, 2)
    db, counter = make_db(orders, items)
    result = s.load_orders_with_items(db, 1)
    return [len(result), sum(len(o["items"]) for o in result), counter["calls"]]


def right_order(s):
    orders, items = big_dataset(300, 2)
    db, _ = make_db(orders, items)
    result = s.load_orders_with_items(db, 1)
    wrong = sum(1 for o in result if any(i["order_id"] != o["id"] for i in o["items"]))
    return [
        wrong,
        result[0]["id"],
        [i["id"] for i in result[0]["items"]],
        result[299]["id"],
        [i["id"] for i in result[299]["items"]],
    ]


def many_orders(s):
    orders, items = big_dataset(20000, 3)
    db, counter = make_db(orders, items)
    result = s.load_orders_with_items(db, 1)
    return [len(result), sum(len(o["items"]) for o in result), counter["calls"], result[0]["id"]]


TESTS = {
    "loads every order of the customer with its items": loads_orders,
    "uses two queries for three orders": two_queries,
    "an order without items is kept with an empty list": empty_order_kept,
    "a customer without orders gets an empty list from one query": no_orders,
    "orders and items keep all their fields": keeps_fields,
    "the query count does not grow with 300 orders": count_does_not_grow,
    "items land on the right order across 300 orders": right_order,
    "20000 orders with 60000 items": many_orders,
}
