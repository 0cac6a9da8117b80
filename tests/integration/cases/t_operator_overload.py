# Operator overloading: a Fraction-like class and a Matrix class, reflected
# operators, in-place operators, NotImplemented fallback, comparisons, hashing.
from math import gcd


class Frac:
    __slots__ = ("n", "d")

    def __init__(self, n, d=1):
        if d == 0:
            raise ZeroDivisionError("Frac denominator is zero")
        if d < 0:
            n, d = -n, -d
        g = gcd(n, d) or 1
        self.n, self.d = n // g, d // g

    @staticmethod
    def of(x):
        if isinstance(x, Frac):
            return x
        if isinstance(x, int):
            return Frac(x)
        return None

    def __add__(self, o):
        o = Frac.of(o)
        if o is None:
            return NotImplemented
        return Frac(self.n * o.d + o.n * self.d, self.d * o.d)

    __radd__ = __add__

    def __sub__(self, o):
        o = Frac.of(o)
        return NotImplemented if o is None else Frac(self.n * o.d - o.n * self.d, self.d * o.d)

    def __rsub__(self, o):
        o = Frac.of(o)
        return NotImplemented if o is None else o - self

    def __mul__(self, o):
        o = Frac.of(o)
        return NotImplemented if o is None else Frac(self.n * o.n, self.d * o.d)

    __rmul__ = __mul__

    def __truediv__(self, o):
        o = Frac.of(o)
        return NotImplemented if o is None else Frac(self.n * o.d, self.d * o.n)

    def __rtruediv__(self, o):
        return Frac.of(o) / self

    def __pow__(self, k):
        return Frac(self.n ** k, self.d ** k) if k >= 0 else Frac(self.d ** -k, self.n ** -k)

    def __neg__(self):
        return Frac(-self.n, self.d)

    def __eq__(self, o):
        o = Frac.of(o)
        return NotImplemented if o is None else (self.n, self.d) == (o.n, o.d)

    def __lt__(self, o):
        o = Frac.of(o)
        return NotImplemented if o is None else self.n * o.d < o.n * self.d

    def __le__(self, o):
        return self == o or self < o

    def __ge__(self, o):
        o = Frac.of(o)
        return NotImplemented if o is None else not self < o

    def __hash__(self):
        return hash((self.n, self.d))

    def __float__(self):
        return self.n / self.d

    def __repr__(self):
        return f"{self.n}/{self.d}" if self.d != 1 else f"{self.n}"


h = Frac(1, 2)
t = Frac(1, 3)
print(h + t, h - t, h * t, h / t, t - h, 1 + h, 2 - h, 3 * t, 1 / t, h ** 3, t ** -2, -h)
print(h == Frac(2, 4), h != t, t < h, h <= h, h > t, h >= 1, sorted([h, t, Frac(-1, 5), Frac(7, 8)]))
print(float(t), {h: "half"}[Frac(3, 6)], h == 0.5, h == "x")
s = Frac(0)
for k in range(1, 20):
    s += Frac(1, k * (k + 1))
print("telescoping", s)
try:
    h + 0.5
except TypeError as e:
    print("TypeError:", e)
try:
    Frac(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)


class Matrix:
    def __init__(self, rows):
        self.rows = [list(r) for r in rows]

    @classmethod
    def identity(cls, n):
        return cls([[1 if i == j else 0 for j in range(n)] for i in range(n)])

    def __matmul__(self, o):
        cols = list(zip(*o.rows))
        return Matrix([[sum([a * b for a, b in zip(r, c)]) for c in cols] for r in self.rows])

    def __add__(self, o):
        return Matrix([[a + b for a, b in zip(r1, r2)] for r1, r2 in zip(self.rows, o.rows)])

    def __mul__(self, k):
        return Matrix([[v * k for v in r] for r in self.rows])

    __rmul__ = __mul__

    def __pow__(self, n):
        result = Matrix.identity(len(self.rows))
        base = self
        while n:
            if n & 1:
                result = result @ base
            base = base @ base
            n >>= 1
        return result

    def __eq__(self, o):
        return isinstance(o, Matrix) and self.rows == o.rows

    def __getitem__(self, ij):
        return self.rows[ij[0]][ij[1]]

    def __repr__(self):
        return "Matrix(" + repr(self.rows) + ")"


fibm = Matrix([[1, 1], [1, 0]])
print(fibm ** 10, (fibm ** 90)[0, 1], fibm @ Matrix.identity(2) == fibm)
m = Matrix([[1, 2], [3, 4]])
m @= m  # no __imatmul__: falls back to __matmul__
print(m, m + m, 2 * m, m * Frac(1, 2))
fm = Matrix([[Frac(1, 2), Frac(1, 3)], [Frac(1, 4), Frac(1, 5)]])
print(fm @ fm, fm ** 3)
