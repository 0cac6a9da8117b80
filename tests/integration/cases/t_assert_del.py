# assert (passing and failing), del of locals, globals, attributes, items, slices.
import sys

assert True
assert 1 + 1 == 2, "math works"
for i in range(3):
    assert i < 3, f"loop {i}"
print("asserts passed, optimize flag:", sys.flags.optimize)


def check(v):
    assert v > 0, f"value must be positive, got {v}"
    assert isinstance(v, int)
    return v * 2


for v in (5, -1, 2.5):
    try:
        print("check", check(v))
    except AssertionError as e:
        print("AssertionError:", e, e.args)
try:
    assert [], "empty list is falsy"
except AssertionError as e:
    print("AssertionError:", e)
try:
    assert 0
except AssertionError as e:
    print("AssertionError (no msg):", repr(e), e.args)


class Msg:
    def __str__(self):
        return "custom message object"


try:
    assert None, Msg()
except AssertionError as e:
    print("AssertionError:", e, type(e.args[0]).__name__)


def del_local():
    x = 1
    y = [1, 2, 3]
    del x
    try:
        print(x)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    del y[0]
    del y[-1:]
    x = "rebound"
    return x, y


print(del_local())
g1 = "global one"
g2 = "global two"
del g1
try:
    print(g1)
except NameError as e:
    print("NameError:", e)
print(g2)


def del_global_from_function():
    global g2
    del g2


del_global_from_function()
try:
    g2
except NameError as e:
    print("NameError:", e)


class Thing:
    cls_attr = "on class"

    def __init__(self):
        self.a = 1
        self.b = 2


t = Thing()
del t.a
print(sorted(vars(t)), hasattr(t, "a"))
try:
    del t.a
except AttributeError as e:
    print("AttributeError:", e)
try:
    del t.cls_attr
except AttributeError as e:
    print("AttributeError:", e)
del Thing.cls_attr
print(hasattr(t, "cls_attr"))
d = {"a": 1, "b": 2, "c": 3}
del d["b"]
print(d)
try:
    del d["zzz"]
except KeyError as e:
    print("KeyError:", e)
lst = list(range(10))
del lst[2], lst[5]
print(lst)
del lst[::2]
print(lst)
a = b = c = 5
del a, b
print(c, "a" in dir(), "c" in dir())


def del_then_closure():
    v = 1

    def inner():
        return v

    del v
    try:
        return inner()
    except NameError as e:
        return f"{type(e).__name__}: {e}"


print(del_then_closure())


def unbound_before_assignment():
    try:
        print(w)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    w = 3
    return w


print(unbound_before_assignment())
x, y = 1, 2
del (x, y)
print("x" in globals(), "y" in globals())
