"""Plain class attributes read through instances in loops (the site reads
them from its cache): constants of classes with and without __slots__,
then an instance that gains an attribute of the same name (in its
values, or in a __dict__ that vars() made), a class attribute replaced
or deleted, a subclass overriding it, and a new shared key added after
the site filled; methods looked up on classes (Open.show(o),
int.bit_length(i)) before and after one is replaced; class methods
called on the class and through instances of a slotted class."""


class Version4:
    __slots__ = ("ip",)
    version = 4
    width = 32

    def __init__(self, ip):
        self.ip = ip


class Version6(Version4):
    __slots__ = ()
    version = 6
    width = 128


class Open:
    limit = 10

    def __init__(self, n):
        self.n = n


def versions(addrs):
    return [(a.version, a.width) for a in addrs]


def limits(objs):
    return [o.limit for o in objs]


addrs = [Version4(i) for i in range(3)] + [Version6(9)]
print(versions(addrs), versions(addrs[:2]))
Version4.width = 33
print(versions(addrs))
del Version6.width
print(versions(addrs))

opens = [Open(i) for i in range(3)]
print(limits(opens))
opens[1].limit = "own"
print(limits(opens))
vars(opens[2])["limit"] = "via vars"
print(limits(opens))
fresh = Open(5)
fresh.extra = 1  # a new shared key after the site filled
print(limits([fresh, Open(6)]))
Open.limit = 20
print(limits([Open(7), fresh]))
del Open.limit
try:
    print(limits([Open(8)]))
except AttributeError as e:
    print("AttributeError:", e)


def through_class(objs):
    return [(Open.show(o), int.bit_length(o.n), str.upper("x")) for o in objs]


Open.show = lambda self: "show %s" % self.n
objs = [Open(i) for i in range(3)]
print(through_class(objs))
Open.show = lambda self: "shown again %s" % self.n
print(through_class(objs[:2]))


# Class methods called on the class (`cls.parse(x)`, as ipaddress calls
# them): on a class and its subclass in turn, replaced on the class, the
# classmethod object given another function by __init__, wrapping what
# is not a function (a builtin, a property), shadowed by the metaclass,
# and raising through the call.
class Parser:
    base = 10

    @classmethod
    def parse(cls, text):
        if text == "bad":
            raise ValueError("cannot parse %r for %s" % (text, cls.__name__))
        return (cls.__name__, int(text, cls.base))


class HexParser(Parser):
    base = 16


def parse_all(cls, texts):
    return [cls.parse(t) for t in texts]


def parse_guarded(cls, texts):
    out = []
    for t in texts:
        try:
            out.append(cls.parse(t))
        except (ValueError, TypeError) as e:
            out.append("%s: %s" % (type(e).__name__, e))
    return out


print(parse_all(Parser, ["1", "2"]), parse_all(HexParser, ["ff"]))
print(parse_all(Parser, ["3"]), parse_guarded(HexParser, ["a", "bad", "b"]))
Parser.__dict__["parse"].__init__(lambda cls, t: ("re-inited", cls.base, t))
print(parse_all(Parser, ["4"]), parse_all(HexParser, ["5"]))
Parser.parse = classmethod(len)
print(parse_guarded(Parser, ["x", "y"]))
Parser.parse = classmethod(property(lambda cls: "a property of " + cls.__name__))
print(parse_guarded(Parser, ["x", "y"]))
Parser.parse = classmethod(lambda cls, t: (cls.__name__, "again", t))
print(parse_all(Parser, ["6"]), parse_all(HexParser, ["7"]))


class Meta(type):
    def parse(cls, t):
        return ("metaclass", t)


class Measured(metaclass=Meta):
    @classmethod
    def parse(cls, t):
        return ("class", t)


print(parse_all(Measured, ["8"]), parse_all(Parser, ["9"]))


# ... and through instances whose class keeps no __dict__ for them
# (__slots__, as ipaddress's addresses): the class is the instance's own,
# a subclass's instance at the same site, the method replaced, wrapping
# a builtin, and an instance with a __dict__ that shadows it.
class Address:
    __slots__ = ("n",)
    width = 32

    def __init__(self, n):
        self.n = n

    @classmethod
    def describe(cls, x):
        return "%s/%d:%s" % (cls.__name__, cls.width, x)


class WideAddress(Address):
    __slots__ = ()
    width = 128


class Loose(Address):
    pass


def describe_all(objs):
    return [o.describe(o.n) for o in objs]


addresses = [Address(1), WideAddress(2), Address(3)]
print(describe_all(addresses), describe_all(addresses[1:]))
Address.describe = classmethod(lambda cls, x: ("replaced", cls.__name__, x))
print(describe_all(addresses))
Address.describe = classmethod(print)
print(describe_all(addresses[:1] * 2))
loose = Loose(4)
loose.describe = lambda x: ("own", x)
print(describe_all([loose, Loose(5), addresses[0]]))


# Methods looked up on a class whose metaclass, type, has a method of the
# same name (object.__new__(cls), a class's own mro), or a data
# descriptor (type's __name__ wins over the class's function).
class Made:
    def __init__(self):
        raise AssertionError("object.__new__ does not run __init__")

    def mro(self):
        return "Made's own mro"

    def __name__(self):
        return "never"


def make_many(cls, n):
    return [type(object.__new__(cls)).__name__ for _ in range(n)]


def own_mro(objs):
    return [Made.mro(o) for o in objs]


def named(n):
    out = []
    for _ in range(n):
        try:
            out.append(Made.__name__())
        except TypeError as e:
            out.append(str(e))
    return out


print(make_many(Made, 3), make_many(Address, 2), make_many(Made, 2))
print(own_mro([1, 2]), named(2))
Made.mro = lambda self: "replaced mro"
print(own_mro([3, 4]))
