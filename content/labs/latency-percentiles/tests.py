"""Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal."""


def recorder_with(s, values):
    recorder = s.LatencyRecorder()
    for ms in values:
        recorder.record(ms)
    return recorder


def outcome(fn):
    """Calls `fn`; reports whether it raised the error type the prompt names."""
    try:
        fn()
        return "accepted"
    except ValueError:
        return "rejected"
    except Exception:
        return "wrong error type"


def ten_samples(s):
    recorder = recorder_with(s, [120, 35, 8, 270, 41, 19, 63, 500, 27, 88])
    return recorder.percentiles([50, 90, 95, 99])


def empty(s):
    return s.LatencyRecorder().percentiles([50, 95, 99])


def numeric_order(s):
    recorder = recorder_with(s, [9, 100, 25, 1000, 3, 70, 8, 2])
    return recorder.percentiles([25, 50, 75, 100])


def rounds_up(s):
    recorder = recorder_with(s, [40, 10, 30, 20])
    return recorder.percentiles([1, 25, 26, 50, 51, 75, 76, 99])


def bounds(s):
    many = recorder_with(s, [14, 3, 99, 42, 7, 61, 5])
    single = recorder_with(s, [12.5])
    return many.percentiles([0, 100]) + single.percentiles([0, 50, 99.9, 100])


def order_asked(s):
    values = [(i * 7) % 20 + 1 for i in range(20)]
    return recorder_with(s, values).percentiles([99, 50, 99, 10, 0])


def duplicates(s):
    recorder = recorder_with(s, [0.25, 12.75, 0.25, 1.5, 0.25])
    return recorder.percentiles([20, 60, 61, 80, 81])


def later_records(s):
    recorder = recorder_with(s, [5, 1, 3])
    before = recorder.percentiles([50, 100])
    for ms in [100, 200, 300]:
        recorder.record(ms)
    return [before, recorder.percentiles([50, 100])]


def invalid(s):
    recorder = s.LatencyRecorder()
    seen = [
        outcome(lambda: recorder.record(-1)),
        outcome(lambda: recorder.record(float("nan"))),
        outcome(lambda: recorder.record(float("inf"))),
        outcome(lambda: recorder.percentiles([50, 101])),
        outcome(lambda: recorder.percentiles([-0.5])),
    ]
    recorder.record(0)
    return seen + [recorder.percentiles([0, 100])]


def one_million(s):
    recorder = s.LatencyRecorder()
    record = recorder.record
    # A Lehmer generator: every product stays below 2^53, so JavaScript and Python agree exactly.
    x = 1
    for _ in range(1_000_000):
        x = x * 48271 % 2147483647
        # Mostly 0-500 ms, with a slow tail on about one request in a hundred.
        record(x % 50000 / 100 + (3000 if x % 100 == 7 else 0))
    return [recorder.percentiles([50, 90, 99, 99.9, 100]), recorder.percentiles([0, 95])]


TESTS = {
    "nearest rank on ten samples": ten_samples,
    "an empty recorder returns null for every percentile": empty,
    "latencies are compared as numbers, not strings": numeric_order,
    "a fractional rank rounds up": rounds_up,
    "p0 is the minimum and p100 the maximum": bounds,
    "results follow the order asked for": order_asked,
    "duplicates and fractional milliseconds": duplicates,
    "latencies recorded after a query count in the next one": later_records,
    "rejects invalid latencies and percentiles": invalid,
    "one million latencies": one_million,
}
