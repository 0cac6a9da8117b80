"""Int expressions run in machine integers (two operations or more on an
int constant): values at the two-digit edge (2**60) and past it, results
that leave 62 bits (products, sums, shifts of wide values), floor
division and modulo of every sign, shifts by negative and large counts,
bitwise operations on negatives, zero; and what must take the generic
path: bools, floats, int subclasses with their own operators, lists,
unbound locals, division by zero."""


def park_miller(state, n):
    out = []
    for _ in range(n):
        state = state * 48271 % 2147483647
        out.append((state >> 7) % 5 - 2)
    return state, out


def djb2(s):
    h = 5381
    for ch in s:
        h = (h * 33 ^ ord(ch)) & 0xFFFFFFFF
    return h


def mix(a, b):
    return (a * 3 + b) // 7, (a - b * 5) % 11, (a ^ b | 6) & -9, (a + 1) >> b % 70


def attempt(f):
    try:
        return f()
    except (ZeroDivisionError, ValueError, TypeError, UnboundLocalError) as e:
        return "%s: %s" % (type(e).__name__, e)


class Loud(int):
    def __add__(self, other):
        return "Loud + %r" % (other,)


def maybe_unbound(flag):
    if flag:
        x = 4
    return x * 2 + 1


print(park_miller(42, 8), djb2("pyaot compiles ahead of time"))
edge = [0, 1, -1, 2**30 - 1, 2**30, 2**60 - 1, -(2**60 - 1), 2**60, -2**60,
        2**62, 2**63 + 5, -2**70]
print([mix(a, b) for a in edge for b in (1, -3, 7)][:18])
print([mix(a, 5) for a in edge])
print([(a * 8 + 1 - 2, a * a * 3 + 1, a * -4 - 7) for a in edge])
print([(a // 3 * 2, a % -5 + 1, -a // 7 % 5) for a in (-7, 7, -1, 0, 13)])
print([attempt(lambda: a // (b - b) + 1) for a, b in ((1, 2), (0, 0))])
print([attempt(lambda: (a >> n) + 1 * 2) for a in (-5, 2**59) for n in (-1, 3, 64, 200)])
print([(True * 3 + 1, 2.5 * 3 + 1, 7 * 3 // 2.0)], Loud(5) + 1 * 2)
print(attempt(lambda: [1, 2] * 2 + 3), [1, 2] * 2 + [3] * 2)
print(attempt(lambda: maybe_unbound(True)), attempt(lambda: maybe_unbound(False)))
total = 0
for i in range(-50, 50):
    total = (total * 31 + i * i - 7) % 1000000007
print(total)


def shared_small(k):
    # Results CPython shares (-5 .. 256) are the very same objects; the
    # ones next to them are not.
    a, b = k * 2 - k, k + 1 - 1
    return a is b


print([k for k in range(-9, 262) if shared_small(k)][::37],
      [shared_small(k) for k in (-6, -5, 256, 257)])
