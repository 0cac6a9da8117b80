"""Attribute sites that see several classes in turn (the inline paths
look at several cache entries): instance values laid out differently,
__slots__, class attributes, properties, a materialised __dict__;
methods next to callables stored on instances, staticmethods and class
attributes at one LOAD_METHOD site; stores; then classes changed under
the sites (a class attribute replaced, an instance attribute shadowing
a method, a slot deleted)."""


class A:
    def __init__(self, v):
        self.x = v
        self.y = v + 1

    def m(self):
        return "A.m %s" % self.x


class B:
    def __init__(self, v):
        self.y = -v
        self.x = v * 10

    def m(self):
        return "B.m %s" % self.y


class C:
    __slots__ = ("x", "y")

    def __init__(self, v):
        self.x = v * 100
        self.y = 0

    @staticmethod
    def m():
        return "C.m static"


class D:
    x = "class x"
    y = "class y"

    @property
    def z(self):
        return "D.z"

    def __init__(self, v):
        self.m = lambda: "D instance m %s" % v


class E(A):
    def __init__(self, v):
        super().__init__(v)
        self.__dict__["extra"] = v
        vars(self)["x"] = v * 7

    def m(self):
        return "E.m " + super().m()


def make():
    return [A(1), B(2), C(3), D(4), E(5), A(6), C(7), B(8), D(9), E(10)]


def read_all(objs):
    return [(o.x, o.y) for o in objs]


def call_all(objs):
    return [o.m() for o in objs]


def store_all(objs, k):
    out = []
    for o in objs:
        if not isinstance(o, D):
            o.x = k
            o.y = o.x + 1
        out.append((o.x, o.y))
    return out


objs = make()
for _ in range(3):
    print(read_all(objs))
    print(call_all(objs))
print(store_all(objs, 42), store_all(objs, 43))

D.x = "class x, replaced"
objs[0].m = lambda: "A instance m shadows"
del objs[2].y
B.m = lambda self: "B.m replaced"
for _ in range(2):
    try:
        print(read_all(objs))
    except AttributeError as e:
        print("AttributeError:", e)
    print(call_all(objs))
    print([getattr(o, "z", None) for o in objs])
objs[2].y = "back"
print(read_all(objs), call_all(objs))
