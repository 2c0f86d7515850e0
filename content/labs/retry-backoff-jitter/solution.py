import random as _random
import time
from typing import Callable, TypeVar

T = TypeVar("T")


def _real_sleep(ms: float) -> None:
    time.sleep(ms / 1000)


def _is_retryable(error: BaseException) -> bool:
    # Only an explicit True opts in; a bug (TypeError, say) must surface at once.
    return getattr(error, "retryable", False) is True


def retry(
    fn: Callable[[], T],
    *,
    retries: int,
    base_ms: float,
    max_ms: float,
    sleep: Callable[[float], None] | None = None,
    random: Callable[[], float] | None = None,
) -> T:
    """Exponential backoff with full jitter: wait random() * min(max_ms, base_ms * 2**k) before retry k."""
    sleep = sleep or _real_sleep
    random = random or _random.random
    attempt = 0
    while True:
        try:
            return fn()
        except Exception as error:
            if not _is_retryable(error) or attempt >= retries:
                raise  # re-raises the same exception object, traceback intact
            sleep(random() * min(max_ms, base_ms * 2**attempt))
            attempt += 1
