"""Frame objects of compiled code: sys._getframe, frames kept after the
function returned, inspect.stack, tracebacks, generators in between."""
import inspect
import sys

NAME = "b_frames"


def inner(x):
    y = x * 2
    f = sys._getframe()
    line = f.f_lineno  # L:read_lineno
    chain = []
    g = f
    while g is not None:
        chain.append(g.f_code.co_name)
        g = g.f_back
    back = f.f_back
    loc = f.f_locals
    return {
        "co_name": f.f_code.co_name,
        "f_lineno": line,
        "chain": chain,
        "back_lineno": back.f_lineno,
        "back_locals": sorted(back.f_locals),
        "locals": {k: v for k, v in loc.items() if k in ("x", "y", "line")},
        "local_names": sorted(loc),
    }


def outer(a):
    z = a + 1
    return inner(z)  # L:call_inner


saved = []


def capture(a):
    b = a + 10
    saved.append(sys._getframe())
    c = b * 2
    return c  # L:capture_last


def call_capture(a):
    r = capture(a)  # L:call_capture
    return r


def stack_inner():
    return [(fi.function, fi.lineno, fi.positions)
            for fi in inspect.stack()]  # L:stack_inner


def stack_outer():
    k = 1
    return stack_inner()  # L:stack_outer


def fails(a):
    b = a + 1
    raise KeyError(b)  # L:fails


def fails_outer(a):
    return fails(a) * 2  # L:fails_outer


# A generator runs in the interpreter; it is called by compiled code and
# calls compiled code.
resumers = []


def sq(i):
    return i * i


def gen(n):
    for i in range(n):
        resumers.append(sys._getframe(1).f_code.co_name)
        yield sq(i)


def use_gen(n):
    g = gen(n)
    first = next(g)
    rest = list(g)
    return first, rest, sum(sq(i) for i in range(n))


# ---- checks (run interpreted, see harness.py) ----

def describe_saved(fr):
    if fr is None:
        return None
    back = fr.f_back
    return {
        "co_name": fr.f_code.co_name,
        "f_lineno": fr.f_lineno,
        "f_locals": dict(fr.f_locals),
        "back": back and (back.f_code.co_name, back.f_lineno,
                          dict(back.f_locals)
                          if back.f_code.co_name == "call_capture" else None),
    }


def tb_entries(fn, *args):
    try:
        fn(*args)
    except KeyError as e:
        tb, out = e.__traceback__, []
        while tb is not None:
            f = tb.tb_frame
            out.append((f.f_code.co_name, tb.tb_lineno,
                        dict(f.f_locals) if f.f_code.co_name != "tb_entries"
                        else None))
            tb = tb.tb_next
        return out
    return None


def checks(T, native, interp):
    T.native(native, "inner", "outer", "capture", "call_capture",
             "stack_inner", "stack_outer", "fails", "fails_outer", "sq",
             "use_gen", "gen", "use_gen.<locals>.<genexpr>")

    ref = interp.outer(4)
    before = T.calls()
    got = native.outer(4)
    T.ran_natively(before, "outer and inner", at_least=2)
    T.eq(got["co_name"], "inner", "sys._getframe().f_code.co_name")
    T.eq(got["f_lineno"], T.line("read_lineno"), "f_lineno read in place")
    T.eq(got["chain"][:3], ["inner", "outer", "checks"],
         "f_back chain: inner, outer, the interpreted caller")
    T.eq(got["chain"], ref["chain"], "whole f_back chain as interpreted")
    T.eq(got["back_lineno"], T.line("call_inner"),
         "the caller's f_lineno is its call line")
    T.eq(got["locals"], {"x": 5, "y": 10, "line": T.line("read_lineno")},
         "f_locals values")
    T.eq(got, ref, "all of it as interpreted (also local names, caller's "
         "locals)")

    for how, call in (("native caller", lambda m: m.call_capture(5)),
                      ("interpreted caller", lambda m: m.capture(5))):
        del interp.saved[:], native.saved[:]
        call(interp)
        ref = describe_saved(interp.saved[0])
        before = T.calls()
        call(native)
        T.ran_natively(before, "capture (%s)" % how)
        got = describe_saved(native.saved[0] if native.saved else None)
        T.ok(got and got["f_locals"] == {"a": 5, "b": 15, "c": 30},
             "frame kept after return (%s): f_locals" % how, got)
        T.ok(got and got["f_lineno"] == T.line("capture_last"),
             "... f_lineno is the last line run (%s)" % how, got)
        T.ok(got and got["back"] and got["back"][0] == (
            "call_capture" if how == "native caller" else "<lambda>"),
             "... f_back is the caller's frame (%s)" % how, got)
        T.eq(got, ref, "... all as interpreted (%s)" % how)
        del interp.saved[:], native.saved[:]

    ref = interp.stack_outer()
    before = T.calls()
    got = native.stack_outer()
    T.ran_natively(before, "stack_outer and stack_inner", at_least=2)
    T.eq([e[:2] for e in got[:3]],
         [("stack_inner", T.line("stack_inner")),
          ("stack_outer", T.line("stack_outer")), ("checks", got[2][1])],
         "inspect.stack() lists the compiled functions, with their lines")
    T.eq(got[:2], ref[:2], "inspect.stack() as interpreted (also positions)")
    T.eq([e[0] for e in got], [e[0] for e in ref],
         "inspect.stack() names the same callers as interpreted")

    ref = tb_entries(interp.fails_outer, 1)
    before = T.calls()
    got = tb_entries(native.fails_outer, 1)
    T.ran_natively(before, "fails_outer and fails", at_least=2)
    T.eq([e[:2] for e in got or []][1:],
         [("fails_outer", T.line("fails_outer")), ("fails", T.line("fails"))],
         "traceback through compiled frames: names and lines")
    T.eq(got, ref, "traceback frames' f_locals as interpreted")

    del interp.resumers[:], native.resumers[:]
    ref = interp.use_gen(5)
    before = T.calls()
    got = native.use_gen(5)
    T.ran_natively(before, "use_gen and sq called from the generator",
                   at_least=11)
    T.eq(got, ref, "generator called from compiled code, calling compiled "
         "code")
    T.eq(native.resumers, interp.resumers,
         "the generator's f_back is the frame that resumed it")
