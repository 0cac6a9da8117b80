# match statements: class patterns (__match_args__, the builtins that
# match themselves, keyword sub-patterns, their errors), mapping patterns
# (get() without __missing__, **rest, duplicate keys), sequence patterns
# over registered ABCs, guards that raise, and the errors' tracebacks.
import collections
import collections.abc


class Vec:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y


class Lazy:
    __match_args__ = ("missing",)


class BadArgs:
    __match_args__ = ["x"]


class NotStr:
    __match_args__ = (1,)


class Tricky:
    @property
    def boom(self):
        raise KeyError("from a property")


class Counting(dict):
    def __missing__(self, key):
        print("  __missing__ called for", key)
        return 0


class Seq:
    def __init__(self, *items):
        self.items = items

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]


collections.abc.Sequence.register(Seq)


def classify(v):
    match v:
        case bool(b):
            return f"bool {b}"
        case int(n) | float(n) if n > 100:
            return f"big {n}"
        case str(s) | bytes(s):
            return f"text {s!r}"
        case Vec(0, 0):
            return "origin"
        case Vec(x, y=0):
            return f"on x at {x}"
        case Vec(x=x, y=y) if x == y:
            return f"diagonal {x}"
        case Vec():
            return "some vector"
        case Lazy():
            return "lazy, no attribute needed"
        case {"type": "point", "at": [x, y]}:
            return f"point at {x},{y}"
        case {"type": t, **rest} if rest:
            return f"typed {t} with {sorted(rest.items())}"
        case [Vec() as a, *_, Vec() as b]:
            return f"vectors from {a.x} to {b.x}"
        case (first, *middle, last):
            return f"seq {first}..{last} ({len(middle)} between)"
        case _:
            return f"unmatched {type(v).__name__}"


for v in [True, 500, 2.5e3, 7, "abc", b"xy", Vec(0, 0), Vec(3, 0), Vec(2, 2),
          Vec(1, 2), Lazy(), {"type": "point", "at": (1, 2)},
          {"type": "t", "extra": 1}, {"type": "bare"}, [Vec(1, 1), 0, Vec(5, 5)],
          (1, 2, 3, 4), Seq(9, 8, 7), "", collections.OrderedDict(type="od", a=1)]:
    print(classify(v))


def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__ + ":", e)


def too_many(v):
    match v:
        case Vec(1, 2, 3):
            return "three"


def self_too_many(v):
    match v:
        case int(1, 2):
            return "two"


def bad_args(v):
    match v:
        case BadArgs(1):
            return "bad"


def not_str(v):
    match v:
        case NotStr(1):
            return "not str"


def twice(v):
    match v:
        case Vec(x, x=1):
            return "twice"


def not_a_type(v, t):
    match v:
        case t.cls():
            return "called"


def prop(v):
    match v:
        case Tricky(boom=1):
            return "boom"


def missing_key(v):
    match v:
        case {"a": 1, "b": b}:
            return f"b is {b}"
        case {"a": a}:
            return f"only a {a}"


def guard(v):
    match v:
        case [x] if 1 / x:
            return "guarded"


class K:
    a = "same"
    b = "same"


def dup_keys(v):
    match v:
        case {K.a: 1, K.b: 2}:
            return "dup"


class Holder:
    cls = 42


attempt("too many", lambda: too_many(Vec(1, 2)))
attempt("self too many", lambda: self_too_many(1))
attempt("bad args", lambda: bad_args(BadArgs()))
attempt("not str", lambda: not_str(NotStr()))
attempt("twice", lambda: twice(Vec(1, 1)))
attempt("not a type", lambda: not_a_type(1, Holder))
attempt("property", lambda: prop(Tricky()))
attempt("missing", lambda: missing_key(Counting(a=1)))
attempt("present", lambda: missing_key(Counting(a=1, b=2)))
attempt("guard", lambda: guard([0]))
attempt("dup keys", lambda: dup_keys({"same": 1, "other": 2}))
guard([0])
