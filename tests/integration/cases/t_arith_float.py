# Floats: repr, rounding, inf/nan, division by zero, conversions, math.
import math

vals = [0.1, 0.2, 0.1 + 0.2, 1e16, 1e-7, 123456789.123456789, -0.0, 2.5, 1 / 3, 1e300 * 10]
for v in vals:
    print(repr(v), str(v), v == v, v * 2, -v)

print("sum", 0.1 + 0.2 + 0.3, sum([0.1] * 10), math.fsum([0.1] * 10))
print("div", 7.0 / 2, 7.0 // 2, 7.0 % 2, -7.0 // 2, -7.0 % 2, 7.5 % -2)
print("divmod", divmod(7.5, 2), divmod(-7.5, 2), divmod(7.5, -2))
print("pow", 2.0 ** 10, 2.0 ** -2, (-8.0) ** (1 / 3) if False else 8.0 ** (1 / 3), 10.0 ** 20)
print("int/float mix", 3 / 4, 3 * 0.5, 1 + 2.5, 10 - 0.25, 2 ** 0.5)

inf = float("inf")
nan = float("nan")
print("inf", inf, -inf, inf + 1, inf * -2, inf - inf, inf > 1e308, -inf < -1e308)
print("nan", nan, nan == nan, nan != nan, nan < 1, nan > 1, math.isnan(nan * 0))
print("inf/nan repr", repr(inf), repr(-inf), repr(nan))
print("isinf", math.isinf(inf), math.isinf(1e308), math.isfinite(1e308))
print("overflow", 1e308 * 10, -1e308 * 10)
print("min/max with inf", max(1.0, inf), min(-inf, 0.0))

for a, b in [(1.0, 0.0), (0.0, 0.0), (-1.0, 0), (5, 0.0)]:
    try:
        print(a / b)
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
    try:
        print(a // b)
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
    try:
        print(a % b)
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)

try:
    print(2.0 ** 10000)
except OverflowError as e:
    print("OverflowError:", e)
try:
    print(int(inf))
except OverflowError as e:
    print("OverflowError:", e)
try:
    print(int(nan))
except ValueError as e:
    print("ValueError:", e)
try:
    print(math.sqrt(-1))
except ValueError as e:
    print("ValueError:", e)

print("round", round(2.5), round(3.5), round(-2.5), round(2.675, 2), round(1.23456, 3), round(-0.5))
print("trunc", math.trunc(-3.7), math.floor(-3.2), math.ceil(-3.7), math.floor(3.9), int(-0.9))
print("is_integer", (3.0).is_integer(), (3.5).is_integer())
print("as_integer_ratio", (0.75).as_integer_ratio(), (-2.5).as_integer_ratio())
print("hex", (1.0).hex(), (0.1).hex(), float.fromhex("0x1.8p1"))
print("float()", float("  -1.5e3 "), float("inf"), float("-Infinity"), float(10 ** 20), float(True))
print("compare", 1 == 1.0, 0.1 + 0.2 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-15, 2 ** 53 + 1 == float(2 ** 53 + 1))
print("copysign", math.copysign(1.0, -0.0), -0.0 == 0.0, str(-0.0))
print("math", math.pi, math.e, math.sin(0.5), math.log(10), math.log2(1024), math.hypot(3, 4))
print("exp/log", math.exp(1), math.log10(12345), math.log1p(1e-10), math.expm1(1e-10))
print("gcd/lcm/comb", math.gcd(84, 36), math.lcm(4, 6, 10), math.comb(30, 12), math.perm(10, 3))
print("fmod vs %", math.fmod(-7, 3), -7 % 3, math.fmod(7, -3), 7 % -3)

# Numerical loop: Newton's method and a simple integration
def newton_sqrt(x):
    guess = x / 2 if x > 1 else 1.0
    for _ in range(60):
        guess = (guess + x / guess) / 2
    return guess


for x in (2.0, 10.0, 12345.678, 0.25):
    print("sqrt", x, newton_sqrt(x), math.sqrt(x), abs(newton_sqrt(x) - math.sqrt(x)) < 1e-9)

n = 10000
h = 1.0 / n
acc = 0.0
for i in range(n):
    xm = (i + 0.5) * h
    acc += 4.0 / (1.0 + xm * xm)
print("pi approx", acc * h, round(acc * h, 10))

print("format", format(1234.5678, ".2f"), format(1e-9, "g"), format(0.000123, "e"), f"{2 / 3:.5}")
