"""Unpacking inside functions, where an exact tuple or list of the
right length gives its items without a call: tuples and lists of the
right and wrong lengths, their subclasses, other iterables, errors,
items that must stay alive after the sequence goes, one-element and
wide targets, and loops over pairs."""


class MyTuple(tuple):
    pass


class MyList(list):
    def __iter__(self):
        return iter(["from", "__iter__"])


def tries(f, *args):
    try:
        return f(*args)
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)


def two(seq):
    a, b = seq
    return (b, a)


def three(seq):
    a, b, c = seq
    return [c, b, a]


def one(seq):
    [a] = seq
    return a


def wide(seq):
    a, b, c, d, e, f, g = seq
    return g + f + e + d + c + b + a


def pairs(items):
    total = 0
    keys = []
    for k, v in items:
        keys.append(k)
        total += v
    return keys, total


def fresh_items():
    """Items whose only owner is the sequence, released right after."""
    a, b = (str(10 ** 20), [1, 2])
    return a, b


def swap(lst):
    lst[0], lst[1] = lst[1], lst[0]
    return lst


def nested(seq):
    (a, b), [c, d] = seq
    return a + b + c + d


def main():
    out = []
    for _ in range(3):
        out.append(tries(two, (1, 2)))
        out.append(tries(two, [3, 4]))
        out.append(tries(two, (1, 2, 3)))
        out.append(tries(two, [1]))
        out.append(tries(two, ()))
        out.append(tries(two, MyTuple((5, 6))))
        out.append(tries(two, MyList([7, 8])))
        out.append(tries(two, "xy"))
        out.append(tries(two, {"k": 1, "j": 2}))
        out.append(tries(two, iter([9, 10])))
        out.append(tries(two, range(2)))
        out.append(tries(two, 5))
        out.append(tries(two, None))
        out.append(tries(three, (1, 2, 3)))
        out.append(tries(three, [1, 2, 3]))
        out.append(tries(three, (x for x in "abc")))
        out.append(tries(one, ("only",)))
        out.append(tries(one, ["only"]))
        out.append(tries(one, []))
        out.append(tries(wide, tuple("abcdefg")))
        out.append(tries(wide, list("abcdefg")))
        out.append(tries(wide, "abcdefg"))
        out.append(tries(wide, "abcdef"))
        out.append(pairs([("a", 1), ("b", 2), ["c", 3]]))
        out.append(tries(pairs, [("a", 1), ("b",)]))
        out.append(pairs({"x": 1, "y": 2}.items()))
        out.append(fresh_items())
        out.append(swap([1, 2, 3]))
        out.append(tries(nested, ((1, 2), [3, 4])))
        out.append(tries(nested, ([1, 2], (3, 4))))
        out.append(tries(nested, ((1, 2), [3])))
    for item in out:
        print(item)


main()
