# Wrong: tests filters for truthiness, so a minimum price of 0 is silently dropped from the query.
import math

ORDER_BY = {"name": "name, id", "price_asc": "price, id", "price_desc": "price DESC, id", "newest": "created_at DESC, id"}


def _escape_like(text):
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def build_search(filters: dict) -> dict:
    values = []
    conditions = []

    def param(value):
        values.append(value)
        return f"${len(values)}"

    if filters.get("name"):
        conditions.append(f"name ILIKE {param('%' + _escape_like(filters['name']) + '%')}")
    for key, op in (("minPrice", ">="), ("maxPrice", "<=")):
        value = filters.get(key)
        if not value:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ValueError(f"{key} must be a number")
        conditions.append(f"price {op} {param(value)}")
    sort = filters.get("sort")
    if sort is not None and sort not in ORDER_BY:
        raise ValueError("unknown sort")
    limit = filters.get("limit")
    limit = 20 if limit is None else limit
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 100:
        raise ValueError("bad limit")
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    order_by = ORDER_BY[sort] if sort is not None else "id"
    return {"text": f"SELECT id, name, price FROM products{where} ORDER BY {order_by} LIMIT {param(limit)}", "values": values}
