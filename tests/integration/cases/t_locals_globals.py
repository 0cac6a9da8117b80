# locals() and globals() inside functions, class bodies and comprehensions;
# vars(), dir() of objects, exec/eval with explicit namespaces.
MODULE_CONST = 7


def public_globals():
    return sorted([k for k in globals() if not k.startswith("__")])


def show_locals(a, b=2, *args, **kw):
    c = a + b
    snapshot = dict(locals())
    d = 4
    snapshot2 = locals()
    return sorted(snapshot.items()), sorted(snapshot2)


print(show_locals(1))
print(show_locals(1, 5, 6, k="v"))


def locals_with_closure():
    x = 10
    y = 20

    def inner():
        z = x + 1
        return sorted(locals().items())

    return inner(), sorted(locals())


print(locals_with_closure())


def locals_not_written_back():
    v = 1
    locals()["v"] = 2
    return v


print(locals_not_written_back())


def globals_write():
    g = globals()
    g["DYNAMIC"] = MODULE_CONST * 6
    return DYNAMIC


print(globals_write(), DYNAMIC)


def globals_is_module_dict():
    import sys
    return globals() is sys.modules[__name__].__dict__ if __name__ in sys.modules else "not registered"


print(globals()["MODULE_CONST"], globals_is_module_dict() in (True, "not registered"))


def eval_exec():
    ns = {"x": 3}
    exec("y = x * 2\nz = [y + i for i in range(3)]", ns)
    loc = {}
    exec("w = 5", {}, loc)
    r = eval("x + y + len(z)", ns)
    r2 = eval("a * b", {"a": 6}, {"b": 7})
    r3 = eval("MODULE_CONST + 1")
    return ns["y"], ns["z"], loc, r, r2, r3


print(eval_exec())


def locals_in_loop():
    results = []
    for i in range(3):
        sq = i * i
        results.append(sorted(locals().items()))
    return results


for row in locals_in_loop():
    print(row)


class Body:
    a = 1
    b = a + 1
    names = sorted(locals())
    snapshot = dict(locals())


print(Body.names, sorted([k for k in Body.snapshot if not k.startswith("__")]))


class WithVars:
    def __init__(self):
        self.p = 1
        self.q = [2]


wv = WithVars()
print(vars(wv), sorted([n for n in dir(wv) if not n.startswith("__")]), vars(WithVars)["__init__"].__name__)
print(public_globals())


def nested_locals():
    outer_v = "o"

    def mid():
        mid_v = "m"
        nonlocal outer_v
        outer_v = "changed"

        def leaf():
            return sorted(locals().items())

        return leaf(), sorted(locals())

    return mid(), outer_v


print(nested_locals())


def many_locals():
    a0, a1, a2, a3, a4, a5, a6, a7, a8, a9 = range(10)
    total = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9
    return total, len(locals())


print(many_locals())
