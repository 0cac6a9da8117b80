"""Module attributes read in loops (the cached path): values changed,
added and deleted between reads, several modules at one site, a module
whose dict changes on every iteration, module __getattr__, and names that
the module type itself provides."""
import math
import sys
import types


def read_pi(n):
    return [round(math.pi, 3) for _ in range(n)]


print(read_pi(3))
saved = math.pi
math.pi = 3.0
print(read_pi(2))
del math.pi
try:
    read_pi(1)
except AttributeError as e:
    print("AttributeError:", e)
math.pi = saved
print(read_pi(2))

mods = [math, types.ModuleType("fake"), sys]
mods[1].e = "fake e"
mods[2].e = "sys e"
print([m.e if m is not math else round(m.e, 2) for m in mods * 3])
del sys.e

counter = types.ModuleType("counter")
counter.n = 0
counter.step = 2
for _ in range(5):
    counter.n += counter.step
    counter.other = counter.n  # the dict changes every time
print(counter.n, counter.other)

lazy = types.ModuleType("lazy")
lazy.__getattr__ = lambda name: "computed " + name
for _ in range(3):
    print(lazy.anything, end="; ")
lazy.anything = "real"
print(lazy.anything)

for _ in range(2):
    print(math.__name__, type(math.__dict__).__name__, math.__class__.__name__)


# Module functions called as methods (LOAD_METHOD on a module): the
# cached path through changes, deletion, several modules at one site and
# module __getattr__.
def floors(xs):
    return [math.floor(x) for x in xs]


print(floors([1.5, 2.5, -0.5]))
real_floor = math.floor
math.floor = lambda x: "patched %s" % x
print(floors([1.5, 2.5]))
del math.floor
try:
    floors([1.5])
except AttributeError as e:
    print("AttributeError:", e)
math.floor = real_floor
print(floors([7.9]))

fake = types.ModuleType("fake_math")
fake.describe = lambda: "fake"
sys.describe = lambda: "sys"
print([m.describe() for m in [fake, sys, fake, sys, fake]])
del sys.describe
lazy.__getattr__ = lambda name: (lambda *a: "lazy %s%r" % (name, a))
del lazy.anything
print([lazy.anything(i) for i in range(3)])
