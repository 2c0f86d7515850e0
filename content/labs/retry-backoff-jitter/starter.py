from typing import Callable, TypeVar

T = TypeVar("T")


def retry(
    fn: Callable[[], T],
    *,
    retries: int,
    base_ms: float,
    max_ms: float,
    sleep: Callable[[float], None] | None = None,
    random: Callable[[], float] | None = None,
) -> T:
    return fn()
