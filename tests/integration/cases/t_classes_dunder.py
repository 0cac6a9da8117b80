# Dunder methods: repr/str, eq/hash, len/bool, contains, call, iteration protocol,
# context of NotImplemented and reflected operations.

class Vec:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return f"Vec({self.x}, {self.y})"

    def __str__(self):
        return f"<{self.x},{self.y}>"

    def __eq__(self, o):
        return isinstance(o, Vec) and (self.x, self.y) == (o.x, o.y)

    def __hash__(self):
        return hash((self.x, self.y))

    def __add__(self, o):
        if isinstance(o, Vec):
            return Vec(self.x + o.x, self.y + o.y)
        if isinstance(o, (int, float)):
            return Vec(self.x + o, self.y + o)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y)

    def __mul__(self, k):
        if isinstance(k, Vec):
            return self.x * k.x + self.y * k.y
        return Vec(self.x * k, self.y * k)

    def __rmul__(self, k):
        return Vec(k * self.x, k * self.y)

    def __truediv__(self, k):
        return Vec(self.x / k, self.y / k)

    def __floordiv__(self, k):
        return Vec(self.x // k, self.y // k)

    def __mod__(self, k):
        return Vec(self.x % k, self.y % k)

    def __neg__(self):
        return Vec(-self.x, -self.y)

    def __pos__(self):
        return self

    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5

    def __invert__(self):
        return Vec(self.y, self.x)

    def __bool__(self):
        return bool(self.x or self.y)

    def __len__(self):
        return 2

    def __getitem__(self, i):
        return (self.x, self.y)[i]

    def __iter__(self):
        yield self.x
        yield self.y

    def __contains__(self, v):
        return v in (self.x, self.y)

    def __matmul__(self, o):
        return self.x * o.y - self.y * o.x

    def __pow__(self, n, mod=None):
        return Vec(pow(self.x, n, mod), pow(self.y, n, mod))

    def __lshift__(self, n):
        return Vec(self.x << n, self.y << n)

    def __and__(self, o):
        return Vec(self.x & o.x, self.y & o.y)

    def __round__(self, nd=0):
        return Vec(round(self.x, nd), round(self.y, nd))

    def __index__(self):
        return self.x


a, b = Vec(3, 4), Vec(1, -2)
print(a, repr(b), [a, b], str([a]), f"{a}", f"{a!r}")
print(a + b, a - b, a * 3, 3 * a, a * b, a / 2, a // 2, a % 3, -a, +a, abs(a), ~a)
print(a + 1, 1 + a, 2.5 + a, a @ b, a ** 2, pow(a, 3, 5), a << 2, a & Vec(1, 5))
print(round(Vec(1.26, 2.71), 1), bool(Vec(0, 0)), bool(a), len(a), a[0], a[-1], list(a), 4 in a, 5 in a)
print(a == Vec(3, 4), a != Vec(3, 4), a == (3, 4), {a: "found"}[Vec(3, 4)], len({a, Vec(3, 4), b}))
print(sum([a, b, Vec(10, 10)], Vec(0, 0)), sum([a, b]), [10, 20, 30, 40][Vec(2, 0)], bin(Vec(5, 0)))
x, y = a
print(x, y, *b, sorted(a, reverse=True), max(b), dict([a]))
try:
    a + "s"
except TypeError as e:
    print("TypeError:", e)
try:
    "s" - a
except TypeError as e:
    print("TypeError:", e)


class Callable:
    def __init__(self):
        self.calls = 0

    def __call__(self, *args, **kw):
        self.calls += 1
        return (self.calls, args, sorted(kw.items()))


c = Callable()
print(c(), c(1, 2), c(k=3), callable(c), callable(a))


class Seq:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError(i)
        return i * i


s = Seq(6)
print(list(s), 16 in s, 17 in s, len(s), bool(Seq(0)), list(reversed(s)), [v for v in s if v % 2])
