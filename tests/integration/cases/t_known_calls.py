"""len(x), isinstance(x, cls) and lst.append(x) where the compiled code
carries them out inline: every kind of sized object, sizes past the
cached small ints, exact classes, subclasses, ABCs and a metaclass that
raises, lists that grow or die in the call, values whose last reference
the list takes, and callables that only share the names."""
import collections
import sys
import traceback


class Plain(list):
    pass


class Holder:
    def __init__(self):
        self.got = []
        self.append = self.got.append  # an attribute, not a method


def sizes(n):
    out = []
    for k in (0, 1, 5, 256, 257, 300, n):
        out.append((len([0] * k), len((1,) * k), len("a" * k),
                    len("\u00e9" * k), len("\U0001f600" * k),
                    len(dict.fromkeys(range(k))), len(set(range(k))),
                    len(bytes(k)), len(Plain([1] * k))))
    d = {i: i for i in range(10)}
    for i in range(10):
        del d[i]
        out.append(len(d))
    return out


def grow(n):
    xs = []
    for i in range(n):
        xs.append(i * 2)
    p = Plain()
    for i in range(5):
        p.append(i)
    q = collections.deque()
    for i in range(5):
        q.append(i)
    h = Holder()
    for i in range(3):
        h.append(i)
    return len(xs), xs[-3:], list(p), list(q), h.got


def references():
    token = object()
    before = sys.getrefcount(token)
    kept = []
    for _ in range(100):
        kept.append(token)
    during = sys.getrefcount(token) - before
    for _ in range(10):
        [].append(token)          # the list dies in the call
        [token].append(token)
    after = sys.getrefcount(token) - before
    results = [kept.append(i) for i in range(3)]
    return during, after, results, len(kept)


def fresh_value(n):
    xs = []
    for i in range(n):
        xs.append([i] * 3)        # the list holds the only reference
        xs.append(str(i))
    return sum(len(x) for x in xs)


def failures():
    out = []
    for bad in (5, None, iter([1]), 2.5):
        try:
            len(bad)
        except TypeError as e:
            out.append(str(e))
    try:
        (1, 2).append(3)
    except AttributeError as e:
        out.append(str(e))
    return out


class Loud(type):
    def __instancecheck__(cls, obj):
        raise LookupError("asked about %r" % (obj,))


class Quiet(metaclass=Loud):
    pass


def instances():
    import numbers
    out = []
    for x in (1, True, 2.5, "s", [], Plain(), Quiet(), None):
        row = []
        for cls in (int, bool, object, list, Plain, numbers.Number,
                    (str, float), Quiet, type(x)):
            try:
                row.append(isinstance(x, cls))
            except LookupError as e:
                row.append(str(e))
        out.append(row)
    for bad in (1, "int", (int, 2)):
        try:
            isinstance(3.0, bad)
        except TypeError as e:
            out.append(str(e))
    return out


def as_parameters(xs, isinstance=isinstance, len=len):
    """The builtins bound to locals, as json.encoder binds them."""
    return [(isinstance(x, int), len(str(x))) for x in xs]


def in_closure(isinstance, len):
    def check(x):
        return isinstance(x, str), len(x)
    return check


def shadowed():
    return len([1, 2]), [].append


def uses_global_len():
    return len("abc")


print(sizes(1000))
print(grow(1000))
print(references())
print(fresh_value(50))
print(failures())
print(instances())
print(as_parameters([1, "ab", 2.5]))
print(as_parameters([1, "ab"], isinstance=lambda x, c: "own",
                    len=lambda s: -1))
print(in_closure(isinstance, len)("xyz"), in_closure(lambda x, c: c, sum)([3, 1]))
len = lambda x: "module len"  # noqa: E731  (the module's own global)
print(uses_global_len())
del len
print(uses_global_len(), shadowed()[0])
try:
    len(7)
except TypeError:
    traceback.print_exc(file=sys.stdout)
