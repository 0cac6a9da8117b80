# Calls of bound methods held in attributes and locals (pickle's
# `self.write = self.framer.write`), of functions given only some of
# their defaulted parameters, and of a bound method whose function is
# not a Python function: the same results, errors and tracebacks.
import types


class Framer:
    def __init__(self):
        self.parts = []

    def write(self, data, sep="", times=1):
        self.parts.append(sep + data * times)
        return len(self.parts)


class Writer:
    def __init__(self):
        self.framer = Framer()
        self.write = self.framer.write
        self.append = self.framer.parts.append

    def save(self, items, prefix="<", suffix=">", count=None):
        write = self.write
        for item in items:
            write(prefix + item + suffix)
            write(item, "-")
            write(item, "+", 2)
        self.append("end")
        return count if count is not None else len(self.framer.parts)


def scaled(x, factor=2, offset=0, *, clamp=None):
    v = x * factor + offset
    return v if clamp is None else min(v, clamp)


def defaults_mutable(item, into=[]):
    into.append(item)
    return len(into)


w = Writer()
print(w.save(["a", "b"]), w.save(["c"], "["), w.save([], count=7))
print(w.framer.parts)
print([scaled(i) for i in range(4)], scaled(3, 3), scaled(3, 3, 1),
      scaled(3, clamp=4))
print([defaults_mutable(i) for i in range(3)])

# A bound method of a builtin function object, and of a C method.
bound_len = types.MethodType(len, [1, 2, 3])
print(bound_len())
upper = "abc".upper
print(upper(), upper.__self__)

try:
    w.write()
except TypeError as e:
    print("TypeError:", e)
try:
    scaled()
except TypeError as e:
    print("TypeError:", e)


def fails(depth, limit=3):
    if depth >= limit:
        raise ValueError("at %d" % depth)
    return fails(depth + 1)


fails(0)
