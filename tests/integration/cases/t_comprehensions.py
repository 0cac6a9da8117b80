# Lambdas and list/set/dict comprehensions: nested, conditional, scoping.
square = lambda x: x * x
add = lambda a, b=10: a + b
print(square(7), add(1), add(1, 2), (lambda: "anon")(), square.__name__, square.__qualname__)
print(list(map(lambda s: s[::-1], ["abc", "de"])), sorted([3, -1, 2], key=lambda v: abs(v)))
print([square(i) for i in range(10)])
print([i for i in range(30) if i % 3 == 0 if i % 2 == 0])
print([(i, j) for i in range(4) for j in range(i) if (i + j) % 2])
print([[i * j for j in range(1, 4)] for i in range(1, 4)])
print([x if x % 2 else -x for x in range(8)])
print({i % 5 for i in range(23)}, sorted({w[0] for w in ["apple", "avocado", "banana", "cherry"]}))
print({k: v for k, v in zip("abcde", range(5)) if v != 2})
print({v: k for k, v in {"a": 1, "b": 2, "c": 1}.items()})
print({(i, j): i * j for i in range(3) for j in range(3) if i <= j})
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]]
print([[row[i] for row in matrix] for i in range(3)])
print([n for row in matrix for n in row if n % 2 == 0])
print(sum([n for row in matrix for n in row]), max([len(str(n)) for row in matrix for n in row]))
words = ["Hello", "world", "Python", "is", "fun", "and", "comprehensions", "rock"]
print({w.lower(): len(w) for w in words if len(w) > 2})
print([w.upper() if len(w) < 4 else w[:3] + "." for w in words])
print([c for c in "Hello World" if c.isupper()], ["".join(reversed(w)) for w in words[:3]])
x = "outer"
res = [x for x in range(3)]
print(res, x)
y = 10
print([y + i for i in range(3)], [[y * k for k in range(2)] for y in range(3)], y)


def in_function(n):
    base = n * 100
    pairs = [(a, b) for a in range(n) for b in range(a, n)]
    shifted = [base + a * b for a, b in pairs]
    funcs = [lambda: base + k for k in range(3)]
    funcs_bound = [lambda k=k: base + k for k in range(3)]
    return pairs, shifted, [f() for f in funcs], [f() for f in funcs_bound]


print(in_function(3))


class Scope:
    factor = 3
    values = [1, 2, 3]
    scaled = [v * 2 for v in values]
    try:
        broken = [v * factor for v in values]
    except NameError as e:
        err = str(e)


print(Scope.scaled, Scope.err)
primes = [n for n in range(2, 60) if all([n % d for d in range(2, int(n ** 0.5) + 1)])]
print(primes)
pyth = [(a, b, c) for c in range(1, 30) for b in range(1, c) for a in range(1, b) if a * a + b * b == c * c]
print(pyth)
print([(lambda q: q + 1)(i) for i in range(3)], [f(2) for f in [lambda v, n=n: v ** n for n in range(4)]])
print(sorted({(a * b) % 7 for a in range(10) for b in range(10)}), len({a ^ b for a in range(16) for b in range(16)}))
flat = [item for sub in [[1, [2]], [3], []] for item in sub]
print(flat, [[] for _ in range(2)], [i for i in []], {k: [] for k in "ab"})
print((lambda *args: len(args))(*range(7)), (lambda **kw: sorted(kw))(b=1, a=2))
chained = [i for i in range(50) if i % 2 == 0 if i % 3 == 0 if i % 4 == 0]
print(chained, [a + b for a, b in [(1, 2), (3, 4)]], [(a, *r) for a, *r in [(1, 2, 3), (4, 5)]])
try:
    print([1 / (i - 2) for i in range(4)])
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
walrus = [(y2 := v * v) for v in range(4)]
print(walrus, y2)
nested_lambda = lambda a: lambda b: lambda c: a * 100 + b * 10 + c
print(nested_lambda(1)(2)(3), nested_lambda.__qualname__)
