# dataclasses: defaults, field(), ordering, frozen, post_init, inheritance,
# asdict/astuple/replace, slots, kw_only.
import dataclasses
from dataclasses import dataclass, field, asdict, astuple, replace, fields, InitVar
from typing import ClassVar, List


@dataclass
class Point:
    x: int
    y: int = 0

    def dist2(self):
        return self.x * self.x + self.y * self.y


@dataclass(order=True)
class Version:
    major: int
    minor: int = 0
    patch: int = 0
    label: str = field(default="", compare=False)


@dataclass(frozen=True)
class Frozen:
    name: str
    tags: tuple = ()


@dataclass
class Inventory:
    owner: str
    items: List[str] = field(default_factory=list)
    total: int = field(init=False, default=0)
    secret: str = field(default="s", repr=False)
    unit: ClassVar[str] = "pcs"
    scale: InitVar[int] = 1

    def __post_init__(self, scale):
        self.total = len(self.items) * scale


@dataclass
class Point3(Point):
    z: int = 0


@dataclass(slots=True, kw_only=True)
class Opts:
    verbose: bool = False
    level: int = 1


p = Point(3, 4)
print(p, repr(Point(1)), p == Point(3, 4), p != Point(4, 3), p.dist2())
print(asdict(p), astuple(p), replace(p, y=10), [f.name for f in fields(p)])
vs = [Version(1, 2), Version(1, 0, 5), Version(0, 9, label="beta"), Version(1, 2, label="x")]
print(sorted(vs))
print(Version(1, 2) == Version(1, 2, label="other"), Version(2) > Version(1, 99), max(vs))
fz = Frozen("a", ("t1",))
print(fz, hash(fz) == hash(Frozen("a", ("t1",))), {fz: 1}[Frozen("a", ("t1",))])
try:
    fz.name = "b"
except dataclasses.FrozenInstanceError as e:
    print("FrozenInstanceError:", e)
inv = Inventory("bob", ["apple", "pear"], scale=3)
inv2 = Inventory("amy")
inv2.items.append("x")
print(inv, inv.total, inv2, Inventory("c").items, Inventory.unit)
print(asdict(inv), "secret" in repr(inv))
p3 = Point3(1, 2, 3)
print(p3, p3.dist2(), isinstance(p3, Point), astuple(p3), [f.name for f in fields(Point3)])
o = Opts(level=3)
print(o, Opts(), hasattr(o, "__dict__"), Opts.__slots__)
try:
    Opts(True)
except TypeError as e:
    print("TypeError:", e)
try:
    Point()
except TypeError as e:
    print("TypeError:", e)
try:

    @dataclass
    class Bad:
        a: int = 0
        b: int
except TypeError as e:
    print("TypeError:", e)
try:

    @dataclass
    class BadDefault:
        a: list = []
except ValueError as e:
    print("ValueError:", e)


@dataclass
class Node:
    value: int
    children: list = field(default_factory=list)

    def total(self):
        return self.value + sum([c.total() for c in self.children])

    def depth(self):
        return 1 + max([c.depth() for c in self.children], default=0)


tree = Node(1, [Node(2, [Node(4), Node(5, [Node(7)])]), Node(3, [Node(6)])])
print(tree.total(), tree.depth(), asdict(tree)["children"][0]["children"][1])
points = [Point(i % 3, i // 3) for i in range(9)]
print(sorted(points, key=Point.dist2)[:4], sum([pt.x for pt in points]))
print(dataclasses.is_dataclass(p), dataclasses.is_dataclass(Point), dataclasses.is_dataclass(3))
