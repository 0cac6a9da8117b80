# printf-style % formatting and str.format corner cases.

print("%d %i %5d %-5d| %05d %+d % d" % (42, -7, 3, 3, 42, 5, 5))
print("%s %r %a" % ("text", "text", "tëxt"))
print("%x %X %#x %o %#o %e %E %g %G" % (255, 255, 255, 8, 8, 12345.678, 0.00012, 1e-10, 1e20))
print("%.2f %8.3f %-8.1f| %08.2f %+.1f" % (3.14159, 2.71828, 1.5, -3.5, 2.25))
print("%c%c%c %%" % (72, "i", 33))
print("%(name)s is %(age)d years, %(name)r" % {"name": "Bob", "age": 30})
print("%*d|%-*d|%.*f" % (6, 42, 6, 42, 2, 3.14159))
print("%s" % ([1, 2],), "%s" % (None,), "%s %s" % (True, 1.0), "%d" % True, "%d" % 3.99)
print("%s" % "single", "%r" % (("tuple",),), "%5.2s|" % "abcdef")
print(b"%s %d %x %b" % (b"bytes", 10, 255, b"raw"))
print("%i%%" % 50, "%.0f" % 0.5, "%.0f" % 1.5, "%.0f" % 2.5, "%.3e" % 0)
print("%10s|%-10s|" % ("right", "left"))
print("%d items cost $%.2f total (%s)" % (3, 3 * 1.1, "ok"))

for bad in [("%d", "x"), ("%d %d", (1,)), ("%s", (1, 2)), ("%(a)s", (1,)), ("%z", 1), ("%c", "ab")]:
    fmt, args = bad
    try:
        print(fmt % args)
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__ + ":", e)

print("{:>10}|{:<10}|{:^10}|".format("a", "b", "c"))
print("{0:.3f} {0:e} {0:%}".format(0.123456))
print("{name} {0} {1} {name!r}".format(1, 2, name="z"))
print("{0[0]} {0[1]} {1[k]} {2.real}".format([5, 6], {"k": "v"}, 3 + 4j))
print("{:{w}.{p}f}|".format(3.14159, w=10, p=3))
print("{!r:^12}|{!s:>5}".format("hi", 7))
print("{:,} {:_} {:,.2f}".format(1234567, 7654321, 9876.543))
print("{:=+8d}|{:=8.1f}|".format(42, -3.25))

try:
    print("{} {}".format(1))
except IndexError as e:
    print("IndexError:", e)
try:
    print("{0} {}".format(1, 2))
except ValueError as e:
    print("ValueError:", e)
try:
    print("{missing}".format(present=1))
except KeyError as e:
    print("KeyError:", e)


def table(rows):
    lines = []
    for r in rows:
        lines.append("%-6s %6.2f %4d%%" % r)
    return "\n".join(lines)


print(table([("a", 1.5, 10), ("bb", 22.25, 75), ("ccc", 333.125, 100)]))

# Formatting in a loop with various widths
for w in range(1, 8):
    print("%*s|%-*s|%0*d" % (w, "x", w, "y", w, w * 3))

# Interaction with objects
class Money:
    def __init__(self, cents):
        self.cents = cents

    def __str__(self):
        return "$%d.%02d" % divmod(self.cents, 100)

    def __repr__(self):
        return "Money(%r)" % self.cents

    def __format__(self, spec):
        return format(str(self), spec)


m = Money(12345)
print("%s %r" % (m, m), "{} {!r} {:>12}|".format(m, m, m), f"{m:*<10}")
print(str.format("{}-{}", "a", "b"), "%s" % {"k": 1}, "%(k)s" % {"k": [1]})
