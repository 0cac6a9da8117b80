"""Attribute and method sites that see several classes in turn (the
cache keeps a few of them): subclasses, __slots__ and dict-backed
instances at one site, more classes than entries, and classes or
instances changed between visits, which must never be served stale."""


class Base:
    kind = "base"

    def __init__(self, v):
        self.v = v
        self.w = v * 2

    def get(self):
        return ("base", self.v)


class A(Base):
    def get(self):
        return ("A", self.v)


class B(Base):
    pass


class C(Base):
    def get(self):
        return ("C", self.w)


class D(Base):
    def get(self):
        return ("D", self.v + self.w)


class E(Base):
    def get(self):
        return ("E", -self.v)


class Slotted:
    __slots__ = ("v", "w")

    def __init__(self, v):
        self.v = v
        self.w = -v

    def get(self):
        return ("S", self.v)


def visit(objs):
    out = []
    for o in objs:
        out.append((o.get(), o.v, o.w))
    return out


def bump(objs):
    for o in objs:
        o.v = o.v + 1
        o.w += 1


def run_visits(objs, rounds):
    res = None
    for _ in range(rounds):
        bump(objs)
        res = visit(objs)
    return res


def mutations():
    objs = [A(1), B(2), C(3), Slotted(4)]
    print(run_visits(objs, 5))
    # A method replaced on a class the site already knows.
    C.get = lambda self: ("C2", self.v)
    print(visit(objs))
    # An instance attribute that shadows a method.
    objs[1].get = lambda: ("shadow", 0)
    print(visit(objs))
    del objs[1].get
    print(visit(objs))
    # A deleted attribute must raise, not return the old value.
    del objs[0].w
    try:
        visit(objs)
    except AttributeError as e:
        print("AttributeError:", e)
    objs[0].w = 100
    # More classes than the cache keeps, in turn.
    many = [A(1), B(2), C(3), D(4), E(5), Slotted(6), Base(7)] * 3
    print(run_visits(many, 4))
    # A class attribute turned into a property on a class already seen.
    B.v = property(lambda self: "prop")
    print(visit(many[:7]))
    del B.v
    try:
        print(visit(many[:7]))
    except AttributeError as e:
        print("AttributeError:", e)


def materialized_dicts():
    objs = [A(1), B(2), C(3)]
    for o in objs:
        o.__dict__["extra"] = o.v  # the dicts now exist
    visit(objs)
    print(run_visits(objs, 3))
    for o in objs:
        vars(o).clear()
    try:
        visit(objs)
    except AttributeError as e:
        print("AttributeError:", e)


def class_attrs():
    seen = []
    for cls in (A, B, C, D, E) * 3:
        seen.append(cls.kind)
        cls.kind = cls.kind + "+"
    return seen


class Loose:
    pass


def insertion_order():
    # First stores at one site, in different orders per object: vars()
    # must list each object's attributes in the order they were set.
    out = []
    for order in ("abc", "cab", "bca", "acb"):
        o = Loose()
        for name in order:
            setattr(o, name, name.upper())
        o.z = 0
        o.a = "again"
        out.append(list(vars(o).items()))
    return out


def stored_in_turn(flag):
    o = Loose()
    if flag:
        o.p = 1
        o.q = 2
    else:
        o.q = 2
        o.p = 1
    o.r = 3
    return list(vars(o))


def first_slot_stores(n):
    return [Slotted(i).get() for i in range(n)]


mutations()
materialized_dicts()
print(insertion_order())
print([stored_in_turn(i % 2) for i in range(4)])
print(first_slot_stores(3))
print(class_attrs())
