"""Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal."""
import math


class Clock:
    """A hand-driven clock: tests set `t` (milliseconds) and pass the clock itself as `now`."""

    def __init__(self):
        self.t = 0

    def __call__(self):
        return self.t


def shown(ms):
    """Infinity is not JSON: report it as "never"."""
    return "never" if ms == math.inf else ms


def take_times(bucket, n, cost=1):
    return [bucket.try_take(cost) for _ in range(n)]


def burst(s):
    clock = Clock()
    bucket = s.TokenBucket(capacity=3, refill_per_second=1, now=clock)
    return take_times(bucket, 4)


def refills(s):
    clock = Clock()
    bucket = s.TokenBucket(capacity=4, refill_per_second=2, now=clock)
    take_times(bucket, 4)
    seen = []
    clock.t = 500
    seen += take_times(bucket, 2)
    clock.t = 1000
    seen += take_times(bucket, 2)
    clock.t = 2000
    seen += take_times(bucket, 3)
    return seen


def per_key(s):
    clock = Clock()
    limiter = s.RateLimiter(capacity=2, refill_per_second=1, now=clock)
    seen = [limiter.try_take(key) for key in ["a", "a", "a", "b"]]
    clock.t = 1000
    seen += [limiter.try_take(key) for key in ["a", "a", "b", "b", "b"]]
    return seen


def fractional(s):
    clock = Clock()
    bucket = s.TokenBucket(capacity=5, refill_per_second=4, now=clock)
    take_times(bucket, 5)
    seen = []
    for step in range(1, 7):
        clock.t = step * 125
        seen.append(bucket.try_take())
    return seen


def capped(s):
    clock = Clock()
    bucket = s.TokenBucket(capacity=3, refill_per_second=1, now=clock)
    take_times(bucket, 3)
    clock.t = 3_600_000
    return take_times(bucket, 5) + [shown(bucket.retry_after_ms(1))]


def retry_after(s):
    clock = Clock()
    bucket = s.TokenBucket(capacity=2, refill_per_second=4, now=clock)
    take_times(bucket, 2)
    seen = [shown(bucket.retry_after_ms(1)), shown(bucket.retry_after_ms(2))]
    clock.t = 125
    seen += [shown(bucket.retry_after_ms()), bucket.try_take(), shown(bucket.retry_after_ms(2))]
    clock.t = 250
    seen += [shown(bucket.retry_after_ms(1)), bucket.try_take(1), shown(bucket.retry_after_ms(3))]
    return seen


def above_capacity(s):
    clock = Clock()
    bucket = s.TokenBucket(capacity=5, refill_per_second=1, now=clock)
    limiter = s.RateLimiter(capacity=5, refill_per_second=1, now=clock)
    seen = [bucket.try_take(6), shown(bucket.retry_after_ms(6))]
    clock.t = 3_600_000
    seen += [bucket.try_take(6), bucket.try_take(5), limiter.try_take("k", 6), shown(limiter.retry_after_ms("k", 6))]
    return seen


def refused_is_free(s):
    clock = Clock()
    bucket = s.TokenBucket(capacity=5, refill_per_second=1, now=clock)
    seen = [bucket.try_take(3), bucket.try_take(3), bucket.try_take(2), bucket.try_take(1)]
    clock.t = 1000
    seen.append(bucket.try_take(1))
    return seen


def idle_client(s):
    clock = Clock()
    # One token every 128 seconds: a client idle for two minutes has not earned a whole token yet.
    limiter = s.RateLimiter(capacity=2, refill_per_second=1 / 128, now=clock)
    seen = [limiter.try_take("a"), limiter.try_take("a")]
    clock.t = 120_000
    seen += [limiter.try_take("a"), limiter.try_take("b")]
    clock.t = 300_000
    seen += [limiter.try_take("a"), limiter.try_take("a"), limiter.try_take("a")]
    return seen


def many_clients(s):
    clock = Clock()
    limiter = s.RateLimiter(capacity=2, refill_per_second=1 / 256, now=clock)
    keys = [f"client-{i}" for i in range(50_000)]
    allowed = refused = 0
    for _ in range(3):
        for key in keys:
            clock.t += 1
            if limiter.try_take(key):
                allowed += 1
            else:
                refused += 1
    return [allowed, refused]


TESTS = {
    "allows a burst up to capacity": burst,
    "refills at the configured rate": refills,
    "each client key has its own bucket": per_key,
    "fractional tokens are not lost": fractional,
    "never holds more than capacity after a long idle": capped,
    "retry after says when the next take succeeds": retry_after,
    "a cost above capacity never succeeds": above_capacity,
    "a refused take consumes nothing": refused_is_free,
    "an idle client does not get a fresh bucket too early": idle_client,
    "150000 requests from 50000 clients": many_clients,
}
