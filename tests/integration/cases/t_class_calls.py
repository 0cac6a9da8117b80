"""Calling classes: __init__ with defaults, inherited __init__, an
__init__ that returns a value, keyword-only parameters, abstract classes,
wrong argument counts, __new__ overrides, metaclasses, an __init__ that
raises (traceback through it) and one that replaces itself."""
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


print(calls())
try:
    Fails(7)
except ValueError as e:
    tb = e.__traceback__
    while tb.tb_next:
        tb = tb.tb_next
    print(e, tb.tb_frame.f_code.co_name, tb.tb_lineno, tb.tb_frame.f_locals["n"])
Fails(8)
