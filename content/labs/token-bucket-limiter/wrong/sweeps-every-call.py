# Wrong complexity: correct answers, but every request scans all buckets to forget idle ones, O(clients) per call.
import math
import time


class TokenBucket:
    def __init__(self, capacity, refill_per_second, now=None):
        self.capacity = capacity
        self.refill_per_second = refill_per_second
        self._now = now or (lambda: time.monotonic() * 1000)
        self.tokens = float(capacity)
        self.updated_at = self._now()

    def _refill(self):
        t = self._now()
        if t > self.updated_at:
            self.tokens = min(self.capacity, self.tokens + (t - self.updated_at) * self.refill_per_second / 1000)
            self.updated_at = t

    def try_take(self, cost=1):
        if cost > self.capacity:
            return False
        self._refill()
        if self.tokens < cost:
            return False
        self.tokens -= cost
        return True

    def retry_after_ms(self, cost=1):
        if cost > self.capacity:
            return math.inf
        self._refill()
        if self.tokens >= cost:
            return 0
        return math.ceil((cost - self.tokens) * 1000 / self.refill_per_second)


class RateLimiter:
    def __init__(self, capacity, refill_per_second, now=None):
        self.capacity = capacity
        self.refill_per_second = refill_per_second
        self._now = now or (lambda: time.monotonic() * 1000)
        self.buckets = {}
        self.full_after_ms = capacity * 1000 / refill_per_second

    def _bucket(self, key):
        t = self._now()
        for other in list(self.buckets):
            if t - self.buckets[other].updated_at >= self.full_after_ms:
                del self.buckets[other]
        if key not in self.buckets:
            self.buckets[key] = TokenBucket(self.capacity, self.refill_per_second, self._now)
        return self.buckets[key]

    def try_take(self, key, cost=1):
        return self._bucket(key).try_take(cost)

    def retry_after_ms(self, key, cost=1):
        return self._bucket(key).retry_after_ms(cost)
