import math

# The allow-list: public sort keys map to fixed SQL fragments, so the client never names a column.
ORDER_BY = {
    "name": "name, id",
    "price_asc": "price, id",
    "price_desc": "price DESC, id",
    "newest": "created_at DESC, id",
}


def _escape_like(text: str) -> str:
    # Backslash first: escaping it after the wildcards would double the escapes just added.
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _price(value, key):
    # bool is a subclass of int, so exclude it explicitly.
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{key} must be a finite number")
    return value


def build_search(filters: dict) -> dict:
    values = []
    conditions = []

    def param(value):
        values.append(value)
        return f"${len(values)}"

    name = filters.get("name")
    if name is not None and name != "":
        if not isinstance(name, str):
            raise ValueError("name must be a string")
        conditions.append(f"name ILIKE {param('%' + _escape_like(name) + '%')}")
    if filters.get("minPrice") is not None:
        conditions.append(f"price >= {param(_price(filters['minPrice'], 'minPrice'))}")
    if filters.get("maxPrice") is not None:
        conditions.append(f"price <= {param(_price(filters['maxPrice'], 'maxPrice'))}")

    sort = filters.get("sort")
    order_by = "id"
    if sort is not None:
        if not isinstance(sort, str) or sort not in ORDER_BY:
            raise ValueError(f"unknown sort: {sort!r}")
        order_by = ORDER_BY[sort]

    limit = filters.get("limit")
    if limit is None:
        limit = 20
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 100:
        raise ValueError("limit must be an integer from 1 to 100")

    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    text = f"SELECT id, name, price FROM products{where} ORDER BY {order_by} LIMIT {param(limit)}"
    return {"text": text, "values": values}
