"""RecursionError in compiled code, at the interpreter's depth, and the
interpreter stays healthy afterwards."""
import sys

NAME = "b_recursion"

deepest_seen = 0


def deepest(n):
    global deepest_seen
    deepest_seen = n
    return deepest(n + 1)


def probe():
    """Recurses until RecursionError, catches it here; returns the depth."""
    global deepest_seen
    deepest_seen = 0
    try:
        deepest(0)
    except RecursionError as e:
        return deepest_seen, type(e).__name__
    return None


def down(n):
    if n == 0:
        return 0
    return down(n - 1) + 1


def alternate(n, other, me):
    """Native and interpreted frames taking turns."""
    global deepest_seen
    deepest_seen = n
    return other(n + 1, me, other)


def deep_main(n):
    """(In a child process.)  A legal recursion of N frames under a raised
    limit: 3.11's interpreter needs no C stack for it."""
    n = int(n)
    sys.setrecursionlimit(n + 100)
    try:
        r = down(n)
    except RecursionError:
        r = "RecursionError"
    print("result", r, __pyaot_stats__()["native_calls"], flush=True)


def deep_drive(native, interp, n):
    """(In a child process.)  The same, interpreted, but with the pyaot
    frame evaluator installed."""
    interp.deep_main(n)


# ---- checks (run interpreted, see harness.py) ----

def stack_depth():
    f, n = sys._getframe(1), 0
    while f is not None:
        n, f = n + 1, f.f_back
    return n


def run_deepest(mod):
    mod.deepest_seen = 0
    try:
        mod.deepest(0)
    except RecursionError:
        return mod.deepest_seen
    return None


def close(a, b):
    return a is not None and b is not None and abs(a - b) <= 5


def checks(T, native, interp):
    T.native(native, "deepest", "probe", "down", "alternate")
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(200)
    try:
        ref = run_deepest(interp)
        ref_probe = interp.probe()
        before = T.calls()
        first = run_deepest(native)
        T.ran_natively(before, "deepest", at_least=100)
        T.ok(first is not None, "native recursion raises RecursionError "
             "at recursion limit 200 (caught by the caller)")
        T.ok(close(first, ref), "... at the interpreter's depth (+-5)",
             "interpreted: depth %r, native: depth %r" % (ref, first))

        got = native.probe()
        T.ok(got is not None and got[1] == "RecursionError"
             and close(got[0], ref_probe[0]),
             "RecursionError caught inside compiled code, at the "
             "interpreter's depth (+-5)",
             "interpreted: %r, native: %r" % (ref_probe, got))

        depth = stack_depth()
        T.ok(depth + 151 < 200, "room for 150 more frames",
             "current depth %d" % depth)
        before = T.calls()
        try:
            r = native.down(150)
        except RecursionError as e:
            r = e
        T.eq(r, 150, "then a legal recursion of 150 native frames works")
        T.ran_natively(before, "down", at_least=151)
        try:
            r = interp.down(150)
        except RecursionError as e:
            r = e
        T.eq(r, 150, "... and of 150 interpreted frames")

        third = run_deepest(native)
        T.ok(close(third, ref), "a third RecursionError comes at the "
             "interpreter's depth (+-5)",
             "interpreted: depth %r, native: first %r, third %r"
             % (ref, first, third))
        T.eq(third, first, "... at the same depth as the first (nothing "
             "leaked)")
        T.eq(run_deepest(interp), ref, "the interpreted recursion limit "
             "is unchanged after the native RecursionErrors")

        interp.deepest_seen = native.deepest_seen = 0
        try:
            native.alternate(0, interp.alternate, native.alternate)
            mixed = None
        except RecursionError:
            mixed = max(interp.deepest_seen, native.deepest_seen)
        interp.deepest_seen = 0
        try:
            interp.alternate(0, interp.alternate, interp.alternate)
            ref_mixed = None
        except RecursionError:
            ref_mixed = interp.deepest_seen
        T.ok(close(mixed, ref_mixed), "native and interpreted frames "
             "alternating: RecursionError at the interpreter's depth (+-5)",
             "interpreted only: %r, alternating: %r" % (ref_mixed, mixed))
    finally:
        sys.setrecursionlimit(old)
    T.eq(run_deepest(native) is None, False,
         "RecursionError at the default limit too")

    n = 50000
    ref = T.child("interp", "deep_main", n, timeout=20)
    T.eq(ref[:2], (0, "before -1\nresult %d -1\n" % n),
         "interpreter without pyaot: recursion of %d frames under "
         "setrecursionlimit(%d)" % (n, n + 100))
    for mode, what in (("native", "native recursion"),
                       ("drive", "interpreted recursion with the pyaot "
                        "evaluator installed")):
        got = T.child(mode, "deep_drive" if mode == "drive" else "deep_main",
                      n, timeout=20)
        res = got[1].split()
        T.ok(got[0] == 0 and len(res) >= 3 and res[-2] in (str(n),
                                                           "RecursionError"),
             "%s of %d frames under setrecursionlimit(%d): completes or "
             "raises RecursionError, no crash" % (what, n, n + 100),
             "child exit status %s (interpreter without pyaot: %s)"
             % (got[0], ref[0]),
             "stdout: " + got[1], "stderr: " + T.excerpt(got[2]))
        if mode == "native" and got[0] == 0 and len(res) == 5:
            T.ok(int(res[4]) > int(res[1]) + 1000,
                 "... and it ran natively", "stdout: " + got[1])
