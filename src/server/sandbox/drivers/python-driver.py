"""The grading driver for Python, run inside the sandbox by a pre-started CPython.

It reports `ready`, blocks on stdin for one job (the candidate's code, the lab's test functions in
a `TESTS` dict, and the names of the tests to run), and writes JSON lines to file descriptor 3.
The records carry only what each test returned; the grader compares them with expectations that
never enter the sandbox, so nothing written to the channel can turn a failing test into a pass.
"""
import importlib.util
import json
import os
import resource
import sys
import traceback

JOB_DIR = "/tmp/job"
_channel = os.fdopen(3, "w", buffering=1)
_dumps = json.dumps
_write = _channel.write
_flush = _channel.flush


def send(record):
    _write(_dumps(record) + "\n")
    _flush()


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def describe(error):
    frames = [
        f'  File "solution.py", line {frame.lineno}, in {frame.name}\n    {(frame.line or "").strip()}'
        for frame in traceback.extract_tb(error.__traceback__)
        if frame.filename == f"{JOB_DIR}/solution.py"
    ]
    return {"message": f"{type(error).__name__}: {error}", "stack": "\n".join(frames)}


send({"t": "ready"})
job = json.loads(sys.stdin.read())
os.makedirs(JOB_DIR, exist_ok=True)
with open(f"{JOB_DIR}/tests.py", "w") as f:
    f.write(job["tests"])
with open(f"{JOB_DIR}/solution.py", "w") as f:
    f.write(job["solution"])
sys.path.insert(0, JOB_DIR)
tests = load("lab_tests", f"{JOB_DIR}/tests.py").TESTS

try:
    solution = load("solution", f"{JOB_DIR}/solution.py")
except BaseException as error:  # noqa: BLE001 - SystemExit and SyntaxError included
    send({"t": "load-error", **describe(error)})
    os._exit(0)

for name in job["names"]:
    send({"t": "start", "name": name})
    test = tests.get(name)
    if test is None:
        send({"t": "missing", "name": name})
        continue
    try:
        value = test(solution)
    except RecursionError as error:
        send({"t": "error", "name": name, **describe(error)})
        continue
    except BaseException as error:  # noqa: BLE001 - a test's failure of any kind is reported
        send({"t": "error", "name": name, **describe(error)})
        continue
    try:
        line = _dumps({"t": "result", "name": name, "value": value})
    except (TypeError, ValueError) as error:
        send({"t": "error", "name": name, "message": f"the result cannot be compared: {error}", "stack": ""})
        continue
    _write(line + "\n")
    _flush()

send({"t": "done", "maxRssKb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss})
os._exit(0)
