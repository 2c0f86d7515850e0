# Wrong complexity: takes the next comment with pending[0] and pending = children + pending[1:], which copies the whole pending list for every comment: O(n^2) on a wide thread.
def flatten_thread(root):
    out = []
    if root is None:
        return out
    pending = [(root, 0)]
    while pending:
        node, depth = pending[0]
        out.append([node["value"], depth])
        pending = [(child, depth + 1) for child in node["children"]] + pending[1:]
    return out
