# Complex numbers and booleans.
import cmath

z = 3 + 4j
w = complex(1, -2)
print("z", z, repr(w), z.real, z.imag, abs(z), z.conjugate())
print("ops", z + w, z - w, z * w, z / w, -z, +w, z ** 2, w ** 3)
print("mixed", z + 1, 2 * z, z / 2, 1.5 - z, z == complex(3, 4), z != w)
print("zero parts", 0j, -0j, complex(0, -0.0), complex("1+2j"), complex("-1.5e2j"))
print("pow", 1j ** 2, (1 + 1j) ** 8, pow(2j, 3))
print("cmath", cmath.sqrt(-4), cmath.phase(-1), round(cmath.exp(1j * cmath.pi).real, 12))
print("polar", cmath.polar(1j), cmath.rect(2, 0))
print("inf complex", complex(float("inf"), 1), complex(1, float("nan")).imag != complex(1, float("nan")).imag)
try:
    print(z / 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    print(z < w)
except TypeError as e:
    print("TypeError:", e)
try:
    print(int(z))
except TypeError as e:
    print("TypeError:", e)

# Mandelbrot membership on a small grid
rows = []
for yi in range(-6, 7):
    line = ""
    for xi in range(-20, 9):
        c = complex(xi / 10, yi / 5)
        zz = 0j
        n = 0
        while abs(zz) <= 2 and n < 40:
            zz = zz * zz + c
            n += 1
        line += "#" if n == 40 else ".:-=+*%@"[n % 8]
    rows.append(line)
print("\n".join(rows))

# Booleans
t, f = True, False
print("bool arith", t + t, t * 10, f - t, t / 2, -t, ~t, t << 3, t & f, t | f, t ^ t)
print("bool types", type(t + t).__name__, type(t & f).__name__, type(t and 5).__name__)
print("bool()", bool(0), bool(0.0), bool(""), bool([]), bool({}), bool(None), bool(0j), bool([0]), bool("0"))
print("and/or", 0 and 1, 1 and 0, 2 and 3, 0 or "", "" or [], None or "x", [] or 0)
print("not", not 0, not 1, not [], not [1], not None)
print("compare bool", True == 1, False == 0, True is not False, True > False, sum([True, True, False]))
print("isinstance", isinstance(True, int), issubclass(bool, int), int(True), str(False), repr(True))
print("bool ops on ints", 5 > 3 > 1, 1 < 3 < 2, (5 > 3) + (2 > 1))
print("dict keys", {True: "a", 1: "b", 1.0: "c"}, {False: 0, 0: 1})
print("count", [1, True, 1.0, 0, False].count(1), [True, False].index(0))

calls = []


def side(v, tag):
    calls.append(tag)
    return v


r = side(0, "a") or side(2, "b") and side(0, "c") or side(3, "d")
print("short circuit", r, calls)
calls.clear()
r = side(1, "a") and side([], "b") or side(None, "c")
print("short circuit 2", r, calls)
calls.clear()
r = not side(1, "x") or side("y", "y")
print("short circuit 3", r, calls)

n_true = 0
for i in range(100):
    if (i % 3 == 0) ^ (i % 5 == 0):
        n_true += 1
    elif i % 3 == 0 and i % 5 == 0 and not i % 2:
        n_true += 100
print("n_true", n_true)
