"""Integer operators on ints of more than one digit, which compiled code
does in machine arithmetic while they fit in 64 bits: values around
2**30, 2**31, 2**62 and 2**63, negative ones, results that overflow,
division and shifts at the edges, in-place forms, and bool operands."""

EDGES = [0, 1, -1, 2**30 - 1, 2**30, -2**30, 2**31 - 1, 2**31, -2**31,
         2**32 + 5, -(2**32) - 7, 2**62 - 1, 2**62, -2**62, 2**63 - 1,
         -2**63, 2**63, 2**64 + 1, -2**64, 1103515245, 12345, 7, -3, 63, 64]


def results(a, b):
    out = [a + b, a - b, a * b, a & b, a | b, a ^ b]
    for f in (lambda: a // b, lambda: a % b, lambda: a >> b,
              lambda: divmod(a, b)):
        try:
            out.append(f())
        except (ZeroDivisionError, ValueError) as e:
            out.append(type(e).__name__)
    return out


def inplace(a, b):
    x = a
    x += b
    y = a
    y *= b
    z = a
    z &= b
    w = a
    try:
        w //= b
    except ZeroDivisionError:
        w = "zero"
    v = a
    v ^= b
    return x, y, z, w, v


def lcg(state, n):
    out = []
    for _ in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        out.append((state >> 16) % 3)
    return state, out


def fingerprint(s):
    h = 0
    for ch in s:
        h = (h * 131 + ord(ch)) & 0xFFFFFFFF
    return h


def checksum():
    total = 0
    for a in EDGES:
        for b in EDGES:
            total ^= hash(tuple(results(a, b)))
            total ^= hash(inplace(a, b))
    return total


def samples():
    out = []
    for a in EDGES[::3]:
        for b in EDGES[1::4]:
            out.append((a, b, results(a, b)))
    return out


def with_bools():
    t = True
    big = 2**40
    return big + t, big * t, big & t, big // t, t - big


for line in samples():
    print(line)
print(checksum())
print(lcg(42, 20))
print(fingerprint("compiled code must agree " * 20))
print(with_bools())
print(-2**63 // -1, (-2**63) % -1, (-2**63) >> 70, 5 >> 64, -5 >> 64)
try:
    print(2**40 >> -1)
except ValueError as e:
    print("ValueError:", e)
