# Name resolution around classes: class attributes are not visible from
# methods without self/cls, class bodies see globals and enclosing function
# locals, nested classes, __qualname__, class attribute shadowing, and
# classes created inside functions and loops.
x = "global x"
y = "global y"


class Outer:
    x = "class x"
    seen_in_body = x
    from_global = y

    def method(self):
        return x, self.x, type(self).x

    @classmethod
    def cm(cls):
        return cls.x, x

    class Inner:
        z = "inner z"

        def where(self):
            return type(self).__qualname__, self.z

        class Deepest:
            def name(self):
                return __class__.__qualname__


print(Outer.seen_in_body, Outer.from_global, Outer().method(), Outer.cm())
print(Outer.Inner().where(), Outer.Inner.Deepest().name(), Outer.Inner.Deepest.name.__qualname__)


def make_class(tag, n):
    local_value = tag * 2

    class Made:
        label = local_value
        size = n
        items = [tag] * n

        def show(self):
            return f"{self.label}:{self.size}:{local_value}:{tag}"

    return Made


M1, M2 = make_class("a", 2), make_class("b", 3)
print(M1().show(), M2().show(), M1.items, M1 is M2, M1.__qualname__)


def class_sees_enclosing_late():
    value = "first"

    class C:
        captured = value

        def get(self):
            return value

    value = "second"
    return C.captured, C().get()


print(class_sees_enclosing_late())


def class_local_shadowing():
    shadow = "function"

    class C:
        shadow = "class"
        read = shadow

        def get(self):
            return shadow

    return C.read, C().get()


print(class_local_shadowing())
classes = []
for i in range(3):
    class Loop:
        index = i

        def get(self):
            return self.index, i
    classes.append(Loop)
print([c.index for c in classes], [c().get() for c in classes], len(set(classes)))


class Counter:
    count = 0

    def bump(self):
        self.count += 1
        return self.count


c1, c2 = Counter(), Counter()
c1.bump()
c1.bump()
c2.bump()
print(c1.count, c2.count, Counter.count, "count" in vars(c1))
Counter.count = 10
c3 = Counter()
print(c3.bump(), c2.bump(), Counter.count)


class Shared:
    items = []

    def add(self, v):
        self.items.append(v)
        return self.items


s1, s2 = Shared(), Shared()
s1.add(1)
print(s2.add(2), Shared.items, s1.items is s2.items)


class Conditional:
    import math
    if math.pi > 3:
        kind = "big pi"
    else:
        kind = "small pi"
    root = math.sqrt(16)
    del math


print(Conditional.kind, Conditional.root, hasattr(Conditional, "math"))
print(x, y, Outer.x, Outer.__qualname__, Outer.Inner.__qualname__, Outer.Inner.Deepest.__qualname__)
