# Assignment expressions (walrus) and conditional expressions.
import re

data = [3, 8, 1, 9, 4, 12, 7]
if (n := len(data)) > 5:
    print(f"long list: {n}")
print([y for x in data if (y := x * 2) > 10], y)
total = 0
while (item := data.pop() if data else None) is not None:
    total += item
print("total", total, data)
lines = iter(["alpha", "beta", "", "gamma"])
read = []
while line := next(lines):
    read.append(line.upper())
print(read)
pattern = re.compile(r"(\d+)-(\d+)")
for text in ["10-20", "nope", "3-4"]:
    if m := pattern.match(text):
        print(text, "->", int(m.group(1)) + int(m.group(2)))
    else:
        print(text, "-> no match")


def stats(values):
    return [mean := sum(values) / len(values), max(v - mean for v in values)]


print(stats([1, 2, 3, 10]))


def first_long(words, limit):
    if any(len(found := w) > limit for w in words):
        return found
    return None


print(first_long(["a", "abc", "abcdef", "xy"], 3), first_long(["a"], 3))
print((z := 5) + z, z)
fibs = [a := 0, b := 1] + [(b := a + b, a := b - a)[0] for _ in range(10)]
print(fibs, a, b)


def classify(n):
    return "negative" if n < 0 else "zero" if n == 0 else "small" if n < 10 else "large"


print([classify(v) for v in (-5, 0, 3, 42)])
x = 7
print("odd" if x % 2 else "even", (x if x > 5 else 0) * 2, [x, -x][x < 0], x and "truthy" or "falsy")
vals = [None, 0, "", "s", [], [0]]
print([("yes" if v else "no") for v in vals], [v if v is not None else "none" for v in vals])
calls = []


def t(v):
    calls.append(v)
    return v


r = t("a") if t(False) else t("b")
print(r, calls)
calls.clear()
r = t(1) if t(True) else t(2)
print(r, calls)
lam = lambda v: "big" if v > 100 else ("mid" if v > 10 else "low")
print(list(map(lam, [5, 50, 500])))
grid = [[(i * 3 + j) % 4 for j in range(4)] for i in range(4)]
counts = {}
for row in grid:
    for cell in row:
        if (k := "even" if cell % 2 == 0 else "odd") in counts:
            counts[k] += 1
        else:
            counts[k] = 1
print(grid, counts)


def walrus_in_while_counter(limit):
    i = 0
    out = []
    while (i := i + 1) <= limit:
        if (sq := i * i) % 2:
            continue
        out.append(sq)
    return out, i, sq


print(walrus_in_while_counter(10))
results = {name: (score := len(name) * 10) for name in ["al", "bob", "carla"]}
print(results, score)
nested = [[(w := i * j) for j in range(3)] for i in range(3)]
print(nested, w)
print(max(data or [0]), (lambda q: (r2 := q + 1) * r2)(4))
