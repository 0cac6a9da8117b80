"""One call site that calls many kinds of C callable in turn: a site
remembers the kind it called last (builtin functions by calling
convention, len, isinstance, method descriptors, list.append) and must
notice every change: another builtin of another convention, a method
descriptor given self of another type (a subclass, a wrong type), a
bound method, a class, a Python function, wrong argument counts,
errors, and the interpreter's recursion count across METH_O calls; and
a site that makes instances of a class (allocated there, __init__
entered directly) while the class's __init__ is replaced, its code
swapped, the class changed, other classes come by, __init__ returns a
value or raises."""
import functools
import math
import operator
import re
import sys
import types


class MyList(list):
    def append(self, item):
        super().append(("wrapped", item))


class MyStr(str):
    pass


class Point:
    def __init__(self, x):
        self.x = x

    def __repr__(self):
        return "Point(%r)" % self.x


def python_function(*args):
    return ("python", args)


def call_one(f, *args):
    """The site under test: every callable goes through this CALL."""
    try:
        return f(*args)
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)


def call_two(f, a, b):
    try:
        return f(a, b)
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)


def call_method_site(obj, arg):
    """A LOAD_METHOD site: method descriptors of whatever obj is."""
    try:
        return obj.count(arg)
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)


def append_site(seq, item):
    try:
        seq.append(item)
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)
    return seq


def kinds_in_turn():
    out = []
    calls = [(len, ("abcd",)), (abs, (-3,)), (math.sqrt, (16,)),
             (max, (3, 9)), (isinstance, (3, int)), (str.upper, ("up",)),
             ("x".join, (["a", "b"],)), ([1, 2].index, (2,)), (Point, (7,)),
             (python_function, (1, 2)), (repr, (Point(1),)),
             (operator.add, (2, 5)), (sys.getrecursionlimit, ()),
             (divmod, (17, 5)), (sorted, ([3, 1, 2],)),
             ("{}-{}".format, (1, 2)), (str.format, ("{}!", 3)),
             (re.match("(a)(b)", "ab").group, (2,)),
             (type(re.match("a", "a")).group, (re.match("(x)", "x"), 1)),
             (int, ("12",)), (int, ("ff", 16)), (type, (1.5,)), (str, (5,)),
             (str, (b"x", "ascii")), (list, ((1, 2),)), (dict, ()),
             (tuple, ("ab",)), (float, ("2.5",)), (type(object()), ()),
             (range, (3,)), (bool, ([],)), (MyStr, ("sub",))]
    for round_ in range(3):
        for f, args in calls:
            r = call_one(f, *args)
            out.append(r if type(r) is not object else "an object")
        # the same callables with wrong counts and wrong types
        out.append(call_one(len))
        out.append(call_one(len, "a", "b"))
        out.append(call_one(len, 5))
        out.append(call_one(abs, "x"))
        out.append(call_one(abs, 1, 2))
        out.append(call_one(str.upper))
        out.append(call_one(str.upper, 5))
        out.append(call_one(str.upper, MyStr("sub")))
        out.append(call_one(isinstance, 1))
        out.append(call_one(isinstance, 1, 2))
        out.append(call_one(math.sqrt, -1))
        out.append(call_one(re.match("(a)", "a").group, 5))
        out.append(call_one(int, "x"))
        out.append(call_one(type, 1, 2))
        out.append(call_one(dict, 1))
        out.append(repr(call_one(type, "Made", (), {}))[:20])
        out.append(call_one(type(re.match("a", "a")).group, "not a match"))
    return out


def one_kind_then_others():
    """A site warmed up on one kind for a while, then given others."""
    out = []
    for i in range(50):
        out.append(call_one(abs, -i))
    out.append(call_one(math.floor, 2.5))
    out.append(call_one(len, [1] * 3))
    for i in range(50):
        out.append(call_one(len, "x" * i))
    out.append(call_one(abs, -2))
    out.append(call_one(Point, 3))
    for i in range(20):
        out.append(call_two(isinstance, i, (int, str)))
    out.append(call_two(max, 1, 2))
    out.append(call_two(isinstance, "s", int))
    out.append(call_two(divmod, 9, 0))
    return out


def method_sites():
    out = []
    objs = ["banana", [1, 2, 1], (1, 1, 1), MyStr("aaa"), b"abab",
            bytearray(b"aa"), 5]
    for round_ in range(3):
        for o in objs:
            arg = {str: "a", MyStr: "a", bytes: b"a",
                   bytearray: b"a"}.get(type(o), 1)
            out.append(call_method_site(o, arg))
    return out


def append_sites():
    out = []
    plain = []
    for i in range(5):
        append_site(plain, i)
    out.append(plain)
    sub = MyList()
    for i in range(3):
        append_site(sub, i)
    out.append(sub)
    out.append(append_site(plain, "again"))
    out.append(append_site((), 1))
    out.append(append_site(set(), 1))
    # list.append called through the class, at a site of its own
    seq = []
    for i in range(3):
        out.append(call_two(list.append, seq, i))
    out.append(seq)
    out.append(call_two(list.append, MyList(), 1))
    out.append(call_two(list.append, (), 1))
    return out


def deep(n):
    """METH_O calls count a recursion level: repr (a METH_O builtin)
    of objects nested n deep, whose __repr__ calls repr again."""
    class Nest:
        def __init__(self, inner):
            self.inner = inner

        def __repr__(self):
            return "N" + repr(self.inner)

    x = 0
    for _ in range(n):
        x = Nest(x)
    return call_one(repr, x)[:40]


class Made:
    def __init__(self, a, b=10):
        self.a = a
        self.b = b

    def __repr__(self):
        return "%s(%r)" % (type(self).__name__, vars(self))


class MadeSlots:
    __slots__ = ("a", "b")

    def __init__(self, a, b=10):
        self.a = a
        self.b = b

    def __repr__(self):
        return "MadeSlots(%r, %r)" % (self.a, self.b)


class MadeSub(Made):
    pass


_ns = {}
exec("class MadeInterpreted:\n"
     "    def __init__(self, a, b=1):\n"
     "        self.s = a + b\n"
     "    def __repr__(self):\n"
     "        return 'MadeInterpreted(%r)' % self.s\n", _ns)
MadeInterpreted = _ns["MadeInterpreted"]


def make(cls, *args):
    """The class site under test."""
    try:
        return cls(*args) if len(args) != 1 else cls(args[0])
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)


def make_one(cls, a):
    try:
        return cls(a)
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)


def class_sites():
    out = []
    for cls in (Made, MadeSlots, MadeInterpreted):
        for i in range(20):
            out.append(make_one(cls, i))
    for i in range(5):
        out.append(make_one(MadeSub, i))
        out.append(make_one(Made, i))
    out.append(make(Made))
    out.append(make(Made, 1, 2, 3))
    out.append(make(MadeSlots))
    # __init__ replaced, then its code swapped, under a warm site
    for i in range(20):
        out.append(make_one(Made, i))

    def other_init(self, a):
        self.other = a

    Made.__init__ = other_init
    out.append(make_one(Made, 1))
    out.append(make_one(MadeSub, 2))

    def returns(self, a):
        return a

    def raises(self, a):
        raise ValueError("init %r" % (a,))

    for i in range(5):
        out.append(make_one(Made, i))
    other_init.__code__ = returns.__code__
    out.append(make_one(Made, 3))
    other_init.__code__ = raises.__code__
    out.append(make_one(Made, 4))
    try:
        Made(5)
    except ValueError as e:
        tb = e.__traceback__
        while tb.tb_next:
            tb = tb.tb_next
        out.append((tb.tb_frame.f_code.co_name, tb.tb_frame.f_locals["a"]))
    # the class changed in other ways: an attribute, then no __init__
    Made.__init__ = lambda self, a: setattr(self, "lam", a)
    for i in range(5):
        out.append(make_one(Made, i))
    Made.extra = 1
    out.append(make_one(Made, 6))
    del Made.__init__
    out.append(make_one(Made, 7))
    out.append(make(Made))
    # a class that gets a __new__
    MadeSlots.__new__ = lambda cls, a: "made by __new__ %r" % a
    out.append(make_one(MadeSlots, 8))
    return out


class Meta(type):
    pass


class Ratio(metaclass=Meta):
    """A class made by its __new__ (as fractions.Fraction is), whose
    metaclass calls it with type's call until it gets a __call__."""
    __slots__ = ("n", "d")

    def __new__(cls, n=0, d=1, *, reduce=True):
        self = super().__new__(cls)
        self.n, self.d = (n // 2, d // 2) if reduce else (n, d)
        return self

    def __repr__(self):
        return "%s(%r, %r)" % (type(self).__name__, self.n, self.d)


class Both:
    """__new__ and __init__ both Python: __init__ runs after __new__
    only for instances of the class."""
    def __new__(cls, x):
        if x == "other":
            return ["not an instance", x]
        return super().__new__(Sub if x == "sub" else cls)

    def __init__(self, x):
        self.x = x

    def __repr__(self):
        return "%s(%r)" % (type(self).__name__, self.x)


class Sub(Both):
    def __init__(self, x):
        self.x = ("sub init", x)


def new_sites():
    out = []
    for i in range(20):
        out.append(make_one(Ratio, i))
    out.append(make(Ratio))
    out.append(make(Ratio, 4, 6))
    out.append(make(Ratio, 1, 2, 3))
    out.append(Ratio(8, 8, reduce=False))
    for x in (1, 2, "sub", "other", 3):
        out.append(make_one(Both, x))
    Ratio.__new__ = lambda cls, n: ("replaced __new__", n)
    out.append(make_one(Ratio, 9))
    Meta.__call__ = lambda cls, *args: ("metaclass call", args)
    out.append(make_one(Ratio, 10))
    del Meta.__call__
    out.append(make_one(Ratio, 11))
    return out


class Problem(ValueError):
    """An exception class with its own __init__ (BaseException's C
    __new__ takes the arguments as a tuple first)."""
    def __init__(self, line, reason):
        super().__init__("line %d: %s" % (line, reason))
        self.line = line


class Number(int):
    def __init__(self, text, note="n"):
        self.note = note


class Pairs(dict):
    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.made = True


class Fixed(tuple):
    def __init__(self, items):
        self.size = len(items)


def c_new_sites():
    out = []
    for i in range(10):
        try:
            raise Problem(i, "bad")
        except Problem as err:
            out.append((str(err), err.line, err.args))
    out.append(make(Problem, 1))
    out.append(make(Problem, 1, 2, 3))
    for i in range(5):
        n = make(Number, str(i))
        out.append((n, n.note, type(n).__name__))
    out.append(make(Number, "x"))
    out.append(make(Number, "5", 10).note)
    for i in range(3):
        p = make_one(Pairs, [(i, i)])
        out.append((p, p.made))
        f = make_one(Fixed, [i, i])
        out.append((f, f.size))
    out.append(make(Fixed, 5))
    Problem.__init__ = lambda self, *a: setattr(self, "line", "replaced")
    out.append(make(Problem, 7, "x").line)
    return out


class Joiner:
    def join(self, a, b):
        return "%s+%s" % (a, b)

    def spread(self, *args, sep="/"):
        return sep.join(map(str, args))

    def one(self, a):
        return a

    @classmethod
    def made(cls, a, b=0):
        return (cls.__name__, a, b)

    def __call__(self, a, b):
        return ("called", a, b)


def vectorcall_kinds():
    """Callables the site calls through their own vectorcall entry (C
    methods given their defining class, bound or as descriptors, class
    methods, functools.partial) and bound methods it splits (of Python
    functions with defaults and *args, class methods, a C function
    bound with types.MethodType), and what has tp_call only (instances
    of a class with __call__, a partial with keywords after its first
    call), in turn with others of other types at the same CALL, and
    given what they refuse."""
    out = []
    pattern = re.compile("a+")
    calls = [(pattern.match, "aab", 1), (type(pattern).match, pattern, "aa"),
             (dict.fromkeys, "ab", 0), (functools.partial(max, 3), 1, 7),
             (functools.partial(python_function, 0), 1, 2),
             (Joiner().join, "x", "y"), (python_function, 1, 2),
             ((3).__pow__, 2, 5), (divmod, 7, 2), (pattern.sub, "-", "baa"),
             (pattern.match, 5, 0), (type(pattern).match, "no", "aa"),
             (dict.fromkeys, 1, 2), (functools.partial(max, 3), 1, []),
             (Joiner().spread, 1, 2), (Joiner.made, 1, 2),
             (types.MethodType(max, 5), 1, 9), (Joiner().one, 1, 2),
             (types.MethodType(max, 5), [], 1), (Joiner.made, 1, 2),
             (functools.partial(Joiner().spread, sep="-"), 1, 2),
             (Joiner(), 1, 2), (functools.partial(Joiner().spread, 0), 1, 2),
             (5, 1, 2), (Joiner(), 3, 4)]
    for round_ in range(3):
        for f, a, b in calls:
            r = call_two(f, a, b)
            out.append(repr(r)[:30] if isinstance(r, re.Match) else r)
    for i in range(30):
        out.append(call_two(pattern.search, "xa" * i, i))
    out.append(call_two(Joiner().join, 1, 2))
    return out


def main():
    for part in (kinds_in_turn, one_kind_then_others, method_sites,
                 append_sites, class_sites, new_sites, c_new_sites,
                 vectorcall_kinds):
        for item in part():
            print(item)
    print(deep(50))
    print(deep(5000))


main()
