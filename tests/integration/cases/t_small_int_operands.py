"""Operators whose right operand is a small int constant, which compiled
code takes as an immediate: every type of left operand (ints of one and
of more digits, negative ones, bools, floats, strs, lists, objects with
their own operators), every operator, in-place forms stored to a local,
comparisons with and without a jump, and the errors (division by zero,
negative shift counts, unsupported types) with their tracebacks."""


class Num:
    def __init__(self, v):
        self.v = v

    def __add__(self, k):
        return Num(self.v + 10 * k)

    def __lt__(self, k):
        return self.v < k

    def __repr__(self):
        return "Num(%r)" % self.v


def arithmetic(x):
    return (x + 1, x - 2, x * 3, x // 4, x % 5, x / 8, x ** 2, x - -3)


def bits(x):
    return (x & 6, x | 9, x ^ 7, x >> 1, x << 3, x >> 70, x << 31)


def in_place(x):
    y = x
    y += 1
    y -= 40
    y *= 3
    y //= 2
    y %= 1000
    return y


def compares(x):
    out = [x < 2, x <= 2, x == 2, x != 2, x > 2, x >= 2, x == -1]
    if x < 0:
        out.append("negative")
    elif x > 1000:
        out.append("big")
    return out


def counts(n):
    i, total = 0, 0
    while i < n:
        i += 1
        total += i % 7
    return total


def fails(f, x):
    try:
        return f(x)
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)


ints = [0, 1, 2, -1, -7, 2 ** 30 - 1, 2 ** 30, -(2 ** 30), 2 ** 62, 10 ** 20,
        True, False]
for v in ints + [2.5, -0.0, 1e150]:
    print(v, arithmetic(v), in_place(v), compares(v))
for v in ints:
    print(v, bits(v))
print(counts(1000))
print(in_place(2.5), compares(2.5), Num(1) + 2, Num(1) < 2, Num(5) < 2)
print("%d-%s" % (3, 4) + "x" * 3, [0] * 3, "ab" * 2)
s = "a"
s += "b" * 2
print(s)
for f in (lambda x: x // 0, lambda x: x % 0, lambda x: x / 0,
          lambda x: x >> -1, lambda x: x << -2, lambda x: x + 1,
          lambda x: x < 1):
    print([fails(f, v) for v in (5, 2.0, "s", None, [1])])


def deep(x):
    return x // 0


deep(3)
