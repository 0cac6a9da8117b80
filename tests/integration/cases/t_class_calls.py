"""Calling classes: __init__ with defaults, inherited __init__, an
__init__ that returns a value, keyword-only parameters, abstract classes,
wrong argument counts, __new__ overrides, metaclasses, an __init__ that
raises (traceback through it) and one that replaces itself; the same
called directly (not through *args) on classes with __slots__, whose
instances have no __dict__, with an __init__ that takes *args and one
the interpreter runs (made by exec)."""
import abc


class A:
    def __init__(self, x, y=2):
        self.x = x
        self.y = y


class B(A):
    pass


class Returns:
    def __init__(self):
        return 5


class KwOnly:
    def __init__(self, *, k=1):
        self.k = k


class Abstract(abc.ABC):
    @abc.abstractmethod
    def f(self):
        pass

    def __init__(self):
        pass


class WithNew:
    def __new__(cls, v):
        obj = super().__new__(cls)
        obj.made = "by __new__"
        return obj

    def __init__(self, v):
        self.v = v


class Meta(type):
    def __call__(cls, *args):
        return ("meta", args)


class Metered(metaclass=Meta):
    def __init__(self, a):
        self.a = a


class Swaps:
    def __init__(self):
        Swaps.__init__ = lambda self: setattr(self, "second", True)
        self.first = True


class Fails:
    def __init__(self, n):
        self.n = n
        raise ValueError("bad %d" % n)


def calls():
    out = []
    for i in range(3):
        out.append((A(i).x, A(i, 5).y, B(i).y, KwOnly().k, KwOnly(k=3).k))
    for cls, args in ((Returns, ()), (Abstract, ()), (A, ()), (A, (1, 2, 3))):
        try:
            cls(*args)
        except TypeError as e:
            out.append(str(e))
    w = WithNew(4)
    out.append((w.made, w.v, Metered(1)))
    out.append((vars(Swaps()), vars(Swaps())))
    return out


class P:
    __slots__ = ("x", "y")

    def __init__(self, x, y=0.5):
        self.x = x
        self.y = y


class SlotAbstract(abc.ABC):
    __slots__ = ()

    @abc.abstractmethod
    def f(self):
        pass

    def __init__(self, a):
        pass


class SlotReturns:
    __slots__ = ("v",)

    def __init__(self):
        self.v = 1
        return self


class SlotFails:
    __slots__ = ("n",)

    def __init__(self, n):
        self.n = n
        raise KeyError(n)


class Star:
    __slots__ = ("args",)

    def __init__(self, *args):
        self.args = args


_ns = {}
exec("class Interpreted:\n"
     "    def __init__(self, a, b=2):\n"
     "        self.s = a + b\n", _ns)
Interpreted = _ns["Interpreted"]


def chain(n):
    """Instances made at every depth of a recursion."""
    return P(n, chain(n - 1) if n else None)


def direct():
    out = [(P(1).x, P(2, 3).y, P(x=4).x, P(5, y=6).y)]
    out.append((Star().args, Star(1, 2).args, Interpreted(1).s,
                Interpreted(1, 5).s, Interpreted(b=1, a=3).s))
    for make in (lambda: SlotAbstract(1), lambda: SlotReturns(),
                 lambda: P(), lambda: P(1, 2, 3), lambda: P(1, z=2),
                 lambda: SlotFails(3), lambda: Interpreted(),
                 lambda: Interpreted(1, 2, 3), lambda: Star(k=1)):
        try:
            out.append(make())
        except (TypeError, KeyError) as e:
            out.append("%s: %s" % (type(e).__name__, e))
    c, depth = chain(400), 0
    while c is not None:
        c, depth = c.y, depth + 1
    out.append(depth)
    try:
        chain(100000)
    except RecursionError:
        out.append("RecursionError")
    return out


print(calls())
print(direct())
try:
    Fails(7)
except ValueError as e:
    tb = e.__traceback__
    while tb.tb_next:
        tb = tb.tb_next
    print(e, tb.tb_frame.f_code.co_name, tb.tb_lineno, tb.tb_frame.f_locals["n"])
Fails(8)
