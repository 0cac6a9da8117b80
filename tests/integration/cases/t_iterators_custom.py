# Custom iterators with __iter__/__next__, iter(callable, sentinel),
# StopIteration handling, iterator exhaustion, itertools on custom iterators.
import itertools


class Countdown:
    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


class Fib:
    def __init__(self, limit):
        self.limit = limit

    def __iter__(self):
        return FibIter(self.limit)


class FibIter:
    def __init__(self, limit):
        self.a, self.b, self.limit = 0, 1, limit

    def __iter__(self):
        return self

    def __next__(self):
        if self.a > self.limit:
            raise StopIteration("done")
        v = self.a
        self.a, self.b = self.b, self.a + self.b
        return v


class LinkedList:
    class _Node:
        def __init__(self, val, nxt):
            self.val, self.nxt = val, nxt

    class _Iter:
        def __init__(self, node):
            self.node = node

        def __iter__(self):
            return self

        def __next__(self):
            if self.node is None:
                raise StopIteration
            v = self.node.val
            self.node = self.node.nxt
            return v

    def __init__(self, items=()):
        self.head = None
        for it in reversed(list(items)):
            self.head = LinkedList._Node(it, self.head)

    def __iter__(self):
        return LinkedList._Iter(self.head)

    def __len__(self):
        return sum([1 for _ in self])


c = Countdown(5)
print(list(c), list(c), list(Countdown(3)))
f = Fib(100)
print(list(f), list(f), sum(f), max(f), 55 in f, 56 in f)
ll = LinkedList("abcde")
print(list(ll), len(ll), "".join(ll), sorted(ll, reverse=True), list(zip(ll, ll)))
it = iter(ll)
print(next(it), next(it), list(it), next(it, "end"))
for x in Countdown(3):
    for y in Countdown(2):
        print(x, y, end="; ")
print()
a, b, *rest = Countdown(6)
print(a, b, rest)
print(dict(zip(Countdown(3), "xyz")), set(Countdown(4)) == {1, 2, 3, 4}, tuple(Countdown(2)))
print(list(enumerate(Fib(10))), list(map(lambda v: v * 2, Countdown(3))), list(filter(None, Fib(5))))
data = [5, 7, 0, 9]
pos = [0]


def reader():
    v = data[pos[0]]
    pos[0] += 1
    return v


print(list(iter(reader, 0)), pos)
print(list(itertools.islice(Fib(10 ** 9), 10, 15)), list(itertools.takewhile(lambda v: v < 20, Fib(100))))
print(list(itertools.chain(Countdown(2), LinkedList([9, 8]))), list(itertools.zip_longest(Countdown(2), "abc")))
print([list(g) for k, g in itertools.groupby(LinkedList("aabbbcd"))])
print(list(itertools.accumulate(Countdown(5))), list(itertools.compress("abcdef", [1, 0, 1, 0, 1, 1])))
print(list(itertools.product("ab", Countdown(2))), list(itertools.permutations(Countdown(3), 2))[:4])
print(list(itertools.combinations(LinkedList(range(4)), 2)), list(itertools.starmap(pow, [(2, 3), (3, 2)])))
print(list(itertools.repeat("r", 3)), list(itertools.islice(itertools.cycle(Countdown(2)), 5)))
print(list(itertools.islice(itertools.count(10, 5), 4)), list(itertools.pairwise(Countdown(4))))
it2 = iter(Countdown(2))
print(next(it2), next(it2))
try:
    next(it2)
except StopIteration as e:
    print("StopIteration", repr(e))
fi = iter(Fib(1))
print(list(fi))
try:
    next(fi)
except StopIteration as e:
    print("StopIteration", e.args)


class BadIter:
    def __iter__(self):
        return 42


try:
    iter(BadIter())
except TypeError as e:
    print("TypeError:", e)
try:
    for _ in BadIter():
        pass
except TypeError as e:
    print("TypeError:", e)
total = 0
for v in Fib(10 ** 30):
    total += v % 97
print("total", total)
