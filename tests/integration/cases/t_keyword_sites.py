"""Calls with keyword arguments from sites that keep how they bind:
keywords in any order, defaults of positional and keyword-only
parameters, *args and **kwargs taking what is left (a positional-only
name given as a keyword among them), methods; then what a site must see
change: defaults replaced, __kwdefaults__ edited in place or emptied,
__code__ replaced, another function at the same site, and the errors
the binding raises (missing, unexpected and repeated arguments)."""


def point(x, y=0, *, scale=1, label="p"):
    return (x * scale, y * scale, label)


def collect(a, /, b, *rest, flag=False, **extra):
    return (a, b, rest, flag, sorted(extra.items()))


class Grid:
    def __init__(self, width, *, height=1):
        self.cells = width * height

    def at(self, row, col=0, *, wrap=False):
        return (row, col, wrap, self.cells)


def other(x, y=5, *, scale=2, label="o"):
    return ("other", x, y, scale, label)


def attempt(f):
    try:
        return f()
    except TypeError as e:
        return "TypeError: %s" % e


def run(fn):
    out = []
    for i in range(3):
        out.append(fn(i, scale=2))
        out.append(fn(x=i, y=1, label="q"))
        out.append(fn(i, label="r", scale=3, y=i))
    return out


print(run(point))
print([collect(i, b=2) for i in range(2)])
print([collect(1, 2, 3, 4, flag=True, a=9, z=0) for _ in range(2)])
print([Grid(i, height=2).at(i, wrap=True) for i in range(3)])
print([Grid(2).at(col=i, row=1) for i in range(2)])

point.__defaults__ = (10,)
point.__kwdefaults__["label"] = "edited"
print(run(point)[:3])
point.__kwdefaults__.clear()
print(attempt(lambda: run(point)), attempt(lambda: point(1, scale=1)))
point.__kwdefaults__ = {"scale": 5, "label": "new"}
print(run(point)[:2])
point.__defaults__ = None
print(attempt(lambda: run(point)))
point.__code__ = other.__code__
point.__defaults__ = (7,)
print(run(point)[:3])

fns = [point, other, lambda x, y=0, **kw: ("lambda", x, y, sorted(kw))]
print([run(f)[1] for f in fns * 2])

print(attempt(lambda: collect(b=1)), attempt(lambda: other(1, x=2)))
print(attempt(lambda: other(1, nope=2)), attempt(lambda: Grid(1, h=2)))
print(attempt(lambda: collect(1, 2, b=3)))


def deep(n, *, acc=0):
    return acc if n == 0 else deep(n - 1, acc=acc + n)


print(deep(50), deep(n=10, acc=1))
