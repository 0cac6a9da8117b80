"""The builtins the interpreter keeps at hand (len, isinstance,
list.append), called in loops: with the wrong arguments, shadowed,
on subclasses and on objects that customise them."""
import builtins


class Sized:
    def __len__(self):
        return 7


class Meta(type):
    def __instancecheck__(cls, obj):
        return obj == "yes"


class Checked(metaclass=Meta):
    pass


class LongList(list):
    """A list subclass whose len() is its own."""

    def __len__(self):
        return 2 ** 20


class MyList(list):
    def append(self, x):
        super().append(x * 10)


def calls():
    out = []
    xs, ys = [], MyList()
    for i in range(3):
        xs.append(i)
        ys.append(i)
        list.append(xs, -i)
        out.append((len(xs), len("abc" * i), len(Sized()), len((i,) * i),
                    len({k: k for k in range(i)}), len(LongList([i])),
                    len(range(i)), len("\u20ac" * i), len({i, -i}),
                    isinstance(i, int), isinstance("yes", Checked),
                    isinstance(i, (str, float))))
    out.append((xs, ys))
    for bad in ((lambda: len(5)), (lambda: len()), (lambda: isinstance(1)),
                (lambda: isinstance(1, 2)), (lambda: xs.append()),
                (lambda: list.append((), 1))):
        try:
            bad()
        except TypeError as e:
            out.append(str(e))
    return out


print(calls())
real_len = builtins.len
builtins.len = lambda x: "shadowed"
try:
    print(calls()[0])
finally:
    builtins.len = real_len
print(calls()[-1])


# str(x), tuple(x) and type(x), which 3.11 calls without their argument
# parsing (PRECALL_NO_KW_STR_1, _TUPLE_1, _TYPE_1).
class Shown:
    def __str__(self):
        return "shown"


class BadStr:
    def __str__(self):
        raise LookupError("no text")


class NotStr:
    def __str__(self):
        return 42


class Meta(type):
    pass


class WithMeta(metaclass=Meta):
    pass


def one_arg_calls():
    out = [str(5), str(b"x"), str(Shown()), str("same"), tuple("ab"),
           tuple(i * i for i in range(3)), tuple((1, 2)), type(1),
           type(WithMeta()), type(WithMeta), str(), tuple(),
           str(object=7), type("T", (), {}).__name__]
    for bad in (lambda: str(BadStr()), lambda: str(NotStr()),
                lambda: tuple(5), lambda: type(1, 2)):
        try:
            bad()
        except (LookupError, TypeError) as e:
            out.append(type(e).__name__ + ": " + str(e))
    return out


print(one_arg_calls())


# int(x), whose one argument long_new hands to PyNumber_Long: strs (with
# spaces, underscores, signs, non-ASCII digits, bad literals), ints of
# every size, bools, floats (with the infinities and NaN), and what
# converts itself (__int__, __index__, __trunc__) or is a subclass.
class Intish:
    def __int__(self):
        return 6


class Indexed:
    def __index__(self):
        return 9


class Truncated:
    def __trunc__(self):
        return 4


class SubStr(str):
    pass


class SubInt(int):
    pass


def int_calls():
    out = []
    for x in (" 12 ", "-7", "+0", "1_000", "\u0661\u0662", "9" * 30, 0, -5,
              2 ** 70, True, 3.9, -2.5, 1e20, Intish(), Indexed(),
              Truncated(), SubStr("31"), SubInt(8)):
        out.append(int(x))
    for bad in ("", "1.5", "x", " 1 2", "\u20ac", float("inf"),
                float("nan"), None, [1], b"12"):
        try:
            out.append(int(bad))
        except (ValueError, OverflowError, TypeError) as e:
            out.append(type(e).__name__ + ": " + str(e))
    out.append((int(), int("ff", 16), int("0x10", 0), int("7", base=8)))
    return out


print(int_calls())
print([type(v).__name__ for v in int_calls()[:18]])
