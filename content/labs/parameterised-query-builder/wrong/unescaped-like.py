# Wrong: the name is bound as a parameter but its % and _ are not escaped, so they still act as LIKE wildcards.
import math

ORDER_BY = {"name": "name, id", "price_asc": "price, id", "price_desc": "price DESC, id", "newest": "created_at DESC, id"}


def build_search(filters: dict) -> dict:
    values = []
    conditions = []

    def param(value):
        values.append(value)
        return f"${len(values)}"

    if filters.get("name"):
        conditions.append(f"name ILIKE {param('%' + filters['name'] + '%')}")
    for key, op in (("minPrice", ">="), ("maxPrice", "<=")):
        value = filters.get(key)
        if value is None:
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
