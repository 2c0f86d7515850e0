"""Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal."""


def attempt(s, filters):
    """The builder's result, or "rejected" if it raised ValueError (TypeError is accepted too)."""
    try:
        return s.build_search(filters)
    except (ValueError, TypeError):
        return "rejected"


def name_value(s, name):
    return s.build_search({"name": name})["values"][0]


def defaults(s):
    return s.build_search({})


def every_filter(s):
    return s.build_search({"name": "desk lamp", "minPrice": 10, "maxPrice": 49.5, "sort": "price_desc", "limit": 5})


def wildcards(s):
    return [name_value(s, name) for name in ["100%", "a_b", "50%_off", "name%"]]


def backslash(s):
    return [name_value(s, name) for name in ["C:\\temp", "\\%"]]


def hostile_names(s):
    return [s.build_search({"name": "' OR 1=1 --"}), s.build_search({"name": '"; DROP TABLE products; --'})]


def unknown_sort(s):
    out = []
    for sort in ["price; DROP TABLE x", "id", "PRICE_ASC", "constructor", "__proto__", "toString"]:
        result = attempt(s, {"sort": sort})
        out.append(result if result == "rejected" else result["text"])
    return out


def numbering(s):
    return [
        s.build_search({"maxPrice": 50, "sort": "newest"}),
        s.build_search({"name": "", "minPrice": 0, "maxPrice": None}),
    ]


def prices(s):
    return [
        attempt(s, {"minPrice": "0 OR 1=1"}),
        attempt(s, {"maxPrice": "100"}),
        attempt(s, {"minPrice": float("nan")}),
        attempt(s, {"minPrice": 9.99, "maxPrice": 20, "sort": "name"}),
    ]


def limits(s):
    out = []
    for limit in [1, 100, 0, 101, 2.5, "10", -1]:
        result = attempt(s, {"limit": limit})
        out.append(result if result == "rejected" else result["values"][-1])
    return out


TESTS = {
    "no filters gives the default query": defaults,
    "every filter together": every_filter,
    "LIKE wildcards in the name match literally": wildcards,
    "a backslash in the name is escaped too": backslash,
    "hostile names stay in the values": hostile_names,
    "an unknown sort is rejected": unknown_sort,
    "placeholders are numbered by the filters present": numbering,
    "prices must be numbers": prices,
    "limit must be an integer from 1 to 100": limits,
}
