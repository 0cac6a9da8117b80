"""`x = x + y` and `x += y` into a local, which compiled code extends in
place for strs: the result must be the same whether or not something
else still refers to the old string, for str subclasses, for operands of
other types, and when the addition raises."""


class Tag(str):
    def __add__(self, other):
        return Tag("<" + str.__add__(self, other) + ">")


class Acc:
    def __init__(self):
        self.parts = []

    def __iadd__(self, other):
        self.parts.append(other)
        return self


def build(n):
    s = ""
    for i in range(n):
        s += str(i % 10)
    t = "x"
    for i in range(n):
        t = t + "ab"[i % 2]
    return s, t


def aliases():
    s = "start"
    kept = []
    for i in range(5):
        kept.append(s)     # the old string must stay as it was
        s += "-" + str(i)
    alias = s
    s += "!"
    return s, alias, kept


def other_side():
    s = "b"
    for c in "xyz":
        s = c + s          # the local is the right operand: no append
    u = "a"
    v = "q"
    u = v + u              # a different local on the left
    return s, u, v


def mixed():
    n = 1
    for i in range(40):
        n += n             # ints grow past one digit
    f = 0.5
    f += 2
    lst = [1]
    lst += [2, 3]
    tup = (1,)
    tup = tup + (2,)
    acc = Acc()
    acc += "p"
    acc += "q"
    tag = Tag("t")
    tag += "u"
    return n, f, lst, tup, acc.parts, type(tag).__name__, tag


def failing():
    s = "abc"
    try:
        s += 5
    except TypeError as e:
        print("TypeError:", e)
    print("after:", s)
    n = 10
    try:
        n += "x"
    except TypeError as e:
        print("TypeError:", e)
    print("after:", n)


def unbound_after_raise():
    s = "abc"
    try:
        s = s + None
    except TypeError:
        pass
    return s


def concat_in_loop_traceback():
    s = ""
    for item in ["a", "b", 3]:
        s += item


print(build(25))
print(aliases())
print(other_side())
print(mixed())
failing()
print(unbound_after_raise())
concat_in_loop_traceback()
