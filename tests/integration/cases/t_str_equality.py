"""== and != of strs inside functions, which compare exact strs by their
contents without a call: equal and unequal contents, the same object,
different lengths and kinds (latin-1, UCS-2, UCS-4), empty strings,
str subclasses with their own __eq__, a str against other types, and
the comparison as a value and as a branch."""


class Loud(str):
    def __eq__(self, other):
        return ("Loud.__eq__", str(self), other)

    def __ne__(self, other):
        return ("Loud.__ne__", str(self), other)

    __hash__ = str.__hash__


class Quiet(str):
    pass


def eq(a, b):
    return a == b


def ne(a, b):
    return a != b


def branch(a, b):
    if a == b:
        return "same"
    if a != b:
        return "different"
    return "neither"


def main():
    a = "spam"
    built = "".join(["sp", "am"])
    cases = [(a, a), (a, built), (a, "eggs"), (a, "spa"), ("", ""),
             ("", "x"), ("é", "é"), ("é", "e"), ("€uro", "€uro"),
             ("€uro", "euro"), ("\U0001F600", "\U0001F600"),
             ("\U0001F600x", "\U0001F600y"), (Quiet("q"), "q"),
             ("q", Quiet("q")), (Loud("l"), "l"), ("l", Loud("l")),
             (a, 5), (5, a), (a, None), (None, a), (a, b"spam"),
             (a, ["spam"])]
    for _ in range(3):
        for x, y in cases:
            print(repr(x), repr(y), eq(x, y), ne(x, y), branch(x, y))


main()
