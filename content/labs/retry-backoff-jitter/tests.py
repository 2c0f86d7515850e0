"""Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal."""


class FakeSleep:
    """A fake clock: records each delay (and optional events) instead of waiting."""

    def __init__(self, events=None):
        self.sleeps = []
        self.events = events

    def __call__(self, ms):
        self.sleeps.append(ms)
        if self.events is not None:
            self.events.append(f"sleep {ms:g}")
            self.events.append("woke")


class FakeRandom:
    """A seeded random source: returns the given values in turn (cycling) and counts the draws."""

    def __init__(self, values):
        self.values = values
        self.draws = 0

    def __call__(self):
        value = self.values[self.draws % len(self.values)]
        self.draws += 1
        return value


def retryable_error(message):
    error = Exception(message)
    error.retryable = True
    return error


def not_retryable(error, flag):
    error.retryable = flag
    return error


class Flaky:
    """Fails with retryable errors for the first `failures` calls, then returns `value`."""

    def __init__(self, failures, value):
        self.failures = failures
        self.value = value
        self.calls = 0

    def __call__(self):
        self.calls += 1
        if self.calls <= self.failures:
            raise retryable_error(f"attempt {self.calls}")
        return self.value


def settle(fn):
    try:
        return fn(), None
    except Exception as error:  # noqa: BLE001
        return None, error


def first_success(s):
    sleep = FakeSleep()
    target = Flaky(2, "ok")
    value = s.retry(target, retries=5, base_ms=100, max_ms=10_000, sleep=sleep, random=lambda: 0.5)
    return [value, target.calls, sleep.sleeps]


def rethrows_last(s):
    sleep = FakeSleep()
    thrown = []

    def fn():
        error = retryable_error(f"attempt {len(thrown) + 1}")
        thrown.append(error)
        raise error

    _, error = settle(lambda: s.retry(fn, retries=3, base_ms=100, max_ms=10_000, sleep=sleep, random=lambda: 0.5))
    return [str(error) if error else None, error is thrown[-1], len(thrown), sleep.sleeps]


def full_jitter(s):
    sleep = FakeSleep()
    source = FakeRandom([0.5, 0.25, 0.75, 0.125])
    target = Flaky(100, "never")
    settle(lambda: s.retry(target, retries=4, base_ms=100, max_ms=100_000, sleep=sleep, random=source))
    return [sleep.sleeps, source.draws, target.calls]


def capped(s):
    sleep = FakeSleep()
    source = FakeRandom([0.5, 0.5, 0.5, 0.5, 0.5, 0.96875])
    target = Flaky(100, "never")
    settle(lambda: s.retry(target, retries=6, base_ms=100, max_ms=500, sleep=sleep, random=source))
    return sleep.sleeps


def no_final_sleep(s):
    results = []
    for retries in [0, 2]:
        sleep = FakeSleep()
        source = FakeRandom([0.5])
        target = Flaky(100, "never")
        _, error = settle(lambda: s.retry(target, retries=retries, base_ms=10, max_ms=1000, sleep=sleep, random=source))
        results.append([str(error) if error else None, target.calls, len(sleep.sleeps), source.draws])
    return results


def non_retryable(s):
    results = []
    failures = [
        not_retryable(Exception("bad request"), False),
        TypeError("'NoneType' object is not callable"),
        not_retryable(Exception("truthy is not true"), "yes"),
    ]
    for failure in failures:
        sleep = FakeSleep()
        calls = []

        def fn():
            calls.append(1)
            raise failure

        _, error = settle(lambda: s.retry(fn, retries=5, base_ms=100, max_ms=1000, sleep=sleep, random=lambda: 0.5))
        results.append([error is failure, len(calls), len(sleep.sleeps)])
    return results


def ends_early(s):
    sleep = FakeSleep()
    calls = []

    def fn():
        calls.append(1)
        if len(calls) < 3:
            raise retryable_error("timeout")
        raise not_retryable(Exception("card declined"), False)

    _, error = settle(lambda: s.retry(fn, retries=10, base_ms=100, max_ms=1000, sleep=sleep, random=lambda: 0.5))
    return [str(error) if error else None, len(calls), sleep.sleeps]


def waits_in_order(s):
    events = []
    sleep = FakeSleep(events)
    calls = []

    def fn():
        calls.append(1)
        events.append("call")
        if len(calls) < 3:
            raise retryable_error("busy")
        return "done"

    value = s.retry(fn, retries=5, base_ms=100, max_ms=1000, sleep=sleep, random=lambda: 0.5)
    return [value, events]


def plain_values(s):
    # Python's retry is synchronous, so this is the plain case; the JavaScript twin mixes sync and async.
    sleep = FakeSleep()
    calls = []

    def fn():
        calls.append(1)
        if len(calls) == 1:
            raise retryable_error("sync failure")
        return 42

    value = s.retry(fn, retries=2, base_ms=40, max_ms=1000, sleep=sleep, random=lambda: 0.25)
    return [value, len(calls), sleep.sleeps]


TESTS = {
    "resolves with the first success": first_success,
    "rethrows the last error once retries run out": rethrows_last,
    "full jitter scales each delay by its own random draw": full_jitter,
    "the delay is capped at maxMs before jitter": capped,
    "no sleep after the final failure": no_final_sleep,
    "non-retryable errors fail immediately": non_retryable,
    "a non-retryable error ends the retries early": ends_early,
    "waits for each sleep before the next attempt": waits_in_order,
    "fn may throw synchronously or return a plain value": plain_values,
}
