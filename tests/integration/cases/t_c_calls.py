"""Calls of C callables, which compiled code makes through their
vectorcall entry: builtin functions, method descriptors (also on the
wrong type), builtin classes, functools.partial, objects with only
__call__, with wrong argument counts and raising."""
import functools
import math
import operator


class OnlyCall:
    def __call__(self, *args):
        return ("called", args)


class MyStr(str):
    pass


def tries(f, *args):
    try:
        return f(*args)
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)


def c_functions():
    out = []
    for i in range(3):
        out.append(len("abc" * i))
        out.append(abs(-i))
        out.append(math.sqrt(i))
        out.append(max(i, 1))
        out.append(divmod(7, i + 1))
        out.append(isinstance(i, int))
    return out


def method_descriptors():
    s = "Hello"
    out = []
    for _ in range(2):
        out.append(s.upper())
        out.append(s.replace("l", "L"))
        out.append(s.startswith("He"))
        out.append(",".join(["a", "b"]))
        out.append([3, 1, 2].index(2))
        out.append({"k": 1}.get("k"))
        out.append({"k": 1}.get("x", 0))
        out.append(MyStr("sub").upper())
        out.append(str.upper("through the class"))
    return out


def wrong_calls():
    out = []
    out.append(tries(len))
    out.append(tries(len, 1, 2))
    out.append(tries(len, 5))
    out.append(tries(math.sqrt, -1))
    out.append(tries(str.upper, 5))
    out.append(tries("x".join, 5))
    out.append(tries(int, "zz"))
    out.append(tries(range))
    return out


def wrong_direct():
    out = []
    try:
        len()
    except TypeError as e:
        out.append(str(e))
    try:
        "abc".upper(1)
    except TypeError as e:
        out.append(str(e))
    try:
        str.upper(5)
    except TypeError as e:
        out.append(str(e))
    try:
        math.sqrt("x")
    except TypeError as e:
        out.append(str(e))
    return out


def classes_and_others():
    out = []
    for i in range(2):
        out.append(list(range(i, 4)))
        out.append(tuple("ab"))
        out.append(str(i))
        out.append(int("12") + i)
        out.append(float(i))
        out.append(type(i))
        out.append(dict(a=i))  # keywords: the generic path
        out.append(OnlyCall()(i))
        out.append(functools.partial(operator.add, 10)(i))
        out.append(operator.itemgetter(1)([5, 6]))
        out.append(sorted([3, 1, 2], key=operator.neg))
    return out


def raising_in_c():
    def bad_key(x):
        raise ValueError("from key %r" % (x,))
    try:
        sorted([2, 1], key=bad_key)
    except ValueError as e:
        return str(e)


print(c_functions())
print(method_descriptors())
print(wrong_calls())
print(wrong_direct())
print(classes_and_others())
print(raising_in_c())
math.sqrt(-1)
