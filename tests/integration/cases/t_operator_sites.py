"""Binary operators and comparisons between two instances of one class
whose method for the operator is a Python function, which a site calls
directly while the class keeps its version: every operator, in-place
forms with and without an in-place method, NotImplemented (its error,
plain and in place; for comparisons the reflected method, identity for
== and !=, the error), reflected methods between a class and its
subclass, a method replaced, its code swapped or made a builtin under a
warm site, classes that are sequences, results whose truth raises,
errors raised in the method (traceback) and deep recursion through an
operator."""
import operator


class V:
    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return "%s(%r)" % (type(self).__name__, self.v)

    def __add__(self, o): return V(self.v + o.v)
    def __sub__(self, o): return V(self.v - o.v)
    def __mul__(self, o): return V(self.v * o.v)
    def __truediv__(self, o): return V(self.v / o.v)
    def __floordiv__(self, o): return V(self.v // o.v)
    def __mod__(self, o): return V(self.v % o.v)
    def __and__(self, o): return V(self.v & o.v)
    def __or__(self, o): return V(self.v | o.v)
    def __xor__(self, o): return V(self.v ^ o.v)
    def __lshift__(self, o): return V(self.v << o.v)
    def __rshift__(self, o): return V(self.v >> o.v)
    def __matmul__(self, o): return ("matmul", self.v, o.v)
    def __pow__(self, o): return V(self.v ** o.v)


class Sub(V):
    def __radd__(self, o):
        return ("Sub.__radd__", o.v, self.v)


class InPlace(V):
    def __iadd__(self, o):
        self.v += o.v * 100
        return self


class Refuses:
    def __add__(self, o):
        return NotImplemented

    def __sub__(self, o):
        return NotImplemented


class Sequence(list):
    def __add__(self, o):
        return NotImplemented


class Raises:
    def __init__(self, n):
        self.n = n

    def __add__(self, o):
        if self.n < 0:
            raise ValueError("negative %d" % self.n)
        return Raises(self.n + o.n)


class Chain:
    def __init__(self, depth):
        self.depth = depth

    def __add__(self, o):
        if self.depth == 0:
            return 0
        return 1 + (Chain(self.depth - 1) + o)


def tries(f, *args):
    try:
        return f(*args)
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)


def every_operator(a, b):
    return [a + b, a - b, a * b, a / b, a // b, a % b, a & b, a | b, a ^ b,
            a << b, a >> b, a @ b, a ** b]


def in_place(a, b):
    a += b
    a -= b
    a *= b
    a |= b
    return a


def add(a, b):
    return a + b


def iadd(a, b):
    a += b
    return a


class Ordered:
    def __init__(self, k):
        self.k = k

    def __repr__(self):
        return "O(%r)" % self.k

    def __lt__(self, o): return self.k < o.k
    def __le__(self, o): return self.k <= o.k
    def __eq__(self, o): return self.k == o.k
    def __gt__(self, o): return self.k > o.k
    def __ge__(self, o): return self.k >= o.k
    __hash__ = None


class OnlyGt:
    """< comes down to the reflected __gt__."""
    def __init__(self, k):
        self.k = k

    def __lt__(self, o):
        return NotImplemented

    def __gt__(self, o):
        return ("reflected __gt__", self.k, o.k)


class Nothing:
    def __lt__(self, o):
        return NotImplemented

    def __eq__(self, o):
        return NotImplemented


class Odd:
    """A comparison whose result's truth raises."""
    def __lt__(self, o):
        return self

    def __bool__(self):
        raise ValueError("no truth")


class Deep:
    def __init__(self, n):
        self.n = n

    def __lt__(self, o):
        return self.n > 0 and Deep(self.n - 1) < o


def lt(a, b):
    return a < b


def lt_branch(a, b):
    if a < b:
        return "yes"
    return "no"


def all_compares(a, b):
    return [a < b, a <= b, a == b, a != b, a > b, a >= b]


def compares():
    out = []
    for i in range(5):
        out.append(all_compares(Ordered(i), Ordered(2)))
        out.append(lt_branch(Ordered(i), Ordered(2)))
    out.append(sorted([Ordered(3), Ordered(1), Ordered(2)]))
    out.append(tries(lt, OnlyGt(1), OnlyGt(2)))
    out.append(tries(lt_branch, OnlyGt(1), OnlyGt(2)))
    n = Nothing()
    out.append(tries(lt, n, Nothing()))
    out.append(tries(lt_branch, n, n))
    out.append([n == n, n == Nothing(), n != n])
    out.append(tries(lt_branch, Odd(), Odd()))
    out.append(tries(lt, Odd(), Odd()) is not None)
    out.append(tries(lt, Deep(50), Deep(0)))
    out.append(tries(lt_branch, Deep(100000), Deep(0))[:30])
    for i in range(10):
        out.append(lt_branch(Ordered(i), Ordered(5)))
    Ordered.__lt__ = lambda self, o: NotImplemented
    out.append(lt_branch(Ordered(1), Ordered(5)))
    out.append(lt(Ordered(7), Ordered(5)))
    del Ordered.__gt__
    out.append(tries(lt, Ordered(1), Ordered(5)))
    return out


def main():
    out = compares()
    for i in range(1, 4):
        out.append(every_operator(V(i + 5), V(i)))
        out.append(in_place(V(i), V(2)))
    for i in range(20):
        out.append(add(V(i), V(1)))
    out.append(add(V(1), Sub(2)))      # the subclass's __radd__ first
    out.append(add(Sub(1), Sub(2)))
    out.append(add(Sub(3), V(4)))
    out.append(iadd(InPlace(1), InPlace(2)))
    out.append(iadd(V(1), V(2)))
    out.append(tries(add, Refuses(), Refuses()))
    out.append(tries(iadd, Refuses(), Refuses()))
    out.append(tries(lambda a, b: a - b, Refuses(), Refuses()))
    out.append(tries(add, Sequence([1]), Sequence([2])))
    out.append(tries(iadd, Sequence([1]), Sequence([2])))
    out.append(tries(add, Raises(1), Raises(2)).n)
    out.append(tries(add, Raises(-1), Raises(2)))
    try:
        add(Raises(-5), Raises(1))
    except ValueError as e:
        tb = e.__traceback__
        names = []
        while tb:
            names.append(tb.tb_frame.f_code.co_name)
            tb = tb.tb_next
        out.append(names)
    out.append(tries(add, Chain(100), Chain(0)))
    out.append(tries(add, Chain(100000), Chain(0))[:30])
    # the method replaced, its code swapped, a builtin, then removed
    for i in range(10):
        out.append(add(V(i), V(i)))
    V.__add__ = lambda self, o: ("replaced", self.v, o.v)
    out.append(add(V(1), V(2)))
    f = V.__add__
    f.__code__ = (lambda self, o: ("swapped", self.v)).__code__
    out.append(add(V(3), V(4)))
    V.__add__ = operator.concat
    out.append(tries(add, V(5), V(6)))
    del V.__add__
    out.append(tries(add, V(7), V(8)))
    V.__add__ = lambda self, o: NotImplemented
    out.append(tries(iadd, V(9), V(10)))
    for item in out:
        print(item)


main()
