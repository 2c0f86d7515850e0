import math
import time
from typing import Callable, Dict, Optional


def _monotonic_ms() -> float:
    return time.monotonic() * 1000


class TokenBucket:
    """Stores tokens and the time of the last update; the refill is computed lazily from elapsed time."""

    def __init__(self, capacity: float, refill_per_second: float, now: Optional[Callable[[], float]] = None):
        self.capacity = capacity
        self.refill_per_second = refill_per_second
        self._now = now or _monotonic_ms
        self.tokens = float(capacity)
        self.updated_at = self._now()

    def _refill(self) -> None:
        # Fractions are kept, and the bucket never overflows however long it sat idle.
        t = self._now()
        if t > self.updated_at:
            self.tokens = min(self.capacity, self.tokens + (t - self.updated_at) * self.refill_per_second / 1000)
            self.updated_at = t

    def try_take(self, cost: float = 1) -> bool:
        if cost > self.capacity:
            return False
        self._refill()
        if self.tokens < cost:
            return False
        self.tokens -= cost
        return True

    def retry_after_ms(self, cost: float = 1) -> float:
        if cost > self.capacity:
            return math.inf
        self._refill()
        if self.tokens >= cost:
            return 0
        return math.ceil((cost - self.tokens) * 1000 / self.refill_per_second)


class RateLimiter:
    """One bucket per key.

    A bucket idle long enough to be full again is no different from a new one, so it can be
    forgotten. The sweep runs once per "as many calls as there are buckets": memory stays bounded
    at O(1) amortised cost per call, instead of scanning every key on every call.
    """

    def __init__(self, capacity: float, refill_per_second: float, now: Optional[Callable[[], float]] = None):
        self.capacity = capacity
        self.refill_per_second = refill_per_second
        self._now = now or _monotonic_ms
        self._buckets: Dict[str, TokenBucket] = {}
        self._full_after_ms = capacity * 1000 / refill_per_second if refill_per_second > 0 else math.inf
        self._calls_until_sweep = 1000

    def _bucket(self, key: str) -> TokenBucket:
        self._calls_until_sweep -= 1
        if self._calls_until_sweep <= 0:
            self._forget_idle()
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = TokenBucket(self.capacity, self.refill_per_second, self._now)
        return bucket

    def _forget_idle(self) -> None:
        t = self._now()
        self._buckets = {k: b for k, b in self._buckets.items() if t - b.updated_at < self._full_after_ms}
        self._calls_until_sweep = max(1000, len(self._buckets))

    def try_take(self, key: str, cost: float = 1) -> bool:
        return self._bucket(key).try_take(cost)

    def retry_after_ms(self, key: str, cost: float = 1) -> float:
        return self._bucket(key).retry_after_ms(cost)
