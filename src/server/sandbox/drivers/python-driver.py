"""The grading driver for Python, run inside the sandbox by a pre-started CPython.

It reports `ready`, blocks on stdin for one job (the candidate's code, the lab's test functions in
a `TESTS` dict, and the names of the tests to run), and writes JSON lines to file descriptor 3.
The records carry only what each test returned; the grader compares them with expectations that
never enter the sandbox. Each record carries the job's nonce, kept in a closure and out of every
global, so a record the candidate's code writes to the channel itself is dropped by the grader.
(CPython can introspect its own frames, so this hides the nonce rather than sealing it; a forged
record that gets through still collides with the real one, which the grader treats as tampering.)
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


def _channel_writer(nonce):
    prefix = '{"n": ' + _dumps(nonce) + ", "

    def send(record):
        _write(prefix + _dumps(record)[1:] + "\n")
        _flush()

    def send_line(line):
        _write(prefix + line[1:] + "\n")
        _flush()

    return send, send_line


def printed():
    """Bytes the candidate's code has printed so far: a flood becomes an output-limit verdict."""
    return os.fstat(1).st_size + os.fstat(2).st_size


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


_write('{"t": "ready"}\n')
_flush()
job = json.loads(sys.stdin.read())
send, send_line = _channel_writer(job.pop("nonce"))
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
    except BaseException as error:  # noqa: BLE001 - a test's failure of any kind is reported
        send({"t": "error", "name": name, "out": printed(), **describe(error)})
        continue
    try:
        line = _dumps({"t": "result", "name": name, "out": printed(), "value": value})
    except (TypeError, ValueError) as error:
        send({"t": "error", "name": name, "message": f"the result cannot be compared: {error}", "stack": ""})
        continue
    send_line(line)

send({"t": "done", "maxRssKb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss})
os._exit(0)
