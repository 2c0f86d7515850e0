def flatten_thread(root):
    """Return [value, depth] for every comment in display (pre-order) order.

    An explicit stack replaces recursion, so depth is limited by memory rather than by Python's
    recursion limit (1000 frames by default).
    """
    out = []
    if root is None:
        return out
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        out.append([node["value"], depth])  # pre-order: a comment comes before its replies
        # Last-in first-out: push replies in reverse so the first reply is popped next.
        stack.extend((child, depth + 1) for child in reversed(node["children"]))
    return out
