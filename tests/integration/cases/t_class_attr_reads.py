"""Plain class attributes read through instances in loops (the site reads
them from its cache): constants of classes with and without __slots__,
then an instance that gains an attribute of the same name (in its
values, or in a __dict__ that vars() made), a class attribute replaced
or deleted, a subclass overriding it, and a new shared key added after
the site filled; methods looked up on classes (Open.show(o),
int.bit_length(i)) before and after one is replaced."""


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
