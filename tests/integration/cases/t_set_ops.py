# Sets and frozensets (strings are always sorted before printing).
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(a | b, a & b, a - b, b - a, a ^ b, a <= b, {3} < a, a >= {1}, a.isdisjoint({9}))
print(sorted(a.union([7], (8,))), sorted(a.intersection(b, {4})), sorted(a.difference(b, {1})))
s = {*a, *b, *range(10, 12)}
print(sorted(s), len(s), 11 in s, 0 not in s)
s.add(100)
s.discard(1)
s.discard(12345)
s.remove(2)
print(sorted(s))
s |= {7}
s &= set(range(0, 50))
s -= {3}
s ^= {4, 99}
print(sorted(s))
try:
    s.remove(12345)
except KeyError as e:
    print("KeyError:", e)
try:
    set().pop()
except KeyError as e:
    print("KeyError:", e)
words = "the cat and the hat and the bat sat".split()
uniq = set(words)
print(sorted(uniq), len(uniq), "cat" in uniq)
letters = {ch for w in words for ch in w if ch not in "aeiou"}
print(sorted(letters), "".join(sorted(letters)))
fs = frozenset(["x", "y"])
fs2 = frozenset("yz")
print(sorted(fs | fs2), sorted(fs & fs2), type(fs | {"q"}).__name__, type({"q"} | fs).__name__)
print(fs == {"x", "y"}, {fs: 1}[frozenset("xy")], frozenset() == set())
try:
    {[1, 2]}
except TypeError as e:
    print("TypeError:", e)
try:
    fs.add("w")
except AttributeError as e:
    print("AttributeError:", e)
nums = set()
for i in range(200):
    nums.add(i * i % 97)
print(len(nums), sorted(nums)[:10], sum(nums))
print(sorted({x % 7 for x in range(100)}), {0} == {0.0}, {1, 1.0, True})
seen = set()
dups = []
for w in words:
    if w in seen:
        dups.append(w)
    seen.add(w)
print(dups)
print(sorted(map(len, uniq)), min(uniq), max(uniq))
e = set()
print(e, len(e), bool(e), set("aab") == {"a", "b"}, repr(set()))


class Key:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return self.v % 3

    def __eq__(self, other):
        return isinstance(other, Key) and self.v == other.v

    def __repr__(self):
        return f"Key({self.v})"


ks = {Key(1), Key(4), Key(1), Key(7), Key(4)}
print(sorted(ks, key=lambda k: k.v), Key(7) in ks, Key(10) in ks)
graph = {"a": ["b", "c"], "b": ["d"], "c": ["d", "e"], "d": ["a"], "e": []}
visited = set()
order = []
todo = ["a"]
while todo:
    node = todo.pop()
    if node in visited:
        continue
    visited.add(node)
    order.append(node)
    todo.extend(sorted(graph[node], reverse=True))
print(order, sorted(visited))
