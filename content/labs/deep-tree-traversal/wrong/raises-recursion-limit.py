# Wrong: recursion with a raised recursion limit; workers run with the default limit (and deep recursion can crash the interpreter), so the 100,000-level chain fails.
import sys


def flatten_thread(root):
    sys.setrecursionlimit(300000)
    out = []

    def visit(node, depth):
        out.append([node["value"], depth])
        for child in node["children"]:
            visit(child, depth + 1)

    if root is not None:
        visit(root, 0)
    return out
