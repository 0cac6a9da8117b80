# Attribute sites whose fast paths the runtime keeps: instances with a
# __dict__ of their own (too many attributes to share keys), class
# attributes read through instances, methods looked up on a class itself.
# Each is changed under the loop that reads it: attributes deleted, added,
# shadowed, the class or the dict replaced.


class Wide:
    pass


def make_wide(k):
    w = Wide()
    for i in range(40):
        setattr(w, "a%d" % i, i * k)
    return w


def read_wide(objs, rounds):
    total = 0
    for r in range(rounds):
        for o in objs:
            total += o.a7 + o.a39
            o.a3 = r
            total += o.a3
    return total


ws = [make_wide(k) for k in range(1, 4)]
print(read_wide(ws, 5))
del ws[0].a7
try:
    read_wide(ws, 1)
except AttributeError as e:
    print("AttributeError:", e)
ws[0].a7 = 1000
print(read_wide(ws, 2))
ws[1].__dict__ = {"a7": -1, "a39": -2, "a3": 0}
print(read_wide(ws, 2), sorted(vars(ws[1])))
Wide.a7 = property(lambda self: "from the class")
print(ws[2].a7)
del Wide.a7


class Config:
    retries = 3
    name = "base"

    def __init__(self, tag):
        self.tag = tag


class Special(Config):
    retries = 5


def class_attrs(objs):
    out = []
    for o in objs:
        out.append((o.tag, o.retries, o.name))
    return out


objs = [Config("a"), Special("b"), Config("c")]
print(class_attrs(objs))
objs[2].retries = "shadowed"
print(class_attrs(objs))
Config.name = "renamed"
print(class_attrs(objs))
Config.retries = property(lambda self: "a property now")
print(class_attrs(objs))
del Config.retries
Config.retries = 7
print(class_attrs(objs))


class Slim:
    __slots__ = ("v",)
    label = "slim"

    def __init__(self, v):
        self.v = v


print([s.label + str(s.v) for s in (Slim(1), Slim(2))])


def on_class(n):
    t = 0
    for i in range(n):
        t += int.bit_length(i) + str.count("a,b,c", ",") + len(Helper.twice(i))
    return t


class Helper:
    @staticmethod
    def twice(x):
        return [x, x]


print(on_class(50))
Helper.twice = staticmethod(lambda x: [x])
print(on_class(50))
Helper.twice = classmethod(lambda cls, x: [cls.__name__, x, x])
print(on_class(50))
Helper.twice = lambda x: ["plain function", x]
print(on_class(50))


class Meta(type):
    def twice(cls, x):
        return ["meta", x]


class WithMeta(metaclass=Meta):
    pass


def meta_call(n):
    return [WithMeta.twice(i) for i in range(n)]


print(meta_call(3))
WithMeta.twice = staticmethod(lambda x: ["own", x])
print(meta_call(3))


# Stores into an instance's own dict write in place, as the interpreter's
# STORE_ATTR_WITH_HINT does: every store gives the dict a version tag no
# dict had before (PEP 509, read through _testcapi where it is built),
# and a dict that may now hold a cycle is tracked by the collector.
import gc
import weakref

try:
    from _testcapi import dict_get_version
except ImportError:
    dict_get_version = None


def store_rounds(o, values):
    for v in values:
        o.a5 = v
        o.a6 = v
        o.a39 = v  # past the shared keys: found by a walk, then hinted


w = make_wide(1)
if dict_get_version:
    seen = [dict_get_version(w.__dict__)]
    for i in range(5):
        store_rounds(w, [i])
        seen.append(dict_get_version(w.__dict__))
        seen.append(dict_get_version({}))  # the interpreter's counter
    print("versions all new:", len(set(seen)) == len(seen))
print("tracked before:", gc.is_tracked(w.__dict__))
store_rounds(w, [1, 2.5, "s"])
print("tracked after atoms:", gc.is_tracked(w.__dict__))
store_rounds(w, [(1, 2), [w]])
print("tracked after a list:", gc.is_tracked(w.__dict__), w.a5[0] is w,
      w.a39 is w.a5, sorted(vars(w))[:3], len(vars(w)))
gone = []
ref = weakref.ref(w, lambda r: gone.append("collected"))
del w
gc.collect()
print(gone, ref())


# Non-data descriptors read as values from objects with no __dict__ to
# shadow them (`get = d.get`): builtin methods, a classmethod and a
# staticmethod, a descriptor whose __get__ is Python (and raises), the
# same site given objects of several types, a class changed under it.
class Getter:
    def __get__(self, obj, owner):
        if obj is not None and obj.v < 0:
            raise ValueError("negative")
        return ("got", None if obj is None else obj.v)


class Slotted:
    __slots__ = ("v",)
    g = Getter()
    cm = classmethod(lambda cls: cls.__name__)
    sm = staticmethod(lambda: "static")

    def __init__(self, v):
        self.v = v

    def meth(self):
        return self.v * 2


def bound_values(objs):
    out = []
    for o, arg in objs:
        get = o.get if isinstance(o, dict) else o.count
        out.append(get(arg))
    return out


def slotted_values(objs):
    out = []
    for o in objs:
        m, g, cm, sm = o.meth, o.g, o.cm, o.sm
        out.append((m(), g, cm(), sm()))
    return out


print(bound_values([({1: "a"}, 1), ({}, 1), ([1, 1, 2], 1), ("x1y1", "1"),
                    ((1,), 1), ({1: "b"}, 1), ({1: "c"}, 2)]))
print(slotted_values([Slotted(i) for i in range(3)]))
try:
    slotted_values([Slotted(1), Slotted(-1)])
except ValueError as e:
    print("ValueError:", e)
Slotted.meth = lambda self: "replaced"
Slotted.g = property(lambda self: "now a property")
print(slotted_values([Slotted(5)]))
