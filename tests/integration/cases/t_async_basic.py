# async def, await, asyncio.run, gather, tasks, async with, async for,
# async generators, exceptions across awaits. Deterministic (no real sleeps
# except sleep(0), which only yields to the event loop).
import asyncio

log = []


async def worker(name, steps):
    total = 0
    for i in range(steps):
        log.append(f"{name}:{i}")
        total += i
        await asyncio.sleep(0)
    return f"{name} done ({total})"


async def failing(delay_steps):
    for _ in range(delay_steps):
        await asyncio.sleep(0)
    raise ValueError("worker failed")


class Resource:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        log.append(f"open {self.name}")
        await asyncio.sleep(0)
        return self

    async def __aexit__(self, et, ev, tb):
        log.append(f"close {self.name} {et.__name__ if et else None}")
        return False


class Ticker:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        self.i = 0
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        await asyncio.sleep(0)
        return self.i * 10


async def agen(n):
    for i in range(n):
        await asyncio.sleep(0)
        yield i * i


async def main():
    r = await worker("solo", 3)
    print(r)
    results = await asyncio.gather(worker("a", 3), worker("b", 2), worker("c", 1))
    print(results)
    print(log)
    log.clear()
    res = await asyncio.gather(worker("x", 2), failing(1), return_exceptions=True)
    print([type(v).__name__ + ":" + str(v) for v in res])
    try:
        await asyncio.gather(failing(0), worker("y", 1))
    except ValueError as e:
        print("gather raised", e)
    log.clear()
    async with Resource("db") as res1:
        async with Resource("cache"):
            log.append(f"using {res1.name}")
    try:
        async with Resource("file"):
            raise KeyError("in async with")
    except KeyError as e:
        log.append(f"caught {e}")
    print(log)
    print([v async for v in Ticker(4)], [v async for v in agen(5) if v % 2 == 0])
    total = 0
    async for v in agen(4):
        total += v
    print("async for total", total)
    t1 = asyncio.create_task(worker("t1", 2))
    t2 = asyncio.create_task(worker("t2", 2))
    done1 = await t1
    done2 = await t2
    print(done1, done2, t1.done(), t2.result())
    q = asyncio.Queue()

    async def producer():
        for i in range(5):
            await q.put(i)
        await q.put(None)

    async def consumer():
        got = []
        while (item := await q.get()) is not None:
            got.append(item * 2)
        return got

    _, consumed = await asyncio.gather(producer(), consumer())
    print("consumed", consumed)
    try:
        await asyncio.wait_for(asyncio.Event().wait(), timeout=0.01)
    except asyncio.TimeoutError:
        print("timed out as expected")
    return "main finished"


print(asyncio.run(main()))
coro = worker("never", 1)
print(type(coro).__name__, asyncio.iscoroutine(coro))
coro.close()
print(asyncio.run(worker("second run", 2)))
