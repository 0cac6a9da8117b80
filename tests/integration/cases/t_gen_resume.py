"""Generators and coroutines resumed from compiled loops and `yield from`
(without the interpreter's send slot): return values, StopIteration
raised inside (a RuntimeError, PEP 479), the exception being handled
where the generator runs, a frame object that outlives the generator,
a generator that resumes itself, values sent to a just-started one,
and tracing turned on inside one."""
import sys


def numbers(n):
    for i in range(n):
        yield i
    return "done %d" % n


def delegate(n):
    result = yield from numbers(n)
    yield result
    inner = yield from numbers(0)
    yield inner


def loops():
    total = [x for x in numbers(4)]
    for x in delegate(2):
        total.append(x)
    return total


def raises_stop():
    yield 1
    raise StopIteration("inside")


def handled():
    yield sys.exc_info()[1]
    try:
        raise KeyError("in generator")
    except KeyError:
        yield sys.exc_info()[1]
    yield sys.exc_info()[1]


def exception_state():
    out = []
    try:
        raise ValueError("in caller")
    except ValueError:
        for e in handled():
            out.append((repr(e), repr(sys.exc_info()[1])))
        out.append(repr(sys.exc_info()[1]))
    out.append(repr(sys.exc_info()[1]))
    return out


def keeps_frame():
    x = "local"
    yield sys._getframe(), sys._getframe().f_back.f_code.co_name
    x = "changed"


def frames():
    out = []
    for f, caller in keeps_frame():
        out.append(f.f_code.co_name)
        out.append(caller)
    out.append(f.f_locals.get("x"))
    out.append(f.f_back)
    return out


def resumes_self():
    yield next(me)


async def coro(v):
    return v * 2


async def coro_stop():
    raise StopIteration


async def awaits():
    a = await coro(3)
    try:
        await coro_stop()
    except RuntimeError as e:
        return a, str(e), type(e.__cause__).__name__


def run_coro(c):
    try:
        c.send(None)
    except StopIteration as e:
        return e.value


def traced_inside():
    yield 1
    sys.settrace(lambda *a: None)
    yield 2
    sys.settrace(None)
    yield 3


def attempts():
    out = []
    try:
        for x in raises_stop():
            out.append(x)
    except RuntimeError as e:
        out.append((str(e), repr(e.__cause__)))
    global me
    me = resumes_self()
    try:
        for x in me:
            pass
    except ValueError as e:
        out.append(str(e))
    g = numbers(3)
    try:
        g.send(5)
    except TypeError as e:
        out.append(str(e))
    out.append(list(traced_inside()))
    out.append([x for x in traced_inside()])
    return out


print(loops())
print(exception_state())
print(frames())
print(attempts())
print(run_coro(awaits()))
