"""Compiled functions called from C (sorted, map, re.sub, properties,
operators, __init__ through type calls, functools.reduce) and from the
interpreter: with defaults and keywords, after their __code__ or
__defaults__ change, raising, recursing past the limit, and traced."""
import functools
import re
import sys


def key_of(x, scale=2):
    return -x * scale


def add(a, b):
    return a + b


def loud(m):
    return m.group(0).upper()


class Box:
    def __init__(self, v, tag="box"):
        self.v = v
        self.tag = tag

    def __add__(self, other):
        return Box(self.v + other.v, self.tag)

    def __lt__(self, other):
        return self.v < other.v

    @property
    def double(self):
        return self.v * 2

    def __repr__(self):
        return "Box(%r, %r)" % (self.v, self.tag)


def from_c():
    out = []
    out.append(sorted([3, 1, 2], key=key_of))
    out.append(list(map(add, [1, 2], [10, 20])))
    out.append(list(filter(lambda x: x % 2, range(7))))
    out.append(re.sub(r"[aeiou]", loud, "pyaot compiles"))
    out.append(functools.reduce(add, range(10)))
    boxes = [Box(3), Box(1, tag="t"), Box(2)]
    out.append(sorted(boxes))
    out.append(functools.reduce(lambda a, b: a + b, boxes))
    out.append([b.double for b in boxes])
    out.append(max(boxes))
    return out


def changed_functions():
    def f(x, y=1):
        return ("f", x, y)

    def g(x, y=5):
        return ("g", x, y)

    out = [list(map(f, [1, 2]))]
    f.__defaults__ = (100,)
    out.append(list(map(f, [1, 2])))
    f.__code__ = g.__code__
    out.append(list(map(f, [1, 2])))
    f.__defaults__ = None
    try:
        list(map(f, [1]))
    except TypeError as e:
        out.append(str(e))
    return out


def keywords_from_c():
    p = functools.partial(key_of, scale=10)
    return [p(1), p(2, scale=3)]


def raising(x):
    if x == 2:
        raise ValueError("two")
    return x


def errors_from_c():
    try:
        list(map(raising, range(5)))
    except ValueError as e:
        return "ValueError: %s" % e


def deep(n):
    return n if n == 0 else sum(map(deep, [n - 1]))


def recursion_from_c():
    try:
        deep(100000)
    except RecursionError:
        return "RecursionError"


def traced():
    seen = []

    def tracer(frame, event, arg):
        if event == "call":
            seen.append(frame.f_code.co_name)
        return None

    sys.settrace(tracer)
    try:
        list(map(add, [1], [2]))
        sorted([2, 1], key=key_of)
    finally:
        sys.settrace(None)
    return seen


print(from_c())
print(changed_functions())
print(keywords_from_c())
print(errors_from_c())
print(recursion_from_c())
print(traced())
print(list(map(raising, [0, 1, 2])))
