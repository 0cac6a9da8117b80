"""One loop per specialised instruction family of CPython 3.11
(Python/specialize.c): each function f_<FAMILY>(n) runs its operation n
times in a loop whose other work is as small as the loop allows, so that
bench/floor can compare pyaot's code for the operation with the
interpreter's specialised instruction. Every function returns a checksum.
"""

import math

DEFAULT_N = 400000


class Plain:
    cls_attr = 5

    def __init__(self):
        self.a = 1
        self.b = 2

    def meth(self):
        return 1


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = 1
        self.b = 2

    def meth(self):
        return 1


class Getitem:
    def __getitem__(self, i):
        return i


def with_defaults(a, b=1, c=2):
    return a


def exact(a, b):
    return a


PLAIN = Plain()
SLOTTED = Slotted()
HINTED = Plain()
for _i in range(40):  # a dict too big for shared keys: LOAD_ATTR_WITH_HINT
    setattr(HINTED, "x%d" % _i, _i)


# ---- LOAD_ATTR / STORE_ATTR / LOAD_METHOD ----

def f_LOAD_ATTR_INSTANCE_VALUE(n):
    o, t = PLAIN, 0
    for _ in range(n):
        t += o.a
    return t


def f_LOAD_ATTR_SLOT(n):
    o, t = SLOTTED, 0
    for _ in range(n):
        t += o.a
    return t


def f_LOAD_ATTR_WITH_HINT(n):
    o, t = HINTED, 0
    for _ in range(n):
        t += o.x7
    return t


def f_LOAD_ATTR_MODULE(n):
    t = 0.0
    for _ in range(n):
        t += math.pi
    return t


def f_STORE_ATTR_INSTANCE_VALUE(n):
    o = Plain()
    for i in range(n):
        o.a = i
    return o.a


def f_STORE_ATTR_SLOT(n):
    o = Slotted()
    for i in range(n):
        o.a = i
    return o.a


def f_STORE_ATTR_WITH_HINT(n):
    o = HINTED
    for i in range(n):
        o.x7 = i
    return o.x7


def f_LOAD_METHOD_WITH_VALUES(n):
    o, t = PLAIN, 0
    for _ in range(n):
        t += o.meth()
    return t


def f_LOAD_METHOD_NO_DICT(n):
    o, t = SLOTTED, 0
    for _ in range(n):
        t += o.meth()
    return t


def f_LOAD_METHOD_MODULE(n):
    t = 0.0
    for i in range(n):
        t += math.sqrt(i)
    return t


def f_LOAD_METHOD_CLASS(n):
    t = 0
    for i in range(n):
        t += int.bit_length(i)
    return t


def f_LOAD_ATTR_CLASS_ATTR(n):
    o, t = PLAIN, 0
    for _ in range(n):
        t += o.cls_attr
    return t


# ---- LOAD_GLOBAL ----

def f_LOAD_GLOBAL_MODULE(n):
    t = 0
    for _ in range(n):
        t += DEFAULT_N
    return t


def f_LOAD_GLOBAL_BUILTIN(n):
    t = 0
    for _ in range(n):
        if len is not None:
            t += 1
    return t


# ---- BINARY_SUBSCR / STORE_SUBSCR ----

def f_BINARY_SUBSCR_LIST_INT(n):
    xs, t = [1, 2, 3, 4], 0
    for i in range(n):
        t += xs[i & 3]
    return t


def f_BINARY_SUBSCR_TUPLE_INT(n):
    xs, t = (1, 2, 3, 4), 0
    for i in range(n):
        t += xs[i & 3]
    return t


def f_BINARY_SUBSCR_DICT(n):
    d, t = {"a": 1, "b": 2}, 0
    for _ in range(n):
        t += d["a"]
    return t


def f_BINARY_SUBSCR_GETITEM(n):
    g, t = Getitem(), 0
    for i in range(n):
        t += g[i]
    return t


def f_STORE_SUBSCR_LIST_INT(n):
    xs = [0, 0, 0, 0]
    for i in range(n):
        xs[i & 3] = i
    return xs[0]


def f_STORE_SUBSCR_DICT(n):
    d = {}
    for i in range(n):
        d["k"] = i
    return d["k"]


# ---- BINARY_OP ----

def f_BINARY_OP_ADD_INT(n):
    t = 0
    for i in range(n):
        t = (t + i) & 0xFFFF
    return t


def f_BINARY_OP_ADD_FLOAT(n):
    t, x = 0.0, 1.5
    for _ in range(n):
        t = t + x
    return t


def f_BINARY_OP_MULTIPLY_FLOAT(n):
    t, x = 1.0, 1.0000001
    for _ in range(n):
        t = t * x
    return t


def f_BINARY_OP_SUBTRACT_INT(n):
    t = 0
    for i in range(n):
        t = i - t
    return t


def f_BINARY_OP_ADD_UNICODE(n):
    a, b, t = "ab", "cd", 0
    for _ in range(n):
        t += len(a + b)
    return t


def f_BINARY_OP_INPLACE_ADD_UNICODE(n):
    total = 0
    for _ in range(n // 64):
        s = ""
        for _ in range(64):
            s += "x"
        total += len(s)
    return total


# ---- COMPARE_OP_*_JUMP ----

def f_COMPARE_OP_INT_JUMP(n):
    t = 0
    for i in range(n):
        if i < 1000:
            t += 1
    return t


def f_COMPARE_OP_FLOAT_JUMP(n):
    t, x = 0, 0.5
    for _ in range(n):
        if x < 1.0:
            t += 1
    return t


def f_COMPARE_OP_STR_JUMP(n):
    t, a, b = 0, "abc", "abd"
    for _ in range(n):
        if a == b:
            t += 1
        else:
            t += 2
    return t


# ---- PRECALL / CALL ----

def f_PRECALL_NO_KW_LEN(n):
    xs, t = [1, 2, 3], 0
    for _ in range(n):
        t += len(xs)
    return t


def f_PRECALL_NO_KW_ISINSTANCE(n):
    t = 0
    for i in range(n):
        if isinstance(i, int):
            t += 1
    return t


def f_PRECALL_NO_KW_BUILTIN_O(n):
    t = 0
    for i in range(n):
        t += abs(i)
    return t


def f_PRECALL_NO_KW_BUILTIN_FAST(n):
    t = 0
    for i in range(n):
        t += min(i, 5)
    return t


def f_PRECALL_BUILTIN_CLASS(n):
    t = 0
    for i in range(n):
        t += len(str(i & 255))
    return t


def f_PRECALL_NO_KW_LIST_APPEND(n):
    total = 0
    for _ in range(n // 64):
        xs = []
        for i in range(64):
            xs.append(i)
        total += len(xs)
    return total


def f_PRECALL_NO_KW_METHOD_DESCRIPTOR_O(n):
    s, t = "hello", 0
    for _ in range(n):
        t += s.startswith("he")
    return t


def f_PRECALL_NO_KW_METHOD_DESCRIPTOR_NOARGS(n):
    s, t = "hello", 0
    for _ in range(n):
        t += len(s.upper())
    return t


def f_PRECALL_NO_KW_METHOD_DESCRIPTOR_FAST(n):
    d, t = {"a": 1}, 0
    for _ in range(n):
        t += d.get("a", 0)
    return t


def f_PRECALL_BOUND_METHOD(n):
    m, t = PLAIN.meth, 0
    for _ in range(n):
        t += m()
    return t


def f_CALL_PY_EXACT_ARGS(n):
    t = 0
    for i in range(n):
        t += exact(i, 1)
    return t


def f_CALL_PY_WITH_DEFAULTS(n):
    t = 0
    for i in range(n):
        t += with_defaults(i)
    return t


# ---- UNPACK_SEQUENCE ----

def f_UNPACK_SEQUENCE_TWO_TUPLE(n):
    p, t = (1, 2), 0
    for _ in range(n):
        a, b = p
        t += a
    return t


def f_UNPACK_SEQUENCE_TUPLE(n):
    p, t = (1, 2, 3), 0
    for _ in range(n):
        a, b, c = p
        t += c
    return t


def f_UNPACK_SEQUENCE_LIST(n):
    p, t = [1, 2], 0
    for _ in range(n):
        a, b = p
        t += b
    return t


FAMILIES = sorted(name[2:] for name in list(globals()) if name.startswith("f_"))


def main(n):
    return [globals()["f_" + name](n) for name in FAMILIES]
