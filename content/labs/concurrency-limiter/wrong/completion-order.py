# Wrong: appends each result when its task finishes, so results come back in completion order instead of input order.
import asyncio


async def run_with_limit(tasks, limit):
    if not isinstance(limit, int) or limit < 1:
        raise ValueError("limit must be a positive integer")
    results = []
    pending = list(tasks)

    async def worker():
        while pending:
            task = pending.pop(0)
            results.append(await task())

    workers = [asyncio.ensure_future(worker()) for _ in range(min(limit, len(tasks)))]
    try:
        await asyncio.gather(*workers)
    except BaseException:
        for w in workers:
            w.cancel()
        raise
    return results
