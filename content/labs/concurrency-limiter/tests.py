"""Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal."""
import asyncio


async def flush():
    """Lets every ready callback run, so the pool has reacted to what just happened."""
    for _ in range(20):
        await asyncio.sleep(0)


def input_order(s):
    def task(label, seconds):
        async def run():
            await asyncio.sleep(seconds)
            return label

        return run

    tasks = [task("a", 0.03), task("b", 0.01), task("c", 0.02), task("d", 0)]
    return asyncio.run(s.run_with_limit(tasks, 2))


def max_concurrency(s):
    delays = [5, 1, 3, 2, 4, 1, 2, 3, 1, 2]
    state = {"running": 0, "max": 0, "calls": 0}

    def task(i, ms):
        async def run():
            state["calls"] += 1
            state["running"] += 1
            state["max"] = max(state["max"], state["running"])
            await asyncio.sleep(ms / 1000)
            state["running"] -= 1
            return i * i

        return run

    results = asyncio.run(s.run_with_limit([task(i, ms) for i, ms in enumerate(delays)], 3))
    return [state["max"], state["calls"], list(results)]


def next_starts_immediately(s):
    async def body():
        loop = asyncio.get_running_loop()
        started = []
        gates = {label: loop.create_future() for label in "ABCD"}

        def task(label):
            async def run():
                started.append(label)
                return await gates[label]

            return run

        call = asyncio.ensure_future(s.run_with_limit([task(label) for label in "ABCD"], 2))
        await flush()
        first = list(started)
        gates["B"].set_result("b")
        await flush()
        second = list(started)
        gates["C"].set_result("c")
        await flush()
        third = list(started)
        gates["A"].set_result("a")
        gates["D"].set_result("d")
        return [first, second, third, list(await call)]

    return asyncio.run(body())


def empty(s):
    return list(asyncio.run(s.run_with_limit([], 4)))


def limit_above_count(s):
    async def body():
        loop = asyncio.get_running_loop()
        calls = [0, 0, 0]
        gates = [loop.create_future() for _ in range(3)]

        def task(i):
            async def run():
                calls[i] += 1
                return await gates[i]

            return run

        call = asyncio.ensure_future(s.run_with_limit([task(i) for i in range(3)], 10))
        await flush()
        running = sum(calls)
        for gate, value in zip(gates, "xyz"):
            gate.set_result(value)
        results = await call
        return [running, calls, list(results)]

    return asyncio.run(body())


def fails_fast(s):
    async def body():
        loop = asyncio.get_running_loop()
        started = []
        slow = loop.create_future()

        async def a():
            started.append("A")
            return await slow

        async def b():
            started.append("B")
            await asyncio.sleep(0)
            raise RuntimeError("boom")

        async def c():
            started.append("C")
            return "c"

        call = asyncio.ensure_future(s.run_with_limit([a, b, c], 2))
        await flush()
        if not call.done():
            snapshot = ["pending", None, list(started)]
        elif call.cancelled():
            snapshot = ["cancelled", None, list(started)]
        elif call.exception() is not None:
            snapshot = ["rejected", str(call.exception()), list(started)]
        else:
            snapshot = ["resolved", None, list(started)]
        if not slow.done():
            slow.set_result("a")
        await flush()
        if not call.done():
            call.cancel()
        await asyncio.gather(call, return_exceptions=True)
        return snapshot

    return asyncio.run(body())


def invalid_limit(s):
    async def one():
        return 1

    outcomes = []
    for limit in [0, -1, 1.5]:
        try:
            asyncio.run(asyncio.wait_for(s.run_with_limit([one], limit), 1))
            outcomes.append("accepted")
        except ValueError:
            outcomes.append("invalid")
        except BaseException as error:  # noqa: BLE001 - reported as the test's value
            outcomes.append(f"other error: {type(error).__name__}")
    return outcomes


def many_tasks(s):
    n = 2000
    calls = [0] * n
    state = {"running": 0, "max": 0}

    def task(i):
        async def run():
            calls[i] += 1
            state["running"] += 1
            state["max"] = max(state["max"], state["running"])
            await asyncio.sleep(0)
            await asyncio.sleep(0)
            state["running"] -= 1
            return i

        return run

    results = asyncio.run(s.run_with_limit([task(i) for i in range(n)], 16))
    total = sum(calls)
    once = sum(1 for c in calls if c == 1)
    checksum = sum(value for i, value in enumerate(results) if value == i)
    return [total, once, checksum, state["max"]]


TESTS = {
    "results come back in input order": input_order,
    "never more than limit tasks at once": max_concurrency,
    "starts the next task as soon as any task finishes": next_starts_immediately,
    "an empty list resolves to an empty list": empty,
    "a limit larger than the task count runs them all at once": limit_above_count,
    "a failing task fails the call at once and stops new starts": fails_fast,
    "limit must be a positive integer": invalid_limit,
    "each task is called exactly once with many tasks": many_tasks,
}
