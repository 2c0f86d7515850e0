# Wrong: a Semaphore plus gather limits concurrency, but when one task fails gather raises while the coroutines queued on the semaphore keep starting new tasks in the background.
import asyncio


async def run_with_limit(tasks, limit):
    if not isinstance(limit, int) or limit < 1:
        raise ValueError("limit must be a positive integer")
    semaphore = asyncio.Semaphore(limit)

    async def guarded(task):
        async with semaphore:
            return await task()

    return list(await asyncio.gather(*(guarded(task) for task in tasks)))
