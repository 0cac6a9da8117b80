# Decorators: plain, with arguments, stacked, class decorators, functools
# helpers (wraps, lru_cache, partial, singledispatch, total_ordering).
import functools

calls = []


def memoize(fn):
    cache = {}

    @functools.wraps(fn)
    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]

    wrapper.cache = cache
    return wrapper


@memoize
def fib(n):
    """Fibonacci with a cache."""
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80), len(fib.cache), fib.__name__, fib.__doc__, fib.__wrapped__.__name__)


def trace(prefix):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            calls.append(f"{prefix}>{fn.__name__}{args}")
            result = fn(*args, **kwargs)
            calls.append(f"{prefix}<{fn.__name__}={result!r}")
            return result
        return wrapper
    return deco


def twice(fn):
    def wrapper(*a):
        return fn(fn(*a))
    return wrapper


@trace("outer")
@trace("inner")
def add(a, b=1):
    return a + b


@twice
@trace("t")
def half(v):
    return v // 2


print(add(2, b=3), add(5), calls)
calls.clear()
print(half(40), calls, add.__qualname__, half.__name__)
calls.clear()


def register(registry):
    def deco(cls):
        registry[cls.__name__] = cls
        cls.registered = True
        return cls
    return deco


REG = {}


@register(REG)
class Widget:
    pass


@register(REG)
@functools.total_ordering
class Score:
    def __init__(self, v):
        self.v = v

    def __eq__(self, o):
        return self.v == o.v

    def __lt__(self, o):
        return self.v < o.v


print(sorted(REG), Widget.registered, Score(1) <= Score(2), Score(3) >= Score(3), Score(4) > Score(1))


@functools.lru_cache(maxsize=None)
def paths(r, c):
    return 1 if r == 0 or c == 0 else paths(r - 1, c) + paths(r, c - 1)


print(paths(16, 16), paths.cache_info().hits > 0)


@functools.singledispatch
def describe(x):
    return f"object {x!r}"


@describe.register
def _(x: int):
    return f"int {x}"


@describe.register(list)
def _list(x):
    return "list of " + ", ".join([describe(i) for i in x])


print(describe(3), describe("s"), describe([1, "a", [2]]))
power = functools.partial(pow, exp=2)
print(power(7), functools.partial(int, base=2)("1011"), functools.reduce(lambda a, b: a * 10 + b, [1, 2, 3]))


class Cached:
    def __init__(self):
        self.computed = 0

    @functools.cached_property
    def value(self):
        self.computed += 1
        return 42

    @staticmethod
    @trace("s")
    def util(x):
        return x * 3


c = Cached()
print(c.value, c.value, c.computed, Cached.util(2), calls[-1])
