"""Classes called with keyword arguments from one warm site: __init__ and
__new__ written in Python (keyword-only parameters with defaults,
*args and **kwargs), __new__ returning an instance of a subclass or of
another class, __init__ returning a value, arguments that do not bind,
and the class changed under the site: __init__ replaced or its code
swapped, __new__ added, a metaclass given __call__."""


class Point:
    def __init__(self, x, y=0, *, scale=1):
        self.x = x * scale
        self.y = y * scale


class Ratio:
    def __new__(cls, num=0, den=1, *, _normalize=True):
        self = super().__new__(cls)
        if _normalize and den < 0:
            num, den = -num, -den
        self.num, self.den = num, den
        return self


class Bag:
    def __init__(self, *items, **named):
        self.items = items
        self.named = sorted(named.items())


class Odd(Ratio):
    """Its instances come from Ratio.__new__; it adds an __init__."""

    def __init__(self, num=0, den=1, *, _normalize=True):
        self.init_saw = (num, den, _normalize)


class Other:
    pass


class Redirect:
    def __new__(cls, kind=None, *, value=0):
        if kind == "odd":
            return Odd(value, den=2)
        if kind == "other":
            return Other()
        return super().__new__(cls)

    def __init__(self, kind=None, *, value=0):
        self.value = value


class Returns:
    def __init__(self, *, v=1):
        return v


def show(o):
    if isinstance(o, Point):
        return ("Point", o.x, o.y)
    if isinstance(o, Odd):
        return ("Odd", o.num, o.den, o.init_saw)
    if isinstance(o, Ratio):
        return ("Ratio", o.num, o.den)
    if isinstance(o, Bag):
        return ("Bag", o.items, o.named)
    if isinstance(o, Redirect):
        return ("Redirect", o.value)
    return type(o).__name__


def make_point(n):
    return [show(Point(i, y=i + 1)) for i in range(n)] + [
        show(Point(x=2, scale=3)), show(Point(1, 2, scale=-1))]


def make_ratio(n):
    return [show(Ratio(i, -3, _normalize=i % 2 == 0)) for i in range(n)] + [
        show(Ratio(den=5)), show(Ratio(num=1, _normalize=False))]


def one_site(classes):
    out = []
    for cls in classes:
        try:
            out.append(show(cls(1, den=2)))
        except TypeError as e:
            out.append("TypeError: %s" % e)
    return out


def attempt(make):
    try:
        return show(make())
    except TypeError as e:
        return "TypeError: %s" % e


print(make_point(3))
print(make_ratio(3))
print(one_site([Ratio, Odd, Ratio, Point, Bag, Odd, Ratio]))
print([show(Bag(i, k=i, z=0)) for i in range(2)], show(Bag(a=1)))
print([show(Redirect(kind=k, value=3)) for k in (None, "odd", "other", None)])
print(attempt(lambda: Point(1, z=2)), attempt(lambda: Point(1, 2, 3, scale=1)),
      attempt(lambda: Point(y=1)), attempt(lambda: Ratio(1, num=2)),
      attempt(lambda: Returns(v=5)), show(Returns(v=None)))

# the class changed under warm sites
Point.__init__ = lambda self, x, y=0, *, scale=1: setattr(self, "x", -x) \
    or setattr(self, "y", -y)
print(make_point(2))


def other_init(self, x, y=0, *, scale=1):
    self.x, self.y = ("swapped", x)


Point.__init__.__code__ = other_init.__code__
print(make_point(2))
del Point.__init__
print(attempt(lambda: Point(1, y=2)))
Point.__new__ = lambda cls, *a, **k: Ratio(7, den=-1)
print(make_point(1))
Ratio.__new__ = lambda cls, num=0, den=1, *, _normalize=True: "replaced"
print(make_ratio(1), one_site([Odd]))


class Meta(type):
    pass


class Metered(metaclass=Meta):
    def __init__(self, a, *, b=0):
        self.a = a + b


def make_metered():
    return [getattr(m, "a", m) for m in (Metered(i, b=1) for i in range(3))]


print(make_metered())
Meta.__call__ = lambda cls, *a, **k: ("meta", a, sorted(k.items()))
print(make_metered())
