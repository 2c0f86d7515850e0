from typing import Callable, Optional


class TokenBucket:
    def __init__(self, capacity: float, refill_per_second: float, now: Optional[Callable[[], float]] = None):
        pass

    def try_take(self, cost: float = 1) -> bool:
        return False

    def retry_after_ms(self, cost: float = 1) -> float:
        return 0


class RateLimiter:
    def __init__(self, capacity: float, refill_per_second: float, now: Optional[Callable[[], float]] = None):
        pass

    def try_take(self, key: str, cost: float = 1) -> bool:
        return False

    def retry_after_ms(self, key: str, cost: float = 1) -> float:
        return 0
