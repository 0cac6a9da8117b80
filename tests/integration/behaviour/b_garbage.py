"""Objects made in compiled code die at the interpreter's moments:
reference counts for plain objects, gc.collect() for cycles."""
import gc

NAME = "b_garbage"


class D:
    def __init__(self, name):
        self.name = name
        print("new", name)

    def __del__(self):
        print("del", self.name)


def plain():
    print("start")
    a = D("a")
    b = D("b")
    del a
    print("after del a")
    b = None
    print("after rebind b")
    print("len", len(D("temp").name))
    print("after temporary")
    for i in range(3):
        d = D("loop%d" % i)
    print("after loop")
    items = [D("l0"), D("l1")]
    items.pop(0)
    print("after pop")
    items.clear()
    print("after clear")
    c = D("c")
    print("end")
    return 7


def raiser():
    d = D("in-raiser")
    raise ValueError("x")


def catcher():
    try:
        raiser()
    except ValueError as e:
        print("caught", e)
    print("after except")
    try:
        raiser()
    except ValueError:
        print("caught again")
        err = D("in-handler")
    print("after second except")


def cycles():
    gc.collect()
    x = D("x")
    y = D("y")
    x.other = y
    y.other = x
    z = D("z")
    z.me = z
    del x, y
    z = None
    print("cycles dropped")
    print("collected", gc.collect())
    print("after collect")


def returns_object():
    return D("returned")


def keeps_frame():
    """A frame object that outlives the call keeps its locals alive."""
    import sys
    k = D("local-of-kept-frame")
    return sys._getframe()


# ---- checks (run interpreted, see harness.py) ----

def output(fn):
    import contextlib
    import io
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        fn()
        print("returned")
    return buf.getvalue().splitlines()


def scenario_returned(mod):
    o = mod.returns_object()
    print("got", o.name)
    o = None
    print("dropped")


def scenario_frame(mod):
    f = mod.keeps_frame()
    print("frame kept")
    f = None
    print("frame dropped")


def checks(T, native, interp):
    T.native(native, "D.__init__", "D.__del__", "plain", "raiser", "catcher",
             "cycles", "returns_object", "keeps_frame")
    gc.disable()
    try:
        for fn, desc in (("plain", "refcount deaths: del, rebinding, "
                          "temporaries, loops, containers, return"),
                         ("catcher", "locals of a frame in a caught "
                          "exception's traceback die when it is cleared"),
                         ("cycles", "reference cycles die in gc.collect(), "
                          "same count")):
            ref = output(getattr(interp, fn))
            before = T.calls()
            got = output(getattr(native, fn))
            T.ran_natively(before, fn, at_least=2)
            T.eq(got, ref, "%s: %s, output as interpreted" % (fn, desc))
        for scen, desc in ((scenario_returned, "object returned by compiled "
                            "code"),
                           (scenario_frame, "frame object returned by "
                            "compiled code keeps its locals")):
            ref = output(lambda: scen(interp))
            before = T.calls()
            got = output(lambda: scen(native))
            T.ran_natively(before, scen.__name__)
            T.eq(got, ref, "%s: output as interpreted" % desc)
    finally:
        gc.enable()
