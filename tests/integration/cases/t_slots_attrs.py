"""Attributes kept in __slots__: loads and stores in loops (the inline
slot path), unset and deleted slots, subclasses adding slots, several
classes at one site, a class changed under a running loop, slots next to
a __dict__, and a __getattr__ fallback."""


class P:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Q(P):
    __slots__ = ("z",)

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


class Mixed:
    __slots__ = ("a", "__dict__")

    def __init__(self):
        self.a = 1
        self.b = 2


class Fallback:
    __slots__ = ("v",)

    def __getattr__(self, name):
        return "fallback " + name


def walk(points, steps):
    total = 0
    for _ in range(steps):
        for p in points:
            p.x = p.x + p.y
            total += p.x
    return total


pts = [P(i, 1) for i in range(5)] + [Q(i, 2, 3) for i in range(5)]
print(walk(pts, 30), [p.x for p in pts])

# Unset and deleted slots raise as the interpreter does.
p = P(1, 2)
del p.y
for attempt in range(3):
    try:
        print(p.y)
    except AttributeError as e:
        print("AttributeError:", e)
p.y = 5
print(p.y)
try:
    P.__new__(P).x
except AttributeError as e:
    print("unset:", e)

# A class that is changed while a site keeps seeing it.
def read_x(objs):
    return [o.x for o in objs]


print(read_x(pts[:3]))
P.x = property(lambda self: "property now")
print(read_x(pts[:3]), read_x(pts[5:7]))
del P.x
try:
    read_x(pts[:1])
except AttributeError as e:
    print("AttributeError:", e)


m = Mixed()
for _ in range(3):
    m.a += 1
    m.b += 10
print(m.a, m.b, sorted(vars(m)))

f = Fallback()
for _ in range(2):
    print(f.missing)
    f.v = 3
    print(f.v)
try:
    P(1, 2).z = 3
except AttributeError as e:
    print("AttributeError:", e)
