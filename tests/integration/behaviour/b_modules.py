"""Several compiled modules in one process; one importing another;
importlib.reload of a compiled module."""
import importlib
import sys

NAME = "b_modules"


def entry():
    return NAME


# ---- checks (run interpreted, see harness.py) ----

def checks(T, native, interp):
    T.native(native, "entry")
    a_was_loaded = "b_mod_a" in sys.modules
    import b_mod_b
    import b_mod_a
    T.ok(not a_was_loaded, "b_mod_a was first imported by b_mod_b's body")
    T.native(b_mod_a, "<module>", "double", "body_runs")
    T.native(b_mod_b, "<module>", "quad", "which_a")
    T.ok(b_mod_b.which_a() is b_mod_a and sys.modules["b_mod_a"] is b_mod_a,
         "b_mod_b's b_mod_a is the compiled module in sys.modules")
    T.eq(b_mod_a.body_runs(), 1, "b_mod_a's body ran once")

    before = T.calls()
    T.eq((native.entry(), b_mod_b.quad(3)), ("b_modules", 12),
         "functions of three compiled modules")
    T.ran_natively(before, "entry, quad and double (twice)", at_least=4)
    T.eq(b_mod_a.__pyaot_stats__(), b_mod_b.__pyaot_stats__(),
         "the modules share one native_calls counter")
    T.eq(native.__pyaot_stats__(), b_mod_b.__pyaot_stats__(),
         "... also with b_modules")

    old_double = b_mod_a.double
    before = T.calls()
    mod = importlib.reload(b_mod_a)
    T.ran_natively(before, "reloaded b_mod_a's body")
    T.ok(mod is b_mod_a and sys.modules["b_mod_a"] is b_mod_a,
         "reload returns the same module object")
    T.eq(b_mod_a.body_runs(), 2, "importlib.reload re-ran the body "
         "(in the same module dict)")
    T.ok(b_mod_a.double is not old_double, "reload made new functions")
    T.native(b_mod_a, "<module>", "double", "body_runs")
    before = T.calls()
    T.eq((b_mod_a.double(5), old_double(6), b_mod_b.quad(1)), (10, 12, 4),
         "new and old functions work after the reload")
    T.ran_natively(before, "new double, old double, quad", at_least=5)

    b_mod_b.marker = "old"
    runs = b_mod_a.body_runs()
    before = T.calls()
    importlib.reload(b_mod_b)
    T.ran_natively(before, "reloaded b_mod_b's body")
    T.ok(b_mod_b.marker == "old" and b_mod_b.which_a() is b_mod_a,
         "reloading b_mod_b keeps its dict, re-imports the same b_mod_a")
    T.eq(b_mod_a.body_runs(), runs,
         "reloading b_mod_b does not re-run b_mod_a")
    before = T.calls()
    T.eq(b_mod_b.quad(2), 8, "reloaded b_mod_b works")
    T.ran_natively(before, "quad and double after the reload", at_least=3)
