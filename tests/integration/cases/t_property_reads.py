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
