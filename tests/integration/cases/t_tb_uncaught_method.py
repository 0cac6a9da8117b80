# Shapes with properties, class/static methods and lambdas; finally a
# property getter fails inside a sort key lambda and the error escapes.
import math


class Shape:
    registry = []

    def __init__(self, name):
        self.name = name
        Shape.registry.append(self)

    @property
    def area(self):
        raise NotImplementedError

    def describe(self):
        return f"{self.name}: area={self.area:.3f} perimeter={self.perimeter():.3f}"

    @classmethod
    def count(cls):
        return sum([1 for s in Shape.registry if isinstance(s, cls)])

    @staticmethod
    def largest(shapes):
        return max(shapes, key=lambda s: s.area)


class Circle(Shape):
    def __init__(self, r):
        super().__init__(f"circle(r={r})")
        self.r = r

    @property
    def area(self):
        return math.pi * self.r ** 2

    def perimeter(self):
        return 2 * math.pi * self.r


class Rect(Shape):
    def __init__(self, w, h):
        super().__init__(f"rect({w}x{h})")
        self.w, self.h = w, h

    @property
    def area(self):
        return self.w * self.h

    def perimeter(self):
        return 2 * (self.w + self.h)


class Square(Rect):
    def __init__(self, side):
        super().__init__(side, side)
        self.name = f"square({side})"


class Triangle(Shape):
    def __init__(self, a, b, c):
        super().__init__(f"triangle({a},{b},{c})")
        self.sides = (a, b, c)

    @property
    def area(self):
        a, b, c = self.sides
        s = (a + b + c) / 2
        return math.sqrt(s * (s - a) * (s - b) * (s - c))

    def perimeter(self):
        return sum(self.sides)


class Polygon(Shape):
    def __init__(self, points):
        super().__init__(f"polygon({len(points)})")
        self.points = points

    @property
    def area(self):
        return abs(self.signed_area) / 2

    def perimeter(self):
        return sum([math.dist(p, q) for p, q in zip(self.points, self.points[1:] + self.points[:1])])


shapes = [Circle(1), Rect(2, 3), Square(4), Triangle(3, 4, 5), Circle(0.5), Rect(10, 0.1)]
for s in shapes:
    print(s.describe())
print(Shape.count(), Circle.count(), Rect.count(), Square.count())
print(Shape.largest(shapes).name, [s.name for s in sorted(shapes, key=lambda s: s.perimeter())])
by_kind = {}
for s in shapes:
    by_kind.setdefault(type(s).__name__, []).append(round(s.area, 2))
print(by_kind)
try:
    Shape("abstract").describe()
except NotImplementedError as e:
    print("NotImplementedError", repr(e))
Shape.registry.pop()
poly = Polygon([(0, 0), (4, 0), (4, 3)])
print(round(poly.perimeter(), 6))
ranked = sorted(Shape.registry, key=lambda s: s.area)
print("not reached", ranked)
