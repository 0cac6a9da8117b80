# Attribute and item protocols: __getattr__, __getattribute__, __setattr__,
# __delattr__, __getitem__/__setitem__/__delitem__, __missing__, __iter__ via
# __getitem__, __len__, proxies.
log = []


class Dyn:
    def __init__(self):
        self.real = "real value"

    def __getattr__(self, name):
        log.append(f"getattr {name}")
        if name.startswith("get_"):
            return lambda: name[4:].upper()
        raise AttributeError(f"{type(self).__name__} has no {name!r}")


d = Dyn()
print(d.real, d.get_thing(), getattr(d, "get_x")(), hasattr(d, "missing"), log)
try:
    d.other
except AttributeError as e:
    print("AttributeError:", e)


class Audited:
    def __init__(self):
        object.__setattr__(self, "history", [])

    def __getattribute__(self, name):
        if not name.startswith("_") and name != "history":
            object.__getattribute__(self, "history").append(("get", name))
        return object.__getattribute__(self, name)

    def __setattr__(self, name, value):
        self.history.append(("set", name, value))
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        self.history.append(("del", name))
        object.__delattr__(self, name)


a = Audited()
a.x = 1
a.x += 5
y = a.x
del a.x
print(y, a.history)


class DefaultDict(dict):
    def __missing__(self, key):
        value = f"<{key}>"
        self[key] = value
        return value


dd = DefaultDict(a=1)
print(dd["a"], dd["b"], dd, dd.get("c"), "c" in dd)


class Grid:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.cells = {}

    def _check(self, key):
        if not isinstance(key, tuple) or len(key) != 2:
            raise TypeError(f"Grid indices must be (x, y), not {type(key).__name__}")
        x, y = key
        if not (0 <= x < self.w and 0 <= y < self.h):
            raise IndexError(f"({x}, {y}) outside {self.w}x{self.h}")
        return key

    def __getitem__(self, key):
        return self.cells.get(self._check(key), ".")

    def __setitem__(self, key, value):
        self.cells[self._check(key)] = value

    def __delitem__(self, key):
        del self.cells[self._check(key)]

    def __len__(self):
        return len(self.cells)

    def __str__(self):
        return "\n".join(["".join([self[x, y] for x in range(self.w)]) for y in range(self.h)])


g = Grid(5, 3)
for i in range(5):
    g[i, i % 3] = "#"
g[0, 2] = "@"
del g[1, 1]
print(g)
print(len(g), g[0, 0], g[1, 1])
for bad in [(9, 9), 3, (1, 2, 3)]:
    try:
        g[bad]
    except (IndexError, TypeError) as e:
        print(type(e).__name__ + ":", e)


class Squares:
    def __getitem__(self, i):
        if i >= 6:
            raise IndexError
        return i * i


print(list(Squares()), 16 in Squares(), [v for v in Squares() if v % 2])


class Proxy:
    def __init__(self, target):
        object.__setattr__(self, "_target", target)

    def __getattr__(self, name):
        return getattr(self._target, name)

    def __setattr__(self, name, value):
        setattr(self._target, name, value)

    def __getitem__(self, k):
        return self._target[k]

    def __len__(self):
        return len(self._target)


p = Proxy([3, 1, 2])
p.append(0)
p.sort()
print(p[0], p[-1], len(p), p[1:3], p.count(1))


class Chain:
    def __init__(self, path=()):
        self.path = path

    def __getattr__(self, name):
        return Chain(self.path + (name,))

    def __call__(self, *args):
        return ".".join(self.path) + repr(args)


print(Chain().api.users.get(42), Chain().a.b.c(), getattr(Chain(), "dyn").path)


# __getitem__ as a Python function is called directly: raising (with its
# frame in the traceback), replaced or removed on the class at run time,
# on a dict subclass, with the wrong arity, and recursing without end.
import traceback


class Table(dict):
    def __getitem__(self, key):
        if key == "boom":
            raise LookupError("no %s" % key)
        return dict.get(self, key, 0) + 1


t = Table(a=5)
print(t["a"], t["zz"], [t[k] for k in "ab"])
try:
    t["boom"]
except LookupError:
    print([line.strip() for line in traceback.format_exc().splitlines()
           if "File" not in line])
Table.__getitem__ = lambda self, key: "replaced %s" % key
print(t["a"])
del Table.__getitem__
print(t["a"])


class Grid2:
    def __getitem__(self, key):
        return key


g = Grid2()
print(g[1], g[1:2], g["k"], g[1, 2])
Grid2.__getitem__ = lambda self: "no key"
try:
    g[0]
except TypeError as e:
    print("TypeError:", e)
del Grid2.__getitem__
try:
    g[0]
except TypeError as e:
    print("TypeError:", e)


class Deep:
    def __getitem__(self, i):
        return self[i + 1]


try:
    Deep()[0]
except RecursionError as e:
    print("RecursionError:", e)
