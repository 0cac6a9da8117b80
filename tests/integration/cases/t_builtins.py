# Builtins: sorted/min/max with key, map/filter/zip/enumerate/reversed,
# sum/any/all, isinstance/issubclass, abs/round/divmod, iter/next, getattr.
data = [("pear", 3, 1.5), ("apple", 10, 0.5), ("fig", 3, 2.0), ("kiwi", 7, 0.25)]
print(sorted(data), sorted(data, key=lambda r: r[1]), sorted(data, key=lambda r: (-r[1], r[0])))
print(min(data, key=lambda r: r[2]), max(data, key=lambda r: r[1] * r[2]), min([], default="empty"))
print(max(3, 9, 2), min("zebra", "apple", key=len), max([1, 5, 3], key=lambda v: -v), max("abc"))
print(list(map(str.upper, ["a", "b"])), list(map(pow, [2, 3], [5, 2])), list(map(len, ("ab", "", "xyz"))))
print(list(filter(None, [0, 1, "", "x", None, [], [0]])), list(filter(lambda v: v % 3 == 0, range(20))))
print(list(zip("abc", range(10), [True, False, None])), list(zip()), list(zip([1, 2], strict=True)))
try:
    list(zip([1, 2], [1], strict=True))
except ValueError as e:
    print("ValueError:", e)
print(list(enumerate("xyz")), list(enumerate("xyz", 10)), list(reversed([1, 2, 3])), list(reversed(range(4))))
print(sum(range(101)), sum([0.5, 0.25]), sum([[1], [2, 3]], []), sum(range(10), 100))
print(any([]), all([]), any([0, "", 3]), all([1, "a", [0]]), any(x > 5 for x in range(7)), all(x < 5 for x in range(7)))
print(isinstance(3, (str, int)), isinstance(True, int), isinstance(3.0, int), issubclass(bool, (str, int)))
print(abs(-5), abs(-2.5), abs(3 - 4j), round(2.567, 2), round(-0.5), divmod(-17, 5), pow(3, 4), pow(2, -2))
it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, "exhausted"))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", e.args)
print(getattr(str, "upper")("x"), hasattr([], "append"), getattr(1, "nope", None), callable(len), callable(3))
print(len("abc"), len([1] * 7), len({1: 2}), len(range(0, 100, 7)), len(b"xy"))
print(int("12") + int(3.9) + int(True), float("2.5") * 2, str(12) + str(None), bool("False"), repr("q"))
print(list("ab"), tuple([1, 2]), set([1, 1, 2]), dict([(1, 2)]), frozenset([3, 3]), list(range(3)))
print(chr(65) + chr(0x263A), ord("z"), hex(255), oct(8), bin(5), format(255, "08b"), ascii("é"))
print(type(1).__name__, type("").__name__, type([]).__name__, type(None).__name__, type(print).__name__)
print(hash(1), hash(-1), hash(1.0) == hash(1), hash((1, 2)) == hash((1, 2)))
print(sorted([3, 1, 2], reverse=True), sorted("hello"), sorted({"b": 1, "a": 2}), sorted([[2, 1], [1, 2]]))
print(list(map(lambda a, b: a * b, range(5), range(5, 10))), list(zip(*[(1, "a"), (2, "b")])))
print(slice(1, 10, 2), slice(5).stop, vars(type("X", (), {"a": 1}))["a"], dir([])[:0])
print(divmod(7.5, 2), round(123.456, -1), round(5), type(round(5.5)).__name__, round(5.5), round(6.5))
print(max([[1, 2], [1, 2, 0]]), min((3, "a"), (3, "b")), max(range(0), default=None))
counts = {}
for word in "one two three two three three".split():
    counts[word] = counts.get(word, 0) + 1
print(sorted(counts, key=counts.get), max(counts, key=counts.get), sorted(counts.items(), key=lambda kv: kv[1]))
rows = [[3, 1], [2, 2], [1, 3]]
print(list(map(sum, rows)), list(map(max, *rows)), [sorted(r) for r in rows])
print(list(filter(str.isdigit, "a1b2c3")), "".join(filter(str.isalpha, "a1b2c3")))
print(isinstance([], list) and not isinstance([], tuple), isinstance(int, type), isinstance(type, object))
try:
    sorted([1, "a"])
except TypeError as e:
    print("TypeError:", e)
try:
    min([])
except ValueError as e:
    print("ValueError:", e)
try:
    sum(["a", "b"], "")
except TypeError as e:
    print("TypeError:", e)
try:
    isinstance(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    len(5)
except TypeError as e:
    print("TypeError:", e)
try:
    int("12x")
except ValueError as e:
    print("ValueError:", e)
try:
    iter(5)
except TypeError as e:
    print("TypeError:", e)
total = 0
for i, (a, b) in enumerate(zip(range(100), reversed(range(100)))):
    total += i * abs(a - b)
print("total", total)
print(list(map(lambda t: t[0] * t[1], enumerate(reversed("abc")))))
