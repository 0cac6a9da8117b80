"""Indexing tuples, which compiled code does inline for an exact tuple
and an exact int in range: negative and out-of-range indexes, bools,
huge ints, slices, tuple subclasses (namedtuple, __getitem__ overridden),
the empty tuple, and items whose last reference the tuple holds."""

import collections


class Shifted(tuple):
    def __getitem__(self, i):
        return "shifted %r" % (tuple.__getitem__(self, i),)


Point = collections.namedtuple("Point", "x y")


def pick(t, indexes):
    out = []
    for i in indexes:
        try:
            out.append(t[i])
        except (IndexError, TypeError) as e:
            out.append("%s: %s" % (type(e).__name__, e))
    return out


INDEXES = [0, 1, 2, -1, -3, 3, 100, True, False, 2**40, -2**70,
           slice(1, None), 1.0, "1"]

for t in [(10, 20, 30), (), ("only",), Shifted((1, 2, 3)), Point(4, 5),
          [7, 8, 9], "abc", range(3)]:
    print(type(t).__name__, pick(t, INDEXES))


def total(pairs):
    """A hot loop over tuples of tuples."""
    s = 0
    for p in pairs:
        s += p[0] * p[1] - p[-1]
    return s


print(total([(i, i + 1, i % 7) for i in range(2000)]))


def last_reference():
    t = (object(), [1, 2], "x" * 3)
    item = t[1]
    del t
    item.append(3)
    return item


print(last_reference())


def constant_ends(seqs):
    """Constant indexes, which compiled code takes from either end."""
    out = []
    for s in seqs:
        row = []
        for get in (lambda: s[0], lambda: s[1], lambda: s[-1],
                    lambda: s[-2], lambda: s[-3], lambda: s[-4]):
            try:
                row.append(get())
            except IndexError as e:
                row.append(str(e))
        out.append(row)
    return out


print(constant_ends([[], [1], (1, 2), [1, 2, 3], (4, 5, 6), Shifted((1, 2)),
                     "xyz"]))


def store_ends(xs):
    xs[-1] = "last"
    xs[0] = "first"
    xs[-2] = "second last"
    return xs


print(store_ends([1, 2, 3]), store_ends([1, 2]))
for bad in ([], [1]):
    try:
        store_ends(bad)
    except IndexError as e:
        print("IndexError:", e)
