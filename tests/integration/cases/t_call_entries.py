"""Calls through a code object's call entry (a site keeps the callee's
code and calls its entry while the callee has that code): one callee,
callees taking turns at one site, __code__ swapped under a site, the
argument count changing at a site, defaults (replaced, too few, none),
code made by exec (no call entry), methods, __init__, frames that
outlive the call (sys._getframe, generators, locals()), errors and
their tracebacks, recursion at its limit, calls from C (map, sorted),
deep enough to fill a chunk of the data stack; and functions with
keyword-only parameters called with positional arguments only, their
defaults taken (replaced, removed, missing)."""

import sys
import traceback


def add(a, b):
    return a + b


def mul(a, b):
    return a * b


def sub(a, b=100):
    return a - b


def apply_all(fns, x, y):
    return [f(x, y) for f in fns]


def total(n):
    s = 0
    for i in range(n):
        s = add(s, i)
    return s


print(total(1000), apply_all([add, mul, sub, add, add, mul], 7, 3))


def same_site(f, x):
    return f(x)


def with_default(x, y=10):
    return x + y


def single(x):
    return x * 2


def made_by_exec():
    ns = {}
    exec("def dyn(x):\n    return x - 1\n", ns)
    return ns["dyn"]


print([same_site(g, 5) for g in (with_default, single, with_default, single,
                                 made_by_exec(), single, made_by_exec())])


def swapped(a, b):
    return "first", a, b


def other(a, b):
    return "second", b, a


def call_swapped(x):
    return swapped(x, x + 1)


out = [call_swapped(1), call_swapped(2)]
swapped.__code__ = other.__code__
out += [call_swapped(3), call_swapped(4)]
swapped.__code__ = single.__code__
try:
    call_swapped(5)
except TypeError as e:
    out.append("TypeError: %s" % e)
print(out)


def scaled(x, k=2, off=0):
    return x * k + off


def call_scaled(n):
    return [scaled(i) for i in range(n)] + [scaled(i, 3) for i in range(n)]


out = [call_scaled(3)]
scaled.__defaults__ = (10, 1)
out.append(call_scaled(3))
scaled.__defaults__ = (5,)
try:
    call_scaled(2)
except TypeError as e:
    out.append("TypeError: %s" % e)
scaled.__defaults__ = None
try:
    call_scaled(2)
except TypeError as e:
    out.append("TypeError: %s" % e)
scaled.__defaults__ = (2, 0.5)
out.append(call_scaled(1)[-1:])
print(out)


class Counter:
    def __init__(self, start, step):
        self.value = start
        self.step = step

    def bump(self):
        self.value += self.step
        return self.value

    def bump_by(self, k=1):
        self.value += k
        return self.value


class Fancy(Counter):
    def bump(self):
        return -super().bump()


def run_counters():
    cs = [Counter(i, 2) for i in range(3)] + [Fancy(10, 5)]
    res = []
    for _ in range(3):
        for c in cs:
            res.append(c.bump())
            res.append(c.bump_by(1))
            res.append(c.bump_by())
    bound = cs[0].bump
    res.append(bound())
    return res


print(run_counters())


def frame_of(a):
    return sys._getframe()


def count_up(n):
    for i in range(n):
        yield i * i


def with_locals(a, b):
    c = a + b
    return sorted(locals().items())


def keep_frames():
    frames = [frame_of(i) for i in range(3)]
    gens = [count_up(k) for k in range(4)]
    return ([f.f_locals["a"] for f in frames], [f.f_code.co_name for f in frames],
            [list(g) for g in gens], with_locals(1, 2), with_locals("x", "y"))


print(keep_frames())


def fails(x):
    return 10 // x


def call_fails(xs):
    out = []
    for x in xs:
        try:
            out.append(fails(x))
        except ZeroDivisionError as e:
            tb = traceback.extract_tb(e.__traceback__)
            out.append((type(e).__name__, [t.name for t in tb]))
    return out


print(call_fails([5, 0, 2]))


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


def too_deep():
    try:
        depth(10 ** 6)
    except RecursionError as e:
        return type(e).__name__


print(depth(200), too_deep(), depth(300))


def through_c(n, pad=0):
    # Each level is called by map() from C; deep enough to need more
    # than one chunk of the data stack.
    a = b = c = d = e = f = n
    return 0 if n == 0 else 1 + sum(map(through_c, [n - 1]))


def from_c():
    data = [5, 3, 9, 1]
    return (list(map(scaled, data)), sorted(data, key=single),
            list(map(lambda x, y=7: x + y, data)), through_c(450))


print(from_c())
sys.setrecursionlimit(200)
try:
    through_c(500)
except RecursionError as e:
    print(type(e).__name__)
sys.setrecursionlimit(1000)


def uncaught(n):
    if n == 0:
        raise ValueError("bottom reached")
    return uncaught(n - 1) + 1


def kwonly(a, b=2, *, scale=10, shift=1):
    return (a + b) * scale + shift


def kwonly_required(a, *, must):
    return a, must


class WithKwonly:
    def __init__(self, x, *, factor=3):
        self.x = x * factor

    def get(self, *, plus=0):
        return self.x + plus


def kwonly_calls():
    out = [kwonly(i) for i in range(3)]
    out.append([kwonly(i, i) for i in range(3)])
    out.append(list(map(kwonly, [1, 2])))
    out.append([WithKwonly(i).get() for i in range(3)])
    out.append(kwonly(1, scale=2))
    kwonly.__kwdefaults__ = {"scale": 100, "shift": 0}
    out.append(kwonly(1))
    kwonly.__kwdefaults__ = {"scale": 5}
    for f in (lambda: kwonly(1), lambda: kwonly_required(1),
              lambda: kwonly_required(1, must=2),
              lambda: list(map(kwonly_required, [1]))):
        try:
            out.append(f())
        except TypeError as e:
            out.append(str(e))
    kwonly.__kwdefaults__ = None
    try:
        kwonly(1)
    except TypeError as e:
        out.append(str(e))
    return out


print(kwonly_calls())
print(uncaught(3))
