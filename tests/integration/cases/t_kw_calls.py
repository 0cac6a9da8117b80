"""Calls with keyword arguments and keyword-only parameters between
compiled functions, from C and from the interpreter: binding by name,
defaults of both kinds (changed at run time too), every binding error
the interpreter raises, positional-only parameters, names built at run
time, methods, many parameters, recursion and tracebacks."""
import functools
import traceback


def point(x, y=0, *, scale=1, label="p"):
    return (x * scale, y * scale, label)


def needs_kw(a, *, key):
    return (a, key)


def pos_only(a, b, /, c=3):
    return (a, b, c)


def wide(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14,
         a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25=25, *, k=0):
    return a0 + a24 + a25 + k


def depth(n, *, acc=0):
    return acc if n == 0 else depth(n - 1, acc=acc + n)


def failing(a, *, why):
    raise ValueError("failed %s %s" % (a, why))


class Shape:
    def __init__(self, w, h=1, *, name="shape"):
        self.w = w
        self.h = h
        self.name = name

    def area(self, *, factor=1):
        return self.w * self.h * factor

    def resize(self, w=None, h=None):
        return Shape(w if w is not None else self.w,
                     h if h is not None else self.h, name=self.name)


class Returns:
    def __init__(self, *, v=1):
        self.v = v
        return v if v > 1 else None


class Point3(Shape):
    def __init__(self, x, *, y, z=0):
        super().__init__(x, y, name="p3")
        self.z = z


def show_error(f, *args, **kwargs):
    try:
        f(*args, **kwargs)
    except TypeError as e:
        print("TypeError:", e)


def errors():
    # Each line a different way to bind wrongly; the messages must be
    # the interpreter's.
    try:
        point()
    except TypeError as e:
        print("TypeError:", e)
    try:
        point(1, 2, 3)
    except TypeError as e:
        print("TypeError:", e)
    try:
        point(1, z=2)
    except TypeError as e:
        print("TypeError:", e)
    try:
        point(1, x=2)
    except TypeError as e:
        print("TypeError:", e)
    try:
        needs_kw(1)
    except TypeError as e:
        print("TypeError:", e)
    try:
        pos_only(1, b=2)
    except TypeError as e:
        print("TypeError:", e)
    try:
        Shape(1, nam="x")
    except TypeError as e:
        print("TypeError:", e)
    show_error(point, 1, **{"sc" + "ale": 2, "y": 1, "bad": 0})
    try:
        Returns(v=2)
    except TypeError as e:
        print("TypeError:", e)
    try:
        Point3(1, 2)
    except TypeError as e:
        print("TypeError:", e)
    try:
        Point3(1, y=2, self=3)
    except TypeError as e:
        print("TypeError:", e)


def main():
    print(point(1), point(1, 2), point(1, scale=3), point(1, y=2, label="q"))
    print(point(y=5, x=2), point(1, 2, scale=2, label="r"))
    print(needs_kw(1, key=2), needs_kw(key=3, a=4))
    print(pos_only(1, 2), pos_only(1, 2, c=9))
    print(wide(*range(25)), wide(*range(25), k=5), wide(*range(25), a25=1))
    print(depth(50), depth(10, acc=1))
    s = Shape(2, h=3, name="box")
    print(s.area(), s.area(factor=2), s.resize(h=5).area(), s.resize(w=1).name)
    print(Returns().v, Returns(v=0).v, Point3(2, y=3).area(), Point3(1, z=4, y=1).z)
    # Names built at run time are not the interned ones.
    name = "".join(["la", "bel"])
    print(point(1, **{name: "built"}))
    # Defaults changed at run time are seen.
    point.__kwdefaults__ = {"scale": 10, "label": "changed"}
    print(point(1))
    point.__kwdefaults__ = {"label": "no scale"}
    try:
        point(1)
    except TypeError as e:
        print("TypeError:", e)
    point.__kwdefaults__ = {"scale": 1, "label": "p"}
    point.__defaults__ = (7,)
    print(point(1))
    point.__defaults__ = (0,)
    # From C: partial with keywords, sorted's key, map.
    part = functools.partial(point, scale=4)
    print(part(1), part(1, label="partial"), part(2, scale=1))
    print(sorted([3, 1, 2], key=functools.partial(needs_kw, key=0)))
    print(list(map(functools.partial(depth, acc=100), [1, 2, 3])))
    errors()
    try:
        failing(1, why="here")
    except ValueError:
        for line in traceback.format_exc().splitlines():
            if "File" not in line:
                print(line)
    # Keyword calls from interpreted code (exec'd: never compiled).
    ns = {"point": point, "needs_kw": needs_kw, "Shape": Shape}
    exec("r = (point(2, scale=2), needs_kw(1, key=9), "
         "Shape(1, name='e').area(factor=3))", ns)
    print(ns["r"])


main()
