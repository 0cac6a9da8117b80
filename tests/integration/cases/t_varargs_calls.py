"""Calls of compiled functions that take *args and **kwargs, between
compiled functions, from C and from the interpreter: the extra positional
arguments and keywords collected, named parameters bound around them,
keyword-only parameters and defaults, a positional-only name that goes to
**kwargs, decorators that forward everything, __init__ with *args, the
collected dict and tuple being new objects, every binding error the
interpreter raises, and tracebacks through the forwarding layers."""
import functools
import traceback


def collect(*args, **kwargs):
    return args, sorted(kwargs.items())


def mixed(a, b=2, *rest, key=None, **extra):
    return a, b, rest, key, sorted(extra.items())


def pos_only(a, /, **kw):
    return a, sorted(kw.items())


def only_rest(*rest):
    return rest


def only_kw(**kw):
    kw["added"] = True
    return kw


def forwarding(fn):
    shapes = {}

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        shape = (len(args), tuple(sorted(kwargs)))
        shapes[shape] = shapes.get(shape, 0) + 1
        return fn(*args, **kwargs)
    wrapper.shapes = shapes
    return wrapper


@forwarding
def area(w, h=1, *, scale=1):
    return (w * h) * scale


@forwarding
def fails(x, *, why="no"):
    raise ValueError("failed %s %s" % (x, why))


class Node:
    def __init__(self, kind, *children, **attrs):
        self.kind = kind
        self.children = children
        self.attrs = attrs

    def describe(self, *extra, sep=","):
        return sep.join([self.kind, *map(str, self.children), *extra] +
                        ["%s=%s" % kv for kv in sorted(self.attrs.items())])


class Anything:
    def __init__(*args, **kwargs):
        args[0].got = (len(args), sorted(kwargs))


def show_error(f, *args, **kwargs):
    try:
        f(*args, **kwargs)
    except TypeError as e:
        print("TypeError:", e)


def errors():
    show_error(mixed)
    show_error(mixed, 1, a=2)
    show_error(mixed, 1, 2, b=3)
    show_error(only_rest, x=1)
    show_error(only_kw, 1)
    show_error(pos_only, a=1)
    show_error(area, 1, 2, 3)
    show_error(area, 1, scale=2, depth=3)
    show_error(Node)
    try:
        collect(**{1: 2})
    except TypeError as e:
        print("TypeError:", e)


def main():
    print(collect(), collect(1), collect(1, 2, x=3), collect(y=1, x=2))
    print(mixed(1), mixed(1, 5), mixed(1, 5, 6, 7), mixed(1, key=3))
    print(mixed(1, 2, 3, key=4, z=5, y=6), mixed(b=3, a=4, q=1))
    print(pos_only(1), pos_only(1, a=2, b=3))
    print(only_rest(), only_rest(1, 2, 3), only_kw(), only_kw(x=1))
    # The collected objects are new: changing them changes nothing else.
    d = {"x": 1}
    out = only_kw(**d)
    print(d, sorted(out.items()), out is d)
    t = (1, 2)
    print(only_rest(*t) == t, type(only_rest(*t)).__name__)
    total = 0
    for i in range(300):
        total += area(i % 9, h=2) + area(i % 5) + area(3, 4, scale=i % 3)
    print(total, sorted(area.shapes.items()))
    scaled = functools.partial(area, scale=2)
    print(scaled(3), scaled(3, h=5), sum(area.shapes.values()))
    # Names built at run time (not interned) into **kwargs.
    name = "".join(["dyn", "amic"])
    print(collect(**{name: 1}), mixed(1, **{name: 2}))
    n = Node("add", 1, 2, color="red", weight=3)
    print(n.kind, n.children, sorted(n.attrs.items()))
    print(n.describe(), n.describe("x", "y", sep="|"), Node("leaf").describe())
    a = Anything(1, 2, k=3)
    print(a.got)
    # From C: sorted's key, map, and the interpreter (exec'd, not compiled).
    print(sorted([3, 1, 2], key=only_rest), list(map(collect, [1, 2])))
    ns = {"mixed": mixed, "area": area, "Node": Node}
    exec("r = (mixed(1, 2, 3, z=4), area(2, h=3, scale=4), "
         "Node('n', 1, a=2).describe())", ns)
    print(ns["r"])
    errors()
    try:
        fails(1, why="deep")
    except ValueError:
        for line in traceback.format_exc().splitlines():
            if "File" not in line:
                print(line)


main()
