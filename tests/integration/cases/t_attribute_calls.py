"""Calls of `obj.name(...)` where `name` is not a method of the class
(the site keeps where the value is, as for a read): callables stored on
instances (bound methods, functions, lambdas), in __slots__ members, as
plain class attributes and behind properties; an instance attribute
that appears, shadows a method, or goes away between calls; and methods
of types whose instances keep a __dict__ of their own (io.BytesIO,
exceptions), while that dict is empty, then filled with a name that
shadows the method; and methods of Python classes whose instances have
a __dict__ made already (by vars(), by random.Random's C __new__)."""

import io
import random


class Writer:
    def __init__(self, sink):
        self.write = sink.append  # a bound method of another object
        self.shout = lambda s: sink.append(s.upper())

    def close(self):
        return "closed"


class Slotted:
    __slots__ = ("emit",)

    def __init__(self, emit):
        self.emit = emit


class Table:
    lookup = len  # a builtin: no descriptor, so no self
    tag = staticmethod(lambda x: "<%s>" % x)

    @property
    def maker(self):
        return lambda x: [x] * 2


class Failing:
    @property
    def action(self):
        raise AttributeError("no action here")

    def __getattr__(self, name):
        return lambda *a: "fallback " + name


class Problem(Exception):
    def describe(self):
        return "problem %s" % (self.args,)


def drive(objs):
    out = []
    for o in objs:
        out.append(o.write("w"))
        out.append(o.shout("s"))
        out.append(o.close())
    return out


sink = []
writers = [Writer(sink) for _ in range(3)]
print(drive(writers), sink)
w = writers[1]
w.close = lambda: "instance close"
print(drive(writers))
del w.close
del w.write
Writer.write = lambda self, s: "class write " + s
print(drive(writers), len(sink))

print([Slotted(str.upper).emit(x) for x in "abc"])
try:
    Slotted.__new__(Slotted).emit("x")
except AttributeError as e:
    print("AttributeError:", e)

t = Table()
print([(t.lookup("abcd"), t.tag(i), t.maker(i)) for i in range(3)])
Table.lookup = lambda self, s: "method now " + s
print([t.lookup("xy") for _ in range(2)])

f = Failing()
print([f.action(i) for i in range(2)])


def read_all(buf, n):
    out = []
    for _ in range(n):
        out.append(buf.read(2))
    return out


buf = io.BytesIO(b"abcdefgh")
print(read_all(buf, 3))
buf.read = lambda n: b"shadowed %d" % n
print(read_all(buf, 2))
del buf.read
print(read_all(buf, 2))


def describe_all(errs):
    return [e.describe() for e in errs]


errs = [Problem(i) for i in range(3)]
print(describe_all(errs))
errs[0].note = "extra"  # a __dict__ that does not shadow
errs[1].describe = lambda: "own describe"
print(describe_all(errs))
del errs[1].describe
print(describe_all(errs))


# Instances of Python classes whose own __dict__ exists (a C __new__
# makes random.Random's; vars() makes one): their methods still come
# from the class while the dict has no such name, at a site that saw
# them before the dict existed too.
class Plain:
    def __init__(self, k):
        self.k = k

    def value(self):
        return self.k * 2


class Collider:
    """A key whose hash is the method name's and whose __eq__ replaces
    the method on the class while the lookup runs."""

    def __hash__(self):
        return hash("value")

    def __eq__(self, other):
        Plain.value = lambda self: "replaced"
        return False


def values(objs):
    return [o.value() for o in objs]


def draws(rng, n):
    return [rng.random() < 0.5 for _ in range(n)] + [rng.randrange(10)]


objs = [Plain(i) for i in range(3)]
print(values(objs))
vars(objs[0])  # made into a dict that does not shadow
objs[1].__dict__["other"] = 1
print(values(objs))
objs[2].__dict__["value"] = lambda: "own value"
print(values(objs))
del objs[2].__dict__["value"]
print(values(objs))
objs[0].__dict__[Collider()] = "collides"
print(values(objs))
original = Plain.__dict__["value"]
print(values(objs), Plain.value is original)
print(draws(random.Random(7), 8), draws(random.Random(7), 8))
rng = random.Random(3)
rng.random = lambda: 0.25
print(draws(rng, 3))
