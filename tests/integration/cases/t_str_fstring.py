# f-strings: conversions, format specs, nested specs, expressions.

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x!r}, {self.y!r})"

    def __str__(self):
        return f"({self.x}, {self.y})"

    def __format__(self, spec):
        if spec == "polar":
            return f"<{(self.x ** 2 + self.y ** 2) ** 0.5:.3f}>"
        return f"[{self.x:{spec}}|{self.y:{spec}}]"


name = "Ada"
n = 42
pi = 3.14159265
p = Point(3, 4)
s = "naïve 'q'"
print(f"{name} {n} {pi}")
print(f"{name!r} {name!s} {name!a} {s!r} {s!a}")
print(f"{p} {p!r} {p!s} {p:polar} {p:>4} {p:03d}")
print(f"{n:5d}|{n:<5d}|{n:^5d}|{n:>+5d}|{-n:05d}|{n:x}|{n:#X}|{n:#o}|{n:#b}|{n:_b}")
print(f"{pi:.2f}|{pi:10.3f}|{pi:<10.1f}|{pi:e}|{pi:.3g}|{pi:%}|{1234567.891:,.2f}|{1e6:_.0f}")
print(f"{name:>10}|{name:<10}|{name:^10}|{name:*^10}|{name:.2}|{name!r:>8}")
width, prec = 12, 4
print(f"{pi:{width}.{prec}f}|{pi:>{width}}|{name:{'#'}^{width}}|{n:{'x' if n > 10 else 'd'}}")
print(f"{'nested ' + f'{n * 2:>{width - 6}}'}")
print(f"{n + 1} {n * 2 = } {n % 5=} {name.upper()=!s} {pi=:.1f}")
print(f"{'{'}{n}{'}'} {{literal}} {{{n}}}")
print(f"{[x * x for x in range(4)]} {dict(a=1)} {(1, 2)} {None} {True:d} {3 > 2}")
print(f"{'a' if n > 0 else 'b'} {n if n < 0 else -n} {(lambda q: q * 3)(n)}")
print(f"{10 ** 20:,} {-10 ** 20:e} {0.000001234:.2e} {float('inf'):>8} {float('nan'):^8}|")
print(f"{12345:010,} {-3.5:+08.2f} {0.5:.0%} {255:08b} {255:^#12x}|")
print(f"{'multi'}" f"{'ple'}" "plain" f"{n}")
print(f"{n!r:>6}|{str(n)!r:>6}|{pi!s:.4}|")
x = 7
print(f"{x:{x}}|{x:{x}d}|{x:0{x}d}|{x:{'>'}{x}}|")

rows = [("apple", 3, 1.5), ("banana", 12, 0.25), ("cherry", 100, 12.125)]
print(f"{'name':<8}|{'qty':>5}|{'price':>8}|{'total':>9}")
for nm, q, pr in rows:
    print(f"{nm:<8}|{q:>5d}|{pr:>8.3f}|{q * pr:>9.2f}")
total = sum(q * pr for _, q, pr in rows)
print(f"{'TOTAL':<8}|{'':>5}|{'':>8}|{total:>9.2f}")

for v in (0, 1, -1, 7.25, -0.0, 1e-5, 123456789):
    print(f"{v!r:>12} -> {v:>12} {v:>+12.3f} {v:g}")

try:
    print(f"{name:d}")
except ValueError as e:
    print("ValueError:", e)
try:
    print(f"{n:s}")
except ValueError as e:
    print("ValueError:", e)
try:
    print(f"{pi:,d}")
except ValueError as e:
    print("ValueError:", e)


def fmt_table(data, w):
    out = []
    for i, row in enumerate(data):
        cells = [f"{c:>{w}}" if isinstance(c, int) else f"{c:<{w}}" for c in row]
        out.append(f"{i:02d}: " + " ".join(cells))
    return "\n".join(out)


print(fmt_table([["a", 1, 22], [333, "bb", 4]], 5))
print(format(n, "08.3f"), format(p, "polar"), format("x", "^5"), format(3, ""), repr(format(None)))
