"""Splits a lab's tests.py (read on stdin) into one self-contained module per test (JSON on stdout).

Each module keeps the imports and other top-level statements, the top-level definitions its test
reaches by name (transitively), and a TESTS dict holding only that test, so the sandbox is handed
one test's code at a time. See split-tests.ts for why.
"""
import ast
import json
import sys


def names_in(node):
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | {
        n.name for n in ast.walk(node) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
    }


def defined_by(node):
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {node.name}
    if isinstance(node, ast.Assign):
        return {n.id for target in node.targets for n in ast.walk(target) if isinstance(n, ast.Name)}
    if isinstance(node, (ast.AnnAssign, ast.AugAssign)) and isinstance(node.target, ast.Name):
        return {node.target.id}
    return set()


def split(code):
    tree = ast.parse(code)
    table = next(
        (
            node
            for node in tree.body
            if isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "TESTS" for t in node.targets)
            and isinstance(node.value, ast.Dict)
        ),
        None,
    )
    if table is None:
        return {"ok": False, "message": "tests.py must end with a literal TESTS = {...} dict"}
    definitions = [(node, defined_by(node)) for node in tree.body if node is not table and defined_by(node)]
    tests = {}
    for key, value in zip(table.value.keys, table.value.values):
        if not isinstance(key, ast.Constant) or not isinstance(key.value, str):
            return {"ok": False, "message": "every key of TESTS must be a string literal"}
        needed, pending, seen = set(), list(names_in(value)), set()
        while pending:
            name = pending.pop()
            if name in seen:
                continue
            seen.add(name)
            for node, names in definitions:
                if name in names and id(node) not in needed:
                    needed.add(id(node))
                    pending.extend(names_in(node))
        parts = []
        for node in tree.body:
            if node is table:
                parts.append(f"TESTS = {{{json.dumps(key.value)}: {ast.get_source_segment(code, value)}}}")
            elif not defined_by(node) or id(node) in needed:
                parts.append(ast.get_source_segment(code, node))
        tests[key.value] = "\n".join(parts) + "\n"
    return {"ok": True, "tests": tests}


try:
    result = split(sys.stdin.read())
except SyntaxError as error:
    result = {"ok": False, "message": f"tests.py does not parse: {error}"}
json.dump(result, sys.stdout)
