# Comparisons: chained, is / is not, in / not in, rich comparison protocol.
log = []


def v(x):
    log.append(x)
    return x


print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1 > 0, 1 == 1.0 == True, 1 < 2 > 0 != 5)
print(v(1) < v(2) < v(3), log)
log.clear()
print(v(5) < v(2) < v(3), log)
log.clear()
print(v(1) < v(2) > v(10) < v(100), log)
log.clear()
print(v(1) == v(1) != v(2) in [v(2)], log)
log.clear()
x = 5
print(0 <= x < 10, 0 <= x < 5, -1 < -x < 0, x is not None, None is None)
print("a" < "b" < "c" <= "c", [1] < [1, 0] < [2], (1, "a") < (1, "b"))
print(1 in [1, 2], 3 not in (1, 2), "k" in {"k": 1}, 1 in {1.0}, "" in "", [] in [[]])
print(None in [0, False, ""], 0 in [False], "b" in "abc" in "xabcx")
lst = [1, 2]
same = lst
other = [1, 2]
print(lst is same, lst is other, lst == other, lst is not other, not lst is other)
print(type(lst) is list, type(True) is bool, type(1) is not bool, ... is Ellipsis)
print(NotImplemented is NotImplemented, type(None)() is None)


class Version:
    def __init__(self, *parts):
        self.parts = parts

    def __eq__(self, other):
        log.append("eq")
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts == other.parts

    def __lt__(self, other):
        log.append("lt")
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts < other.parts

    def __le__(self, other):
        log.append("le")
        return self.parts <= other.parts

    def __gt__(self, other):
        log.append("gt")
        return self.parts > other.parts

    def __repr__(self):
        return "V" + ".".join(map(str, self.parts))


a, b, c = Version(1, 2), Version(1, 10), Version(2, 0)
print(a < b < c, a < c < b, a <= a, c > b > a, a == Version(1, 2), a != b, log)
log.clear()
print(a == 5, 5 == a, a != "x", log)
log.clear()
print(sorted([c, a, b]), max([a, c, b]), min(a, b))
log.clear()
try:
    print(a < 5)
except TypeError as e:
    print("TypeError:", e, log)
try:
    print(1 < "x")
except TypeError as e:
    print("TypeError:", e)
try:
    print([1] < (1,))
except TypeError as e:
    print("TypeError:", e)
try:
    print(None > None)
except TypeError as e:
    print("TypeError:", e)


class Container:
    def __contains__(self, item):
        return item % 2 == 0


class OnlyIter:
    def __iter__(self):
        return iter([10, 20, 30])


print(4 in Container(), 5 in Container(), 5 not in Container(), 20 in OnlyIter(), 25 in OnlyIter())
nan = float("nan")
print(nan == nan, nan is nan, nan in [nan], [nan] == [nan], (nan,) == (nan,))
res = []
for i in range(-3, 12):
    if 0 < i <= 3 or 7 <= i < 9:
        res.append(i)
    elif i < 0 < 1:
        res.append(-100 * i)
print(res)
count = 0
for i in range(50):
    for j in range(50):
        if i < j < 2 * i and (i + j) % 7 == 0:
            count += 1
print("count", count)
print(max(range(10), key=lambda q: (q % 4, -q)), min([3, 1, 2], key=lambda q: -q))


# Comparisons tested by a jump, in a function (the fast paths): str == and
# != without rich comparison, str subclasses with their own __eq__, and a
# result whose truth raises.
class Loud(str):
    def __eq__(self, other):
        return "loud"

    __hash__ = str.__hash__


class NoTruth:
    def __bool__(self):
        raise ValueError("no truth value")


class Odd:
    def __eq__(self, other):
        return NoTruth()


def branches(a, b):
    n = 0
    if a == b:
        n += 1
    if a != b:
        n += 2
    if a < b:
        n += 4
    return n


for a, b in [("x", "x"), ("x", "y"), ("ab", "abc"), ("é", "é"), ("€", "e"),
             ("😀", "😀" * 1), (Loud("x"), "x"), ("x", Loud("y")), (1, 1.0),
             (2 ** 70, 2 ** 70), ((1, "a"), (1, "a"))]:
    print(repr(a), repr(b), branches(a, b))
for a, b in [(Odd(), 1), ("a", 1), (None, None)]:
    try:
        print(branches(a, b))
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
