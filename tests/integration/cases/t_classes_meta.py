# __slots__, metaclasses, __init_subclass__, __set_name__, descriptors,
# class bodies that use locals, __class_getitem__, dynamic type().
log = []


class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        log.append(("new", name, sorted([k for k in ns if not k.startswith("__")]), sorted(kw)))
        ns["created_by"] = mcls.__name__
        return super().__new__(mcls, name, bases, ns)

    def __init__(cls, name, bases, ns, **kw):
        super().__init__(name, bases, ns)
        cls.options = kw

    def __call__(cls, *args, **kw):
        log.append(("call", cls.__name__, args))
        return super().__call__(*args, **kw)

    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        log.append(("prepare", name))
        return {"prepared": True}


class WithMeta(metaclass=Meta, flag=1):
    x = 1

    def method(self):
        return "m"


class Child(WithMeta, flag=2, other="o"):
    y = 2


obj = Child()
print(log)
print(WithMeta.created_by, WithMeta.options, Child.options, Child.prepared, type(Child).__name__)
print(obj.method(), isinstance(Child, Meta), obj.x, obj.y)


class Plugin:
    registry = {}

    def __init_subclass__(cls, key=None, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.key = key or cls.__name__.lower()
        Plugin.registry[cls.key] = cls


class Alpha(Plugin):
    pass


class Beta(Plugin, key="b"):
    pass


class Gamma(Beta):
    pass


print(sorted(Plugin.registry), Gamma.key, Beta.key)


class Typed:
    def __set_name__(self, owner, name):
        self.name = "_" + name
        log.append(("set_name", owner.__name__, name))

    def __init__(self, kind):
        self.kind = kind

    def __get__(self, inst, owner):
        if inst is None:
            return self
        return getattr(inst, self.name, None)

    def __set__(self, inst, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.name[1:]} must be {self.kind.__name__}, got {type(value).__name__}")
        setattr(inst, self.name, value)


class Record:
    __slots__ = ("_name", "_age", "extra")
    name = Typed(str)
    age = Typed(int)

    def __init__(self, name, age):
        self.name = name
        self.age = age


log.clear()
r = Record("ann", 33)
print(r.name, r.age, log[:0], Record.name.kind.__name__, Record.__slots__)
try:
    r.age = "old"
except TypeError as e:
    print("TypeError:", e)
try:
    r.other = 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    print(r.extra)
except AttributeError as e:
    print("AttributeError:", e)
print(hasattr(r, "__dict__"), type(Record.__dict__["extra"]).__name__)


class Computed:
    base = 10
    doubled = base * 2
    names = []
    for i in range(3):
        names.append(f"n{i}")
    del i
    table = {n: len(n) for n in names}
    if doubled > 15:
        big = True
    else:
        big = False
    local_keys = sorted([k for k in locals() if not k.startswith("__")])


print(Computed.doubled, Computed.names, Computed.table, Computed.big, Computed.local_keys)


class Box:
    def __class_getitem__(cls, item):
        return f"Box[{item.__name__}]"


print(Box[int], Box[str])
Dyn = type("Dyn", (Computed,), {"z": 5, "get": lambda self: self.z + self.base})
print(Dyn().get(), Dyn.__name__, Dyn.__mro__[1].__name__, Dyn.doubled)


print(type(Meta).__name__, type(type).__name__, Meta.__mro__[1].__name__)
