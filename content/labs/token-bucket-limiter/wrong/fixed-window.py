# Wrong: a fixed one-second window counter, not a token bucket: nothing comes back until the window
# rolls over, and then the whole capacity comes back at once.
import math
import time


class TokenBucket:
    def __init__(self, capacity, refill_per_second, now=None):
        self.capacity = capacity
        self.refill_per_second = refill_per_second
        self._now = now or (lambda: time.monotonic() * 1000)
        self.window = None
        self.used = 0

    def _roll(self):
        window = self._now() // 1000
        if window != self.window:
            self.window = window
            self.used = 0

    def try_take(self, cost=1):
        self._roll()
        if self.used + cost > self.capacity:
            return False
        self.used += cost
        return True

    def retry_after_ms(self, cost=1):
        if cost > self.capacity:
            return math.inf
        self._roll()
        if self.used + cost <= self.capacity:
            return 0
        return (self.window + 1) * 1000 - self._now()


class RateLimiter:
    def __init__(self, capacity, refill_per_second, now=None):
        self.args = (capacity, refill_per_second, now)
        self.buckets = {}

    def _bucket(self, key):
        if key not in self.buckets:
            self.buckets[key] = TokenBucket(*self.args)
        return self.buckets[key]

    def try_take(self, key, cost=1):
        return self._bucket(key).try_take(cost)

    def retry_after_ms(self, key, cost=1):
        return self._bucket(key).retry_after_ms(cost)
