# Generator frames: values on the stack across a yield, the frame seen
# while suspended (f_lineno, f_locals, gi_running, gi_frame), exceptions
# raised into and out of generators, close() and abandoned generators.
import gc
import inspect
import sys


def show(*args):
    return "|".join(str(a) for a in args)


def stacked():
    # the call, its callable and two arguments sit below each yield
    r = show("a", (yield 1), "b", (yield 2))
    total = 10 + (yield r) * 2
    d = {"x": (yield "dict"), "y": [1, (yield "list")]}
    return total, d


g = stacked()
print(next(g), g.send("first"), g.send("second"), g.send(5))
print(g.send(7))
try:
    g.send(8)
except StopIteration as e:
    print("returned", e.value)


def inspected(n):
    x = n * 2
    yield x
    y = x + 1
    yield y
    me = sys._getframe()
    yield me.f_lineno, sorted(me.f_locals)


g = inspected(4)
print(inspect.getgeneratorstate(g), g.gi_frame.f_lineno, g.gi_running)
print(next(g), g.gi_frame.f_lineno, sorted(g.gi_frame.f_locals.items()))
print(next(g), g.gi_frame.f_lineno, g.gi_frame.f_locals["y"])
print(next(g), inspect.getgeneratorstate(g))
print(g.gi_code.co_name, g.__name__, g.__qualname__)
g.close()
print(inspect.getgeneratorstate(g), g.gi_frame)


def running():
    yield g2.gi_running, inspect.getgeneratorstate(g2)


g2 = running()
print(next(g2))


def reentrant():
    yield next(g3)


g3 = reentrant()
try:
    next(g3)
except ValueError as e:
    print("ValueError:", e)


def raises_stop():
    yield 1
    raise StopIteration("inside")


try:
    list(raises_stop())
except RuntimeError as e:
    print("RuntimeError:", e, "from", type(e.__cause__).__name__)


def ignores_exit():
    try:
        yield "x"
    except GeneratorExit:
        pass
    yield "y"


g = ignores_exit()
next(g)
try:
    g.close()
except RuntimeError as e:
    print("RuntimeError:", e)
print(list(g))


def cleanup(tag, log):
    try:
        yield tag
        yield tag + "!"
    finally:
        log.append("finally " + tag)


log = []
g = cleanup("a", log)
next(g)
del g
gc.collect()
c = cleanup("b", log)
print(next(c), next(c), log)
c.close()
print(log)


def catches(limit):
    n = 0
    while n < limit:
        try:
            n += 1
            yield n
        except KeyError as e:
            yield "caught " + str(e)
        except ZeroDivisionError:
            raise ValueError("converted")


g = catches(3)
print(next(g), g.throw(KeyError("k")), next(g))
try:
    g.throw(ZeroDivisionError)
except ValueError as e:
    print("ValueError:", e, type(e.__context__).__name__)
fresh = catches(1)
try:
    fresh.throw(TypeError("before start"))
except TypeError as e:
    print("TypeError:", e, inspect.getgeneratorstate(fresh))
try:
    catches(1).send("x")
except TypeError as e:
    print("TypeError:", e)


def with_block(log):
    class Ctx:
        def __enter__(self):
            log.append("enter")

        def __exit__(self, *exc):
            log.append("exit " + str(exc[0].__name__ if exc[0] else None))

    with Ctx():
        yield 1
        yield 2


log = []
print(list(with_block(log)), log)
log = []
g = with_block(log)
next(g)
g.close()
print(log)
print(sum(x for x in range(100) if x % 3), max((len(w), w) for w in ["ab", "c", "def"]))
print(list(x * y for x in range(3) for y in range(x)))
