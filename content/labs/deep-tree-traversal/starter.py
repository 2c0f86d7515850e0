def flatten_thread(root):
    """Return [value, depth] for every comment, in display (pre-order) order.

    `root` is a dict {"value": int, "children": [...]} or None.
    """
    return []
