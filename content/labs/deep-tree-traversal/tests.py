"""Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal."""
import sys

DEFAULT_RECURSION_LIMIT = 1000


def node(value, children=None):
    return {"value": value, "children": children if children is not None else []}


def digest(pairs):
    """A small, order-sensitive summary of a long [value, depth] list, so results stay tiny."""
    if isinstance(pairs, str):
        return pairs
    checksum = 0
    max_depth = -1
    for value, depth in pairs:
        checksum = (checksum * 31 + value * 7 + depth) % 1000000007
        if depth > max_depth:
            max_depth = depth
    plain = lambda items: [[value, depth] for value, depth in items]  # noqa: E731
    return {"count": len(pairs), "first": plain(pairs[:3]), "last": plain(pairs[-3:]), "maxDepth": max_depth, "checksum": checksum}


def chain(length, offset=0):
    """value offset at depth 0 down to offset + length - 1; built with a loop, never recursion."""
    root = node(offset)
    current = root
    for i in range(1, length):
        nxt = node(offset + i)
        current["children"].append(nxt)
        current = nxt
    return root


def flatten_with_default_limit(s, root):
    """Production workers run with Python's default recursion limit, so the tests do too."""
    set_limit = sys.setrecursionlimit
    set_limit(DEFAULT_RECURSION_LIMIT)
    sys.setrecursionlimit = lambda limit: None
    try:
        result = s.flatten_thread(root)
    finally:
        sys.setrecursionlimit = set_limit
    if sys.getrecursionlimit() != DEFAULT_RECURSION_LIMIT:
        return "the recursion limit was changed"
    return [[value, depth] for value, depth in result]


def small(s):
    return flatten_with_default_limit(s, node(1, [node(2, [node(4), node(5)]), node(3, [node(6)])]))


def single(s):
    return flatten_with_default_limit(s, node(7))


def empty(s):
    return flatten_with_default_limit(s, None)


def sibling_order(s):
    tree = node(0, [node(1), node(2), node(3, [node(30), node(31, [node(310), node(311)]), node(32)]), node(4), node(5)])
    return flatten_with_default_limit(s, tree)


def deep_chain(s):
    return digest(flatten_with_default_limit(s, chain(100000)))


def caterpillar(s):
    # Chain node i has two replies: a leaf (100000 + i) first, then chain node i + 1.
    root = node(0)
    current = root
    for i in range(1, 50000):
        nxt = node(i)
        current["children"].extend([node(100000 + i - 1), nxt])
        current = nxt
    return digest(flatten_with_default_limit(s, root))


def wide_and_deep(s):
    root = node(0)
    for i in range(1, 150001):
        root["children"].append(node(i))
    root["children"].append(chain(100000, 150001))
    return digest(flatten_with_default_limit(s, root))


TESTS = {
    "a small thread in display order": small,
    "a single comment": single,
    "no thread at all": empty,
    "siblings keep their order at every level": sibling_order,
    "a 100000-level reply chain": deep_chain,
    "a deep chain with a side reply at every level": caterpillar,
    "250001 comments, wide and deep": wide_and_deep,
}
