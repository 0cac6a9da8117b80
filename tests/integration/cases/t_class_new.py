"""Class calls where __new__ is a Python function (the call goes to it
directly, then to __init__ as type_call would): positional, keyword,
default and keyword-only arguments; __new__ returning an instance of
another class (no __init__), of a subclass with an __init__ of its own,
or of a class whose object.__init__ refuses the arguments; errors from
__new__, from binding and from __init__; __new__ replaced on the class;
and classes whose metaclass is ABCMeta (type's __call__) or has a
__call__ of its own."""

import abc


class Point:
    __slots__ = ("x", "y")

    def __new__(cls, x=0, y=None, *, scale=1):
        self = object.__new__(cls)
        self.x = x * scale
        self.y = x if y is None else y
        return self

    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)


class Other:
    def __new__(cls, kind):
        if kind == "int":
            return 42
        if kind == "sub":
            return object.__new__(Sub)
        if kind == "bare":
            return object.__new__(Bare)
        if kind == "fail":
            raise ValueError("no %s" % kind)
        return object.__new__(cls)


class Sub(Other):
    def __init__(self, kind):
        self.kind = "init saw " + kind

    def __repr__(self):
        return "Sub(%s)" % self.kind


class Bare(Other):
    __new__ = object.__new__  # object.__init__ then refuses arguments


class Counted(metaclass=abc.ABCMeta):
    made = 0

    def __new__(cls, *args, **kwargs):
        Counted.made += 1
        return super().__new__(cls)

    def __init__(self, a, b=2, **rest):
        self.total = a + b + sum(rest.values())


class Loud(type):
    def __call__(cls, *args):
        return "Loud called with %r" % (args,)


class Quiet(metaclass=Loud):
    def __new__(cls, v):
        return object.__new__(cls)


def attempt(f):
    try:
        return f()
    except (TypeError, ValueError) as e:
        return "%s: %s" % (type(e).__name__, e)


def points(n):
    out = []
    for i in range(n):
        out += [Point(i), Point(i, y=-i), Point(i, scale=10), Point()]
    return out


print(points(3))
print(attempt(lambda: Point(1, 2, 3)), attempt(lambda: Point(z=1)))
print([Other(k) for k in ("int", "sub", "x")][:2], type(Other("x")).__name__)
print(attempt(lambda: Other("fail")),
      attempt(lambda: type(Other("bare")).__name__))
print(attempt(lambda: Other()), attempt(lambda: Other("x", "y")))
print([Counted(i).total for i in range(3)], Counted(1, b=5, c=7).total,
      Counted.made)
print(attempt(lambda: Counted()), Counted.made)
print([Quiet(i) for i in range(2)])
Point.__new__ = staticmethod(lambda cls, *a, **k: "replaced %r %r" % (a, k))
print([Point(i, scale=i) for i in range(2)])
del Point.__new__
print(attempt(lambda: Point(1)))
