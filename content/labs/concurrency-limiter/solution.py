import asyncio
from typing import Awaitable, Callable, List, Sequence, TypeVar

T = TypeVar("T")


async def run_with_limit(tasks: Sequence[Callable[[], Awaitable[T]]], limit: int) -> List[T]:
    """Run the coroutine functions in `tasks` with at most `limit` in flight; results in input order.

    `limit` workers pull the next index from a shared counter, so a worker starts a new task the
    moment its previous one finishes. The event loop is single-threaded and there is no `await`
    between reading and bumping the counter, so no lock is needed.
    The first exception propagates at once; the other workers are cancelled, so nothing new starts.
    """
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise ValueError(f"limit must be a positive integer, got {limit!r}")
    results: List[T] = [None] * len(tasks)  # type: ignore[list-item]
    next_index = 0

    async def worker() -> None:
        nonlocal next_index
        while next_index < len(tasks):
            index = next_index
            next_index += 1
            results[index] = await tasks[index]()

    workers = [asyncio.ensure_future(worker()) for _ in range(min(limit, len(tasks)))]
    try:
        # gather raises the first exception immediately; the remaining workers keep running...
        await asyncio.gather(*workers)
    except BaseException:
        # ...so cancel them: their current task is interrupted and no further task starts.
        for w in workers:
            w.cancel()
        raise
    return results
