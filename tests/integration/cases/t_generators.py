# Generators: yield, generator expressions, yield from (with return values),
# send/throw/close, generator state, infinite generators with islice.
import itertools
import inspect


def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "finished"


def evens(limit):
    for v in count_up(limit):
        if v % 2 == 0:
            yield v


def delegator():
    result = yield from count_up(3)
    yield f"sub returned {result}"
    yield from ["x", "y"]
    yield from (c.upper() for c in "ab")


def accumulator():
    total = 0
    while True:
        value = yield total
        if value is None:
            break
        total += value
    return total


def resilient():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            yield f"handled {e}"
        except GeneratorExit:
            print("  closing resilient")
            raise


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


def tree_walk(node, depth=0):
    name, children = node
    yield depth, name
    for child in children:
        yield from tree_walk(child, depth + 1)


print(list(count_up(5)), list(evens(10)), list(delegator()))
g = count_up(2)
print(inspect.getgeneratorstate(g), next(g), inspect.getgeneratorstate(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration value:", e.value, inspect.getgeneratorstate(g))
acc = accumulator()
print(next(acc), acc.send(10), acc.send(5), acc.send(20))
try:
    acc.send(None)
except StopIteration as e:
    print("accumulator returned", e.value)
r = resilient()
print(next(r), r.throw(ValueError("bad")), next(r))
r.close()
print(inspect.getgeneratorstate(r))
try:
    next(r)
except StopIteration:
    print("closed generator is exhausted")
print(list(itertools.islice(fib(), 15)), sum(itertools.takewhile(lambda v: v < 1000, fib())))
tree = ("root", [("a", [("a1", []), ("a2", [])]), ("b", [("b1", [("b11", [])])])])
for depth, name in tree_walk(tree):
    print("  " * depth + name)
squares = (i * i for i in range(10))
print(next(squares), next(squares), sum(squares), list(squares))
print(sum(x for x in range(100) if x % 7 == 0), max((len(w), w) for w in "a bb ccc dd".split()))
print(dict((k, v) for k, v in zip("abc", count_up(3))), sorted(set(c for c in "mississippi")))
nested = ((i, j) for i in range(3) for j in range(i))
print(list(nested))
gen_lambda = (lambda n: (k * n for k in range(3)))(5)
print(list(gen_lambda))


def gen_with_finally():
    try:
        yield 1
        yield 2
    finally:
        print("  gen finally ran")


for v in gen_with_finally():
    print("got", v)
    break
gf = gen_with_finally()
next(gf)
del gf


def raising_gen():
    yield 1
    raise KeyError("inside generator")


try:
    for v in raising_gen():
        print("value", v)
except KeyError as e:
    print("KeyError from generator:", e)


def stop_in_gen():
    yield 1
    raise StopIteration("explicit")


try:
    list(stop_in_gen())
except RuntimeError as e:
    print("RuntimeError:", e, type(e.__cause__).__name__)
print(type(count_up(1)).__name__, count_up.__name__, inspect.isgeneratorfunction(count_up))
