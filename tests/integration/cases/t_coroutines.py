# Coroutines without an event loop (driven by send/throw), awaitables of
# every kind, the errors of await/async with/async for, async generators'
# asend/athrow/aclose, origin tracking; then asyncio: tasks, cancellation,
# timeouts, exceptions out of nested awaits.
import asyncio
import sys
import types


class Suspend:
    """An awaitable whose __await__ is a generator: one suspension."""

    def __init__(self, tag):
        self.tag = tag

    def __await__(self):
        got = yield ("suspended", self.tag)
        return (self.tag, got)


@types.coroutine
def raw_yield(v):
    return (yield v)


async def leaf(x):
    a = await Suspend(x)
    b = await raw_yield(x * 2)
    return a, b


async def branch():
    first = await leaf(1)
    try:
        await leaf(2)
    except KeyError as e:
        return first, "caught " + str(e)


co = branch()
print(co.send(None), co.send("s1"), co.send("s2"))
print(co.send("s3"), co.cr_await is not None, co.cr_running)
try:
    co.throw(KeyError("thrown in"))
except StopIteration as e:
    print("returned", e.value)
try:
    co.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)


async def awaits(obj):
    return await obj


class BadAwait:
    def __await__(self):
        return 42


class CoroAwait:
    def __await__(self):
        self.made = leaf(0)
        return self.made


for obj in (5, BadAwait(), CoroAwait()):
    c = awaits(obj)
    try:
        c.send(None)
    except TypeError as e:
        print("TypeError:", e)
    c.close()
obj.made.close()


async def double_await(inner):
    return await inner


inner = leaf(3)
first = double_await(inner)
first.send(None)
second = double_await(inner)
try:
    second.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)
first.close()
second.close()


class AenterNotAwaitable:
    def __aenter__(self):
        return 1

    def __aexit__(self, *a):
        return 2


class NoAexit:
    async def __aenter__(self):
        return self


async def with_bad(mgr):
    async with mgr:
        return "body"


for mgr in (AenterNotAwaitable(), NoAexit(), object()):
    c = with_bad(mgr)
    try:
        c.send(None)
    except (TypeError, AttributeError) as e:
        print(type(e).__name__ + ":", e)
    c.close()


class NoAnext:
    def __aiter__(self):
        return self


class BadAnext:
    def __aiter__(self):
        return self

    def __anext__(self):
        return 7


async def loop_over(it):
    async for x in it:
        return x


for it in (3, NoAnext(), BadAnext()):
    c = loop_over(it)
    try:
        c.send(None)
    except TypeError as e:
        print("TypeError:", e, "| cause:", e.__cause__)
    c.close()


async def ticks(n, log):
    try:
        for i in range(n):
            got = yield i
            if got is not None:
                log.append(got)
            await Suspend(i)
    finally:
        log.append("ticks finally")


def drive(aw, *sends):
    out = []
    try:
        out.append(aw.send(None))
        for s in sends:
            out.append(aw.send(s))
    except StopIteration as e:
        out.append(("stop", e.value))
    except Exception as e:
        out.append(type(e).__name__)
    return out


log = []
ag = ticks(3, log)
print(drive(ag.asend(None)), drive(ag.asend("hello"), "resumed"))
print(drive(ag.athrow(ValueError)), drive(ag.aclose()), log)
print(ag.ag_running, ag.ag_frame, ag.__name__)
log = []
ag = ticks(5, log)
print(drive(ag.asend(None)), drive(ag.aclose()), drive(ag.asend(None)), log)


async def origin():
    return 1


def make_origin():
    return origin()


sys.set_coroutine_origin_tracking_depth(2)
c = make_origin()
print([(name, line) for _, line, name in c.cr_origin])
c.close()
sys.set_coroutine_origin_tracking_depth(0)
c = origin()
print(c.cr_origin)
c.close()


async def step(name, n, log):
    for i in range(n):
        log.append(name + str(i))
        await asyncio.sleep(0)
    return name


async def fail_after(n):
    await asyncio.sleep(0)
    if n:
        return await fail_after(n - 1)
    raise LookupError("deep failure")


async def sleeper(log):
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        log.append("cancelled")
        raise
    finally:
        log.append("sleeper finally")


async def squares(n):
    for i in range(n):
        await asyncio.sleep(0)
        yield i * i


async def main():
    log = []
    print(await asyncio.gather(step("a", 3, log), step("b", 2, log)), log)
    try:
        await fail_after(3)
    except LookupError as e:
        print("LookupError:", e)
    task = asyncio.create_task(sleeper(log))
    await asyncio.sleep(0)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("task cancelled", task.cancelled(), log[-2:])
    try:
        await asyncio.wait_for(sleeper(log), timeout=0.01)
    except asyncio.TimeoutError:
        print("timed out", log[-2:])
    results = await asyncio.gather(fail_after(1), step("c", 1, log),
                                   return_exceptions=True)
    print([type(r).__name__ for r in results])
    async with asyncio.timeout(10):
        return [x async for x in squares(4) if x != 1]


print(asyncio.run(main()))
asyncio.run(fail_after(2))
