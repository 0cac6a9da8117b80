# Integer arithmetic: small and big values, signs of // and %, shifts, pow.

def show(label, value):
    print(label, "=", value)


def floor_ops(a, b):
    return a // b, a % b, divmod(a, b), -a // b, a // -b, -a % b, a % -b


small = [0, 1, -1, 7, -7, 13, -13, 255, -256]
for a in small:
    for b in (3, -3, 5, -5):
        print(a, b, floor_ops(a, b))

big = 2 ** 100 + 12345
neg_big = -(3 ** 70)
show("big", big)
show("neg_big", neg_big)
show("big + neg_big", big + neg_big)
show("big * neg_big", big * neg_big)
show("big // 7", big // 7)
show("big % 7", big % 7)
show("neg_big // 11", neg_big // 11)
show("neg_big % 11", neg_big % 11)
show("divmod(neg_big, big)", divmod(neg_big, big))
show("big // neg_big", big // neg_big)
show("-big", -big)
show("abs(neg_big)", abs(neg_big))

# shifts
for n in (1, 5, -5, 123456789, -987654321):
    print("shift", n, n << 3, n >> 3, n << 70, (n << 70) >> 69, n >> 100)
show("1 << 200", 1 << 200)
show("(1 << 200) >> 199", (1 << 200) >> 199)

# bitwise
x, y = 0b101101, 0b110011
print("bits", x & y, x | y, x ^ y, ~x, ~-x, -x & 0xFF, big & 0xFFFF, neg_big | 1)
print("bit_length", (0).bit_length(), (255).bit_length(), big.bit_length(), neg_big.bit_length())
print("bit_count", (255).bit_count(), big.bit_count())

# pow
print("pow", 2 ** 10, (-2) ** 11, 2 ** -1, (-2) ** -2, 0 ** 0, 10 ** 30)
print("pow3", pow(3, 200, 1000007), pow(-7, 3, 10), pow(5, -1, 13), pow(2, 0, 1))
print("pow big", pow(big, 3) % 1000000007)

# mixed with bool and float
print("mixed", 3 + True, 7 * False, 10 / 4, 10 // 4.0, -7 / 2, 2 ** 0.5 > 1.41)

# int conversions
print("int()", int("  42 "), int("-0b1011", 0), int("ff", 16), int("z", 36), int(3.99), int(-3.99))
print("int(str big)", int("1" * 40) + 1)
print("bases", bin(-10), oct(64), hex(-255), hex(big))
print("round", round(1234567, -3), round(-1250, -2), round(1350, -2))

# comparisons of big and small
vals = [big, -1, 0, neg_big, 10 ** 20, -(10 ** 20), 5]
print("sorted", sorted(vals))
print("max/min", max(vals), min(vals))

# accumulation in a loop
total = 0
for i in range(1, 200):
    total += i * i * i - (i << 2) + (i % 7) * (-1) ** i
print("total", total)

acc = 1
i = 0
while i < 50:
    acc = acc * 3 + i
    i += 1
print("acc", acc, acc % 998244353)

try:
    print(1 // 0)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    print(5 % 0)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    print(1 << -1)
except ValueError as e:
    print(type(e).__name__, e)
try:
    print(pow(2, -1, 4))
except ValueError as e:
    print(type(e).__name__, e)


# Unary minus in a loop: ints of one digit (to the edges of the small-int
# cache and of a digit), wider ones, bools, floats, an int subclass and a
# class with __neg__, and what has no negative.
class Signed(int):
    pass


class Mirror:
    def __neg__(self):
        return "mirrored"


def negatives(values):
    out = []
    for v in values:
        try:
            out.append(-v)
        except TypeError as e:
            out.append(str(e))
    return out


print(negatives([0, 1, -1, 5, -5, 6, -6, 256, 257, -257, 2**30 - 1,
                 -(2**30 - 1), 2**30, -2**30, 2**62, -2**63, True, False,
                 2.5, -0.0, Signed(3), Mirror(), "x", None]))
print([type(v).__name__ for v in negatives([True, Signed(3), 7, 2**40])])
