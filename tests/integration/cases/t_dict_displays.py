"""Dict displays ({k: v, ...}): of constant str keys (compiled, those of
more than five keys are copies of a dict of their keys, values then
replaced), of other constant keys, and of computed keys. Each must give
the interpreter's dict: its items and their order, later duplicates
winning, the size of its table (sys.getsizeof) before and after it
grows, the collector tracking it exactly when a value is a container,
its values not kept alive by anything else, and values evaluated in
order; many displays taking turns, recursion and threads."""
import gc
import sys
import threading
import weakref


def six(v):
    return {"a": v, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6}


def seven(v):
    return {"name": v, "order": 1, "count": 2, "price": 3, "a": 4, "b": 5,
            "c": 6}


def twelve(v):
    return {"k0": v, "k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5, "k6": 6,
            "k7": 7, "k8": 8, "k9": 9, "k10": 10, "k11": 11}


def duplicates(v):
    return {"a": v, "b": 1, "a": 2, "c": 3, "d": 4, "e": 5, "f": 6, "b": v}


def small(v):
    return {"x": v, "y": 2}


def int_keys(v):
    return {1: v, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7}


def mixed_keys(v):
    return {"a": v, 1: 1, "b": 2, b"k": 3, "c": 4, None: 5, 2.5: 6}


def computed_keys(v):
    k = "key%s" % (v,)
    return {k: v, "a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6}


SHAPES = (six, seven, twelve, duplicates, small, int_keys, mixed_keys,
          computed_keys)


def describe(d):
    return (list(d.items()), sys.getsizeof(d), gc.is_tracked(d))


def shapes_and_sizes():
    for make in SHAPES:
        for v in (0, "s", [1]):
            d = make(v)
            print(make.__name__, describe(d))
        d["added"] = 1
        d["more"] = 2
        del d[next(iter(d))]
        print(" grown", describe(d))


def taking_turns():
    # more displays than the compiled code remembers at once
    ns = {}
    src = "\n".join(
        "def d%d(v):\n    return {%s}" % (i, ", ".join(
            "'k%d_%d': v" % (i, j) for j in range(6 + i % 4)))
        for i in range(80))
    exec(src, ns)
    total = 0
    for rnd in range(3):
        for i in range(80):
            d = ns["d%d" % i](rnd)
            d2 = seven(i)
            total += len(d) + sum(d.values()) + len(d2)
    print(total)


class Payload:
    pass


def values_not_kept():
    p = Payload()
    r = weakref.ref(p)
    d = seven(p)
    d2 = seven(1)
    print(d2["name"], r() is p)
    del d, p
    gc.collect()
    print(r() is None)


def evaluation_order():
    seen = []

    def note(x):
        seen.append(x)
        return x
    d = {"a": note(1), "b": note(2), "c": note(3), "d": note(4),
         "e": note(5), "f": note(6), "a": note(7)}
    print(d, seen)


def failing_value():
    def bad():
        raise ValueError("no value")
    try:
        {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": bad(), "g": 7}
    except ValueError as e:
        print("ValueError", e)


def nested(n):
    return {"n": n, "a": 1, "b": 2, "c": 3, "d": 4,
            "inner": nested(n - 1) if n else None}


def threads():
    out = []

    def work(k):
        ds = [seven(k) for _ in range(3000)]
        out.append((k, all(d == ds[0] for d in ds), len(ds[0])))
    ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    list(map(threading.Thread.start, ts))
    list(map(threading.Thread.join, ts))
    print(sorted(out))


shapes_and_sizes()
taking_turns()
values_not_kept()
evaluation_order()
failing_value()
print(nested(3))
threads()
