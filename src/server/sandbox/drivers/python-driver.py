"""The grading driver for Python, run inside the sandbox by a pre-started CPython.

It reports `ready`, then answers the grader one command at a time, each a JSON line on stdin:
`load` (the candidate's code) and then `test` (one test's code, handed over only when it runs).
Each answer is one JSON line on file descriptor 3 carrying the command's `id` and only what the
test returned or raised. The driver holds no secret: verdicts, expected values and the other
tests stay with the grader, so code that patches this driver or writes to the channel itself can
only say what its own test returned, which it could have done by returning it.
"""
import importlib.util
import json
import os
import resource
import sys
import traceback

SOLUTION = "/sandbox/solution.py"
MAX_DEPTH = 64
MAX_VALUE_BYTES = 1_000_000
MAX_TEXT = 2_000

_channel = os.fdopen(3, "w", buffering=1)
_dumps = json.dumps
# Commands come on a private copy of stdin; the candidate's own stdin is empty.
_commands = os.fdopen(os.dup(0), "r")
_devnull = os.open("/dev/null", os.O_RDONLY)
os.dup2(_devnull, 0)


def reply(record):
    record["rssKb"] = (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    )
    _channel.write(_dumps(record) + "\n")
    _channel.flush()


def text(value, limit=MAX_TEXT):
    try:
        value = str(value)
    except BaseException:  # noqa: BLE001 - a __str__ that raises
        return "(a value that cannot be shown)"
    return value if len(value) <= limit else value[:limit] + "…"


def too_deep(value):
    """Whether `value` nests lists and dicts deeper than MAX_DEPTH (cycles count as too deep)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (list, tuple, dict)):
            if depth > MAX_DEPTH:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


def encode(value):
    """The value as JSON text, or an error message: nothing unbounded leaves the sandbox."""
    try:
        if too_deep(value):
            return None, f"the result is nested more than {MAX_DEPTH} levels deep"
        line = _dumps(value, allow_nan=False)
    except RecursionError:
        return None, f"the result is nested more than {MAX_DEPTH} levels deep"
    except (TypeError, ValueError, OverflowError) as error:
        return None, f"the result cannot be compared: {text(error, 300)}"
    if len(line) > MAX_VALUE_BYTES:
        return None, "the result is larger than 1 MB"
    return line, None


def describe(error):
    try:
        frames = [
            f'  File "solution.py", line {frame.lineno}, in {frame.name}\n    {(frame.line or "").strip()}'
            for frame in traceback.extract_tb(error.__traceback__)
            if frame.filename == SOLUTION
        ][-20:]
        return {"message": text(f"{type(error).__name__}: {text(error)}"), "stack": text("\n".join(frames), 4000)}
    except BaseException:  # noqa: BLE001 - an exception whose description fails
        return {"message": "an exception that cannot be described", "stack": ""}


def load(code):
    with open(SOLUTION, "w") as f:
        f.write(code)
    sys.path.insert(0, os.path.dirname(SOLUTION))
    spec = importlib.util.spec_from_file_location("solution", SOLUTION)
    module = importlib.util.module_from_spec(spec)
    sys.modules["solution"] = module
    spec.loader.exec_module(module)
    return module


def run_test(command, solution):
    namespace = {"__name__": "lab_tests"}
    try:
        exec(compile(command["code"], "<lab test>", "exec"), namespace)  # noqa: S102 - the lab's own test
        test = namespace["TESTS"][command["name"]]
    except BaseException as error:  # noqa: BLE001
        return {"t": "lab-error", "message": text(error)}
    try:
        value = test(solution)
    except BaseException as error:  # noqa: BLE001 - a test's failure of any kind is reported
        return {"t": "error", **describe(error)}
    line, problem = encode(value)
    if problem:
        return {"t": "error", "message": problem, "stack": ""}
    return {"t": "result", "value": json.loads(line)}


def main():
    _channel.write('{"t": "ready"}\n')
    _channel.flush()
    solution = None
    while True:
        line = _commands.readline()
        if not line:
            os._exit(0)
        command = json.loads(line)
        if command["t"] == "load":
            try:
                solution = load(command["code"])
            except BaseException as error:  # noqa: BLE001 - SystemExit and SyntaxError included
                reply({"t": "load-error", "id": command["id"], **describe(error)})
                continue
            reply({"t": "loaded", "id": command["id"]})
        elif command["t"] == "test":
            reply({**run_test(command, solution), "id": command["id"]})


main()
