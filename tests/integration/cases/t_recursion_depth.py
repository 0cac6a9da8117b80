# The recursion depth seen across calls of C functions, as the warmed-up
# interpreter's specialised calls move it: a METH_FASTCALL builtin
# (next, getattr) or method descriptor (dict.setdefault) called through
# its C function counts no level, a METH_O one (str.join) one.
# test_support's test_recursion sets a limit from one such reading and
# needs another to agree. The depth is read as the lowest recursion limit
# sys.setrecursionlimit accepts.
# pyaot-unprofiled: a profiled interpreter runs the calls unspecialised.
import sys


def depth():
    """The lowest limit accepted here, relative to the caller's."""
    old = sys.getrecursionlimit()
    for limit in range(1, old):
        try:
            sys.setrecursionlimit(limit)
        except RecursionError:
            continue
        sys.setrecursionlimit(old)
        return limit
    return None


def gen():
    yield depth()


class Key:
    def __hash__(self):
        Key.seen = depth()
        return 1

    def __eq__(self, other):
        return True


class Lazy:
    @property
    def value(self):
        return depth()


class Text(str):
    def __iter__(self):
        return iter([str(depth())])


def readings():
    base = depth()
    via_next = next(gen()) - base
    via_getattr = getattr(Lazy(), "value") - base
    {}.setdefault(Key(), 0)
    via_setdefault = Key.seen - base
    via_join = int("".join(Text("x"))) - base
    direct = depth() - base
    return via_next, via_getattr, via_setdefault, via_join, direct


# Specialisation needs a few runs; the last reading is the warm one.
for _ in range(30):
    result = readings()
print(result)
