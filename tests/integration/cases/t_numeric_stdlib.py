# Numeric stdlib types mixed with builtins: Fraction, Decimal (with local
# contexts), statistics, int/float conversions and rounding modes.
from decimal import Decimal, getcontext, localcontext, ROUND_HALF_UP, ROUND_DOWN, InvalidOperation
from fractions import Fraction
import statistics

f = Fraction(3, 4)
g = Fraction("2/3")
print(f + g, f - g, f * g, f / g, f ** 2, -f, abs(-g), f // g, f % g)
print(f + 1, 2 * g, f + 0.25, f == 0.75, f < g, sorted([f, g, Fraction(1, 2)]))
print(Fraction(0.1), Fraction(0.1).limit_denominator(100), Fraction(1.5), Fraction(10, -4))
print(f.numerator, f.denominator, float(g), int(Fraction(7, 2)), round(Fraction(7, 2)), round(Fraction(5, 2)))
h = Fraction(0)
for k in range(1, 11):
    h += Fraction(1, k)
print("H10", h, float(h))
try:
    Fraction(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)

print(getcontext().prec)
a = Decimal("1.1")
b = Decimal("2.2")
print(a + b, a * b, b / a, a - b, Decimal("1") / Decimal("3"), Decimal(1) / 7)
print(Decimal("0.1") + Decimal("0.2") == Decimal("0.3"), 0.1 + 0.2 == 0.3)
print(Decimal(0.1), Decimal("3.14159").quantize(Decimal("0.01")), Decimal("2.675").quantize(Decimal("0.01"), ROUND_HALF_UP))
print(Decimal("-7.5").quantize(Decimal("1"), ROUND_DOWN), Decimal("12.3400").normalize(), Decimal("1e3").to_integral())
with localcontext() as ctx:
    ctx.prec = 50
    print(Decimal(2).sqrt())
    print(Decimal(1) / Decimal(97))
print(Decimal(2).sqrt(), Decimal("10") ** 20, Decimal("1.5").exp() > 4)
print(sum([Decimal("0.01")] * 100), Decimal("5") % Decimal("3"), Decimal("-5") % Decimal("3"), -5 % 3)
print(Decimal("-5") // Decimal("3"), -5 // 3, divmod(Decimal("17"), Decimal("5")))
print(Decimal("NaN").is_nan(), Decimal("Infinity") > 10 ** 100, Decimal("-0"), repr(Decimal("1.50")))
try:
    Decimal("abc")
except InvalidOperation as e:
    print("InvalidOperation", type(e).__name__)
try:
    Decimal(1) / Decimal(0)
except ArithmeticError as e:
    print(type(e).__name__)

data = [2, 4, 4, 4, 5, 5, 7, 9]
print(statistics.mean(data), statistics.median(data), statistics.mode(data), statistics.pstdev(data))
print(round(statistics.stdev(data), 10), statistics.median_low([1, 3, 5, 7]), statistics.median_high([1, 3, 5, 7]))
print(statistics.mean([Fraction(1, 2), Fraction(1, 3)]), statistics.mean([Decimal("1.5"), Decimal("2.5")]))
print(statistics.quantiles(range(1, 101), n=4), statistics.harmonic_mean([40, 60]), statistics.fmean([1, 2, 4]))
print(statistics.multimode("aabbbcccc"), round(statistics.geometric_mean([1, 10, 100]), 9))
print(round(statistics.correlation([1, 2, 3, 4], [2, 4, 5, 9]), 9), statistics.linear_regression([1, 2, 3], [2, 4, 6]))
try:
    statistics.mean([])
except statistics.StatisticsError as e:
    print("StatisticsError:", e)

for v in (0.5, 1.5, 2.5, -0.5, -1.5, 2.675, 1e16 + 1):
    print(v, round(v), round(v, 1), int(v), f"{v:.0f}", Decimal(v).quantize(Decimal("1"), ROUND_HALF_UP))
ledger = [("deposit", "100.10"), ("withdraw", "30.05"), ("deposit", "0.95"), ("fee", "1.00")]
bal_d = Decimal("0")
bal_f = 0.0
for kind, amt in ledger:
    sign = 1 if kind == "deposit" else -1
    bal_d += sign * Decimal(amt)
    bal_f += sign * float(amt)
print("balance", bal_d, bal_f, round(bal_f, 2), str(bal_d) == f"{bal_f:.2f}")
