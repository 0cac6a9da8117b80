"""Float expressions, which compiled code runs in doubles when every value
they read is a float: the same results and exceptions as the interpreter
for ints, bools, float subclasses, NaN, infinities, signed zeros, division
by zero, pow() at its edges (negative bases, overflow, underflow), unbound
locals, values from under the expression (subscripts, attributes, calls)
and stores into locals; tracebacks point at the right line."""

import math
import sys


class Meters(float):
    """A float subclass whose arithmetic is its own."""
    def __add__(self, other):
        return "Meters.__add__"

    def __mul__(self, other):
        return Meters(float(self) * 10)


def poly(x, y):
    s = x * x + 2.5 * x * y - y / 4
    return s


def norm(dx, dy, dz):
    d2 = dx * dx + dy * dy + dz * dz
    return d2 ** 0.5, d2 ** -1.5, d2


def kernel(a, b, dt):
    mag = dt / (a * b ** 0.5)
    return mag * 2 - 1


def powers(x, y):
    return x ** y * 1.0 + 0.0


def show(v):
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        return "%r%s" % (v, " (-0)" if v == 0 and math.copysign(1, v) < 0 else "")
    return repr(v)


def attempt(f, *args):
    try:
        r = f(*args)
        if isinstance(r, tuple):
            return "(" + ", ".join([show(v) for v in r]) + ")"
        return show(r)
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)


VALUES = [1.5, -2.25, 0.0, -0.0, 3, -4, True, 1e308, -1e308, 1e-308, 5e-324,
          float("inf"), float("-inf"), float("nan"), Meters(2.0), 2**60,
          10**400, 1 + 2j, "s"]

for x in VALUES:
    for y in VALUES:
        # int ** int is exact (and huge): only where a float is involved
        p = attempt(powers, x, y) if type(x) is float or type(y) is float else "-"
        print(show(x), show(y), attempt(poly, x, y), p)
    print(show(x), attempt(norm, x, 2.0, 1.0), attempt(norm, x, x, x))
    print(show(x), attempt(kernel, x, 4.0, 0.01), attempt(kernel, 2.0, x, x))


class Body:
    __slots__ = ("x", "v")

    def __init__(self, x, v):
        self.x = x
        self.v = v


def advance(bodies, dt, steps):
    """Operands from under the expression: attributes, subscripts, calls."""
    for _ in range(steps):
        for b in bodies:
            b.x += dt * b.v
            b.v -= dt * b.x * 0.5
    cells = [1.0, 2.0, 3.0]
    for i in range(3):
        cells[i] -= cells[i - 1] * dt * 3
        cells[i] *= abs(-dt) + 1.5
    return [round(b.x, 12) for b in bodies], [round(c, 12) for c in cells]


print(advance([Body(1.0, 0.5), Body(-2.0, 1.5), Body(3, 2)], 0.125, 40))
print(attempt(advance, [Body(1.0, "v")], 0.5, 1))
print(attempt(advance, [Body(Meters(1.0), 1.0)], 0.5, 1))


def unbound(flag):
    if flag:
        z = 2.0
    return 1.0 * 3.0 + z * z


print(unbound(True), attempt(unbound, False))


def multiline(a, b, c):
    r = (a * b
         + b / c
         - c * a)
    return r


for c in (2.0, 0.0):
    try:
        print(multiline(1.5, 2.5, c))
    except ZeroDivisionError:
        tb = sys.exc_info()[2]
        while tb.tb_next:
            tb = tb.tb_next
        print("ZeroDivisionError at line offset",
              tb.tb_lineno - multiline.__code__.co_firstlineno)


def in_try(xs):
    out = []
    for x in xs:
        try:
            y = 1.0 / x + x * x
        except ZeroDivisionError:
            y = -1.0
        except TypeError as e:
            y = str(e)
        out.append(y)
    return out


print(in_try([2.0, 0.0, -0.0, 4, "q", 0.5]))


def accumulate(n):
    """Stored results and loop-carried floats."""
    total = 0.0
    x = 0.5
    for i in range(n):
        x = x * 3.9 * (1.0 - x)
        total = total + x * x - 0.25
    return round(total, 9), round(x, 12)


print(accumulate(1000))
