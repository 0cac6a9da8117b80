"""Properties read in loops (the site caches the property and calls its
getter): getters that raise (AttributeError, and __getattr__ then),
read-only and getter-less properties, a property replaced on the class
or re-initialised in place, one shadowed by nothing an instance can do,
a subclass overriding it with a plain attribute, properties of classes
with __slots__, and getters that delete the property while it runs."""


class Box:
    def __init__(self, v):
        self.v = v

    @property
    def double(self):
        return self.v * 2

    @property
    def broken(self):
        raise AttributeError("no broken on %r" % self.v)

    unreadable = property(None, lambda self, x: None)


class Lenient(Box):
    def __getattr__(self, name):
        return "fallback for " + name


class Plain(Box):
    double = 5


class Slotted:
    __slots__ = ("a",)

    def __init__(self, a):
        self.a = a

    @property
    def neg(self):
        return -self.a


class SelfDeleting:
    @property
    def once(self):
        del SelfDeleting.once
        return "gone"


def reads(objs):
    out = []
    for o in objs:
        out.append(o.double)
    return out


def attempt(f):
    try:
        return f()
    except AttributeError as e:
        return "AttributeError: %s" % e


boxes = [Box(i) for i in range(5)]
print(reads(boxes), reads([Plain(1), Box(2), Lenient(3)]))
b = Box(4)
b.__dict__["double"] = "shadow?"
print(b.double, vars(b))
print(attempt(lambda: Box(1).broken), attempt(lambda: Lenient(1).broken))
print(attempt(lambda: Box(1).unreadable))
print([Slotted(i).neg for i in range(3)])
Box.double = property(lambda self: self.v * 3)
print(reads(boxes))
Box.double.__init__(lambda self: self.v * 4)
print(reads(boxes))
del Box.double
print(attempt(lambda: reads(boxes)))
s = SelfDeleting()
print([attempt(lambda: s.once) for _ in range(3)])


# Getters that only return an attribute of self, which the site reads
# itself while the getter keeps its code: backed by __slots__ members and
# by inline values, values missing (the getter's AttributeError and its
# traceback), the getter's code swapped, the property re-initialised,
# a subclass with a descriptor for the attribute, an instance whose
# __dict__ was made, a getter with a default (not this shape), tracing.
import sys
import traceback


class Frac:
    __slots__ = ("_num", "_den")

    def __init__(self, n, d):
        self._num, self._den = n, d

    @property
    def num(self):
        return self._num

    @property
    def den(self):
        return self._den


class Plain:
    def __init__(self, x):
        self._x = x

    @property
    def x(self):
        return self._x


class Shadowing(Plain):
    _x = property(lambda self: "from a descriptor")

    def __init__(self, x):
        pass


def read(objs, name):
    return [getattr(o, "x") if name == "x" else o.num + o.den for o in objs]


def sum_fracs(fs):
    t = 0
    for f in fs:
        t += f.num * 10 + f.den
    return t


def xs(objs):
    return [o.x for o in objs]


def raising(read, objs):
    """The getter's AttributeError, and the frame it was raised in."""
    try:
        read(objs)
    except AttributeError as e:
        print("AttributeError:", e, traceback.extract_tb(e.__traceback__)[-1].name)


fs = [Frac(i, i + 1) for i in range(4)]
ps = [Plain(i) for i in range(3)] + [Shadowing(9), Plain("last")]
print(sum_fracs(fs), xs(ps))
del fs[1]._den
raising(sum_fracs, fs)
fs[1]._den = 7
vars(ps[0])
ps[1].__dict__["_x"] = "in a made dict"
print(sum_fracs(fs), xs(ps))
del ps[2]._x
raising(xs, ps)
ps[2]._x = 2


def other(self):
    return ("swapped", self._x)


Plain.x.fget.__code__ = other.__code__
print(xs(ps))
Frac.num.__init__(lambda self: -1)
print(sum_fracs(fs))
calls = []


def tracer(frame, event, arg):
    if event == "call":
        calls.append(frame.f_code.co_name)
    return None


sys.settrace(tracer)
sum_fracs(fs[:1])
sys.settrace(None)
print(calls)
