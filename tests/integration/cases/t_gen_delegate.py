# yield from: values sent, thrown and closed through a chain of
# delegating generators, a subgenerator that returns while a value is
# thrown into it, delegation to iterators without throw(), gi_yieldfrom.
import inspect


def inner(log):
    try:
        while True:
            v = yield
            log.append(("inner got", v))
            if v == "stop":
                return "inner done"
    except KeyError as e:
        log.append(("inner caught", str(e)))
        return "returned on throw"
    finally:
        log.append("inner finally")


def middle(log):
    r = yield from inner(log)
    log.append(("middle got result", r))
    r2 = yield "after inner"
    return r2


def outer(log):
    try:
        r = yield from middle(log)
        log.append(("outer got", r))
    except ValueError as e:
        log.append(("outer caught", str(e)))
        yield "recovered"


log = []
g = outer(log)
next(g)
g.send(1)
g.send("two")
print(g.gi_yieldfrom.__name__, g.gi_yieldfrom.gi_yieldfrom.__name__)
print(g.send("stop"))
try:
    g.send("end")
except StopIteration:
    pass
print(log)

# A throw that makes the innermost generator return: the frames above
# resume after their SEND with the return value.
log = []
g = outer(log)
next(g)
g.send("x")
print(g.throw(KeyError("thrown")))
print(inspect.getgeneratorstate(g), log)

# A throw nobody catches below: it comes out of the subgenerators.
log = []
g = outer(log)
next(g)
print(g.throw(ValueError("to outer")), log)
g.close()

# close() is forwarded down the chain.
log = []
g = outer(log)
next(g)
g.close()
print(log, inspect.getgeneratorstate(g))


def over_list():
    got = yield from [1, 2, 3]
    yield ("list result", got)


g = over_list()
print(next(g), next(g))
try:
    g.throw(IndexError("no throw method"))
except IndexError as e:
    print("IndexError:", e)


class Echo:
    """An iterator with send/throw/close, but no generator."""

    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        return self.send(None)

    def send(self, v):
        self.n += 1
        if self.n > 3:
            raise StopIteration(("echo result", v))
        return ("echo", v)

    def throw(self, typ, val=None, tb=None):
        raise StopIteration("ended by " + type(val).__name__)

    def close(self):
        print("Echo.close")


def over_echo():
    r = yield from Echo()
    yield r


g = over_echo()
print(next(g), g.send("a"), g.send("b"), g.send("c"))
g = over_echo()
next(g)
print(g.throw(LookupError("x")))
g = over_echo()
next(g)
g.close()


def countdown(n):
    while n:
        yield n
        n -= 1
    return "liftoff"


def chain(*gens):
    results = []
    for gen in gens:
        results.append((yield from gen))
    return results


def collect(gen):
    out = []
    while True:
        try:
            out.append(next(gen))
        except StopIteration as e:
            return out, e.value


print(collect(chain(countdown(2), countdown(3), iter("ab"))))


def flatten(tree):
    for node in tree:
        if isinstance(node, list):
            yield from flatten(node)
        else:
            yield node


print(list(flatten([1, [2, [3, [4, [5]]]], 6])))
try:
    def bad():
        yield from 5

    list(bad())
except TypeError as e:
    print("TypeError:", e)
