"""C functions that take their arguments as a tuple (METH_VARARGS), called
without keywords: builtins (max, min, math.log), object.__new__ through
super() and directly, and methods of sets (union, update, intersection);
with their errors: no arguments, wrong types, object.__new__ of a type
it cannot make, and an exception raised by code the call runs."""

import math


class Made:
    def __new__(cls, *args):
        self = object.__new__(cls)
        self.args = args
        return self


class Exploding:
    def __lt__(self, other):
        raise ValueError("no order")


def attempt(f):
    try:
        return f()
    except (TypeError, ValueError) as e:
        return "%s: %s" % (type(e).__name__, e)


def extremes(rows):
    out = []
    for row in rows:
        out.append((max(row), min(row), max(*row), min(row[0], row[-1])))
    return out


print(extremes([[3, 1, 2], [5, 9], ["b", "a", "c"]]))
print([round(math.log(x), 6) for x in (1, 2, 10)], math.log(8, 2))
print([Made(i, i + 1).args for i in range(3)], type(object.__new__(Made)))
print(attempt(lambda: max()), attempt(lambda: min(1)))
print(attempt(lambda: max(1, "a")), attempt(lambda: math.log("x")))
print(attempt(lambda: object.__new__(int)), attempt(lambda: object.__new__(1)))
print(attempt(lambda: max(Exploding(), Exploding())))

s = {1, 2}
print(sorted(s.union({3}, [4, 5])), sorted(s.intersection({2, 3}, (2,))))
for i in range(3):
    s.update([i * 10], (i,))
print(sorted(s), attempt(lambda: s.update(5)))
