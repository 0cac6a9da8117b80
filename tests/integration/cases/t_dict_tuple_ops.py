# Dicts and tuples: building, merging, unpacking into calls, views, methods.
d1 = {"a": 1, "b": 2}
d2 = {"b": 20, "c": 30}
print({**d1, **d2}, {**d2, **d1}, {"z": 0, **d1, "a": 100}, {**{}})
print(d1 | d2, d2 | d1)
d3 = dict(d1)
d3 |= {"q": 9}
print(d3, d1)
print(dict(zip("xyz", range(3))), dict([("k", 1), ("k", 2)]), dict(a=1, **{"b": 2}))
print(dict.fromkeys("abc", 0), dict.fromkeys([1, 2]))
d = {}
d["one"] = 1
d["two"] = 2
d["three"] = 3
d["one"] = 11
print(d, list(d), list(d.keys()), list(d.values()), list(d.items()))
del d["two"]
d["two"] = 22
print(d, len(d), "two" in d, 2 in d, d.get("zz"), d.get("zz", -1))
print(d.pop("one"), d.pop("nope", "dflt"), d.setdefault("four", 4), d.setdefault("four", 44), d)
print(d.popitem(), d)
d.update({"x": 1}, y=2)
d.update([("z", 3)])
print(d, sorted(d), sorted(d.items(), key=lambda kv: kv[1]))
keys = d.keys()
d["late"] = 0
print(list(keys), "late" in keys, keys & {"x", "nope"}, sorted(keys - {"x"}))
print(list(reversed(d)), {k: v for k, v in d.items() if v}, d == dict(d), d != {})
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts, max(counts, key=counts.get), sorted(counts, key=lambda k: (-counts[k], k)))
inverted = {}
for k, v in counts.items():
    inverted.setdefault(v, []).append(k)
print(inverted)
nested = {"a": {"b": {"c": [1, 2, {"d": "deep"}]}}}
print(nested["a"]["b"]["c"][2]["d"])
nested["a"]["b"]["c"][2]["d"] += "er"
print(nested)
try:
    print(d["missing"])
except KeyError as e:
    print("KeyError:", e, repr(e))
try:
    {}.popitem()
except KeyError as e:
    print("KeyError:", e)
try:
    {[1]: 2}
except TypeError as e:
    print("TypeError:", e)
try:
    for k in d:
        d[k + "!"] = 1
except RuntimeError as e:
    print("RuntimeError:", e)

# Tuples
t = (1, "two", 3.0, None, (4, 5))
print(t, t[1], t[-1][0], t[1:3], t[::-1], len(t), t.count(1), t.index(None))
print((1,), (), tuple("abc"), tuple(range(3)) + (9,), (0,) * 3, (1, 2) < (1, 3), (1, 2) == (1, 2.0))
print((*t[:2], *"xy"), (*range(2),), tuple({1: "a", 2: "b"}))
a, (b, c), d_ = 1, (2, 3), 4
print(a, b, c, d_)
single = 5,
print(single, type(single).__name__)
try:
    t[0] = 9
except TypeError as e:
    print("TypeError:", e)
try:
    (1, 2).index(3)
except ValueError as e:
    print("ValueError:", e)


def kw(a, b=0, *rest, c, **extra):
    return (a, b, rest, c, sorted(extra.items()))


args = (1, 2, 3)
opts = {"c": 4, "e": 5}
print(kw(*args, **opts), kw(*[9], c=1), kw(*args, *args, **opts, f=6), kw(0, **{"c": 1, "b": 2}))
coords = {(0, 0): "origin", (1, 0): "east"}
coords[(0, 1)] = "north"
print(coords[(1, 0)], sorted(coords), (0, 1) in coords)
matrix = {}
for i in range(4):
    for j in range(4):
        matrix[i, j] = i * j
print(sum(matrix.values()), matrix[3, 2], len(matrix))


# Subscripts of dicts in a function: exact dicts go straight to the dict;
# subclasses keep __missing__, __getitem__ and __setitem__.
class Defaulting(dict):
    def __missing__(self, key):
        return "missing " + repr(key)


class Logged(dict):
    def __getitem__(self, key):
        return ("got", dict.__getitem__(self, key))

    def __setitem__(self, key, value):
        dict.__setitem__(self, key, value * 10)


class BadEq:
    def __hash__(self):
        return 1

    def __eq__(self, other):
        raise ValueError("no comparing")


def subscripts(d, key, value):
    d[key] = value
    got = d[key]
    try:
        other = d[(key, "absent")]
    except KeyError as e:
        other = "KeyError " + repr(e.args)
    return got, other


for d in ({}, Defaulting(), Logged()):
    print(type(d).__name__, subscripts(d, "k", 4), subscripts(d, (1, 2), 5))
print(subscripts({}, (), 0))
for bad in ([1], BadEq()):
    try:
        subscripts({BadEq(): 1} if isinstance(bad, BadEq) else {}, bad, 1)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
