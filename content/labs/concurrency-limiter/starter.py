import asyncio
from typing import Awaitable, Callable, List, Sequence, TypeVar

T = TypeVar("T")


async def run_with_limit(tasks: Sequence[Callable[[], Awaitable[T]]], limit: int) -> List[T]:
    """Run the coroutine functions in `tasks`, at most `limit` at a time; results in input order."""
    return []
