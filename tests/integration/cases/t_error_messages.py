# Messages of common exceptions raised by the evaluation machinery:
# NameError (with suggestions), UnboundLocalError, AttributeError, KeyError,
# IndexError, ZeroDivisionError, TypeError for calls/operators/subscripts.
import traceback

global_counter = 10
five = 5
nothing = None


def unbound():
    print(value)
    value = 1


def free_unbound():
    def inner():
        return cell
    r = inner()
    cell = 1
    return r


def name_typo():
    return global_countr + 1


def local_typo():
    some_local_name = 5
    return some_lcal_name


class Thing:
    __slots__ = ("alpha",)

    def __init__(self):
        self.alpha = 1

    def method(self):
        return self.alhpa


def store_item():
    s = "abc"
    s[0] = "x"


def del_item():
    t = (1, 2)
    del t[0]


def recurse(n):
    return recurse(n + 1) + 1


cases = [
    ("name", lambda: undefined_thing),
    ("name typo", name_typo),
    ("local typo", local_typo),
    ("unbound", unbound),
    ("free unbound", free_unbound),
    ("attr none", lambda: None.foo),
    ("attr int", lambda: (5).real_part),
    ("attr typo", lambda: Thing().method()),
    ("attr module", lambda: traceback.format_exceptio),
    ("attr set slots", lambda: setattr(Thing(), "beta", 1)),
    ("attr class", lambda: Thing.nothing),
    ("key str", lambda: {"a": 1}["b"]),
    ("key tuple", lambda: {}[(1, 2)]),
    ("key int", lambda: {1: 2}[3]),
    ("index list", lambda: [1, 2][2]),
    ("index tuple", lambda: (1,)[-2]),
    ("index str", lambda: "abc"[3]),
    ("index range", lambda: range(3)[5]),
    ("zero int div", lambda: 1 / 0),
    ("zero floordiv", lambda: 1 // 0),
    ("zero mod", lambda: 1 % 0),
    ("zero float", lambda: 1.0 / 0),
    ("zero divmod", lambda: divmod(1, 0)),
    ("zero pow", lambda: 0.0 ** -1),
    ("type add", lambda: 1 + "a"),
    ("type radd", lambda: "a" + 1),
    ("type mul", lambda: [1] * 1.5),
    ("type unary", lambda: -"x"),
    ("type invert", lambda: ~1.5),
    ("type call", lambda: five()),
    ("type call none", lambda: nothing()),
    ("type subscript", lambda: five[0]),
    ("type subscript none", lambda: nothing["k"]),
    ("type item assign", store_item),
    ("type item del", del_item),
    ("type attr assign", lambda: setattr(five, "x", 1)),
    ("type not iterable", lambda: [x for x in 5]),
    ("type unhashable", lambda: {[]: 1}),
    ("type args", lambda: Thing(1)),
    ("type kw", lambda: sorted([], bad=1)),
    ("type compare", lambda: [] < 1),
    ("type len", lambda: len(None)),
    ("type int()", lambda: int([1])),
    ("type str concat", lambda: "".join([1])),
    ("value int", lambda: int("1.5")),
    ("value float", lambda: float("abc")),
    ("value unpack", lambda: [a for a, b in [(1, 2, 3)]]),
    ("value math", lambda: __import__("math").log(0)),
    ("overflow", lambda: 10.0 ** 400),
    ("stop", lambda: next(iter([]))),
    ("assertion", lambda: exec("assert 1 == 2, 'nope'")),
    ("import", lambda: __import__("no_such_mod_for_pyaot")),
]
for label, fn in cases:
    try:
        fn()
        print(label, "-> no exception")
    except Exception as e:
        print(f"{label:20} {type(e).__name__:18} {str(e)!r}")
try:
    recurse(0)
except RecursionError as e:
    print("recursion", type(e).__name__, str(e).startswith("maximum recursion depth exceeded"))
print(global_counter)
