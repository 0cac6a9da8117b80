"""f(*args, **kwargs) into functions whose parameters bind directly:
positional-only, keyword-only and default parameters, *args and
**kwargs receiving what is left (a fresh dict each call, whatever the
callee does to it), decorators passing everything on, mappings that are
not dicts, many arguments; and the errors: a value given twice, unknown
and non-string keywords, missing arguments, a non-iterable after *."""

import collections
import functools


def target(a, /, b, c=3, *, d=4):
    return (a, b, c, d)


def gather(*args, **kwargs):
    kwargs["seen"] = True
    return args, sorted(kwargs.items())


def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn.__name__, fn(*args, **kwargs)
    return wrapper


@logged
def scaled(w, h=1, *, scale=1):
    return w * h * scale


def attempt(f):
    try:
        return f()
    except TypeError as e:
        return "TypeError: %s" % e


calls = [((1, 2), {}), ((1,), {"b": 5}), ((1, 2, 3), {"d": 0}),
         ((), {}), ((1, 2), {"c": 7, "d": 8})]
print([attempt(lambda: target(*a, **k)) for a, k in calls])
opts = {"x": 1}
print([gather(*range(i), **opts) for i in range(3)], opts)
print([scaled(i, h=2) for i in range(3)], scaled(3, scale=10))
print(attempt(lambda: target(1, *(2,), **{"b": 3})))
print(attempt(lambda: target(1, 2, **{"e": 3})))
print(attempt(lambda: target(1, 2, **{1: 3})))
print(attempt(lambda: target(*5)), attempt(lambda: target(**[1])))
print(target(*[1, 2], **collections.OrderedDict(d=9)))
print(target(*"ab", **collections.UserDict(c="c")))
many = tuple(range(30))
print(len(gather(*many, **{"k%d" % i: i for i in range(30)})[1]))
print(attempt(lambda: target(*many)))
