"""Calls whose binding allocates (*args, **kwargs, keyword calls, class
calls with keywords) while garbage collection runs after every
allocation, and finalizers of the garbage replace the called function's
code and defaults with equivalent ones: the results stay the same
whenever the finalizers happen to run."""

import gc


def target(a, b=2, *rest, c=3, **extra):
    return (a, b, rest, c, sorted(extra))


def clone(a, b=2, *rest, c=3, **extra):
    unused = None  # another layout of locals
    return (a, b, rest, c, sorted(extra))


class Made:
    def __init__(self, a, b=2, *rest, c=3, **extra):
        self.got = (a, b, rest, c, sorted(extra))


def other_init(self, a, b=2, *rest, c=3, **extra):
    unused = None
    self.got = (a, b, rest, c, sorted(extra))


made_init = Made.__init__


class Trap:
    flips = 0

    def __init__(self):
        self.cycle = self

    def __del__(self):
        Trap.flips += 1
        codes = (target.__code__, clone.__code__)
        target.__code__ = codes[Trap.flips % 2]
        target.__defaults__ = (2,)
        target.__kwdefaults__ = {"c": 3}
        Made.__init__ = (other_init, made_init)[Trap.flips % 2]


def rounds(n):
    out = []
    for i in range(n):
        Trap()
        out.append(target(i, 5, 6, c=7, z=8))
        Trap()
        out.append(target(i, z=1))
        Trap()
        out.append(target(*(i, 1, 2), **{"c": 0, "y": 1}))
        Trap()
        out.append(Made(i, c=1, w=2).got)
    return out


gc.set_threshold(1)
try:
    results = rounds(40)
finally:
    gc.set_threshold(700)
    gc.collect()
print(results[:4])
print(len(set(map(repr, results))), Trap.flips > 0)
spare = object.__new__(Made)
other_init(spare, 0, c=1)
made_init(spare, 1)
print(clone(0, c=1), spare.got)
