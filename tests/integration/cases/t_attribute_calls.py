"""Calls of `obj.name(...)` where `name` is not a method of the class
(the site keeps where the value is, as for a read): callables stored on
instances (bound methods, functions, lambdas), in __slots__ members, as
plain class attributes and behind properties; an instance attribute
that appears, shadows a method, or goes away between calls; and methods
of types whose instances keep a __dict__ of their own (io.BytesIO,
exceptions), while that dict is empty, then filled with a name that
shadows the method."""

import io


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
