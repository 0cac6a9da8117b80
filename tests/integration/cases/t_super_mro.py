# Cooperative multiple inheritance, super() in many positions (classmethods,
# properties, nested functions via __class__), explicit super(T, obj),
# mixins, MRO errors and __class__ cell behaviour.
trail = []


class Base:
    def __init__(self, **kw):
        trail.append(("Base", sorted(kw)))
        self.extra = kw

    def hello(self):
        return ["Base"]

    @classmethod
    def make(cls):
        return f"Base.make for {cls.__name__}"

    @property
    def kind(self):
        return "base"


class Loud(Base):
    def __init__(self, volume=5, **kw):
        trail.append(("Loud", volume))
        self.volume = volume
        super().__init__(**kw)

    def hello(self):
        return ["Loud"] + super().hello()

    @property
    def kind(self):
        return "loud " + super().kind


class Colored(Base):
    def __init__(self, color="red", **kw):
        trail.append(("Colored", color))
        self.color = color
        super().__init__(**kw)

    def hello(self):
        return ["Colored"] + super().hello()

    @classmethod
    def make(cls):
        return "Colored+" + super().make()


class Widget(Loud, Colored):
    def __init__(self, **kw):
        trail.append(("Widget", None))
        super().__init__(**kw)

    def hello(self):
        def inner():
            return super(Widget, self).hello()
        return ["Widget"] + inner()

    def uses_class_cell(self):
        return __class__.__name__, type(self).__name__


class SubWidget(Widget):
    def hello(self):
        return ["Sub"] + super().hello()


w = Widget(volume=9, color="blue", size=3)
print(trail)
trail.clear()
print(w.hello(), w.kind, Widget.make(), w.volume, w.color, w.extra)
print([c.__name__ for c in Widget.__mro__])
s = SubWidget(color="green")
print(trail, s.hello(), s.uses_class_cell(), SubWidget.make())
print(super(Loud, w).hello(), super(Widget, w).kind, super(Colored, w).hello())
print(Loud.hello(w), Colored.hello(w), Base.hello(w))
try:
    class Broken(Base, Loud):
        pass
except TypeError as e:
    print("TypeError:", e)


class ReprMixin:
    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in sorted(vars(self).items()))
        return f"{type(self).__name__}({fields})"


class EqMixin:
    def __eq__(self, other):
        return type(self) is type(other) and vars(self) == vars(other)

    __hash__ = None


class Pt(ReprMixin, EqMixin):
    def __init__(self, x, y):
        self.x, self.y = x, y


print(Pt(1, 2), Pt(1, 2) == Pt(1, 2), Pt(1, 2) == Pt(2, 1), Pt.__hash__)
try:
    {Pt(0, 0)}
except TypeError as e:
    print("TypeError:", e)


class Counter:
    instances = 0

    def __new__(cls, *args):
        cls.instances += 1
        obj = super().__new__(cls)
        obj.serial = cls.instances
        return obj

    def __init__(self, label):
        self.label = label


class SubCounter(Counter):
    instances = 100


a, b, c = Counter("a"), SubCounter("b"), Counter("c")
print(a.serial, b.serial, c.serial, Counter.instances, SubCounter.instances)


class A:
    def who(self):
        return "A"


class B(A):
    def who(self):
        return "B>" + super().who()


try:
    super(B, A()).who()
except TypeError as e:
    print("TypeError:", e)
