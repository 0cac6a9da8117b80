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
