"""Attributes read through super(), in loops (a site keeps what the MRO
walk found): __init__ chains, methods, class attributes, properties,
classmethods and staticmethods, super(C, cls).__new__, a diamond; then a
base class changed between calls (a method replaced, one added closer
in the MRO, one deleted), super().__class__, names found nowhere, and a
descriptor whose __get__ removes itself from its class."""


class Base:
    kind = "base"

    def __init__(self, v):
        self.v = v

    def describe(self):
        return "Base(%s)" % self.v

    @property
    def doubled(self):
        return self.v * 2

    @classmethod
    def make(cls, v):
        return "%s.make(%s)" % (cls.__name__, v)

    @staticmethod
    def helper(x):
        return "helper %s" % x


class Mid(Base):
    pass


class Child(Mid):
    def __init__(self, v):
        super().__init__(v + 1)

    def describe(self):
        return "Child>" + super().describe()

    def details(self):
        return (super().kind, super().doubled, super().make(self.v),
                super().helper(self.v), super().__class__.__name__)

    def missing(self):
        try:
            return super().nowhere
        except AttributeError as e:
            return "AttributeError: %s" % e


class Shape:
    def __new__(cls, *args):
        self = super(Shape, cls).__new__(cls)
        self.args = args
        return self


class Left(Base):
    def describe(self):
        return "Left>" + super().describe()


class Right(Base):
    def describe(self):
        return "Right>" + super().describe()


class Diamond(Left, Right):
    def describe(self):
        return "Diamond>" + super().describe()


def describe_all(objs):
    return [o.describe() for o in objs]


children = [Child(i) for i in range(3)]
print(describe_all(children))
print([c.details() for c in children[:2]], children[0].missing())
print([Shape(i, i).args for i in range(3)], type(Shape()).__name__)
print(describe_all([Diamond(1), Diamond(2)]))

Base.describe = lambda self: "new Base(%s)" % self.v
print(describe_all(children))
Mid.describe = lambda self: "Mid(%s)" % self.v
print(describe_all(children))
del Mid.describe
del Base.describe
print(children[0].missing(), [Child.missing(c) for c in children[:1]])
try:
    print(describe_all(children))
except AttributeError as e:
    print("AttributeError:", e)


class Vanishing:
    def __get__(self, obj, owner=None):
        del Base.fleeting
        return "got once"


Base.fleeting = Vanishing()


def fleeting(c):
    try:
        return super(Child, c).fleeting
    except AttributeError as e:
        return "AttributeError: %s" % e


print([fleeting(c) for c in children])
