"""PyThreadState_SetAsyncExc stops a thread stuck in a compiled loop."""
import ctypes
import json
import threading
import time

NAME = "b_asyncexc"


class Stop(Exception):
    pass


def stuck(started):
    started.set()
    while True:  # L:stuck
        pass


def stuck_busy(started):
    started.set()
    n = 0
    while True:  # L:stuck_busy
        n += 1  # L:stuck_busy_body


# ---- driven in a child process (a thread that never polls would hold the
# GIL for ever) ----

def drive(native, interp, mode, func):
    """Runs MODE's FUNC in a thread, sends it Stop; prints one JSON line."""
    mod = native if mode == "native" else interp
    stats = native.__pyaot_stats__
    seen = []
    threading.excepthook = lambda args: seen.append(args)
    started = threading.Event()
    before = stats()["native_calls"]
    th = threading.Thread(target=getattr(mod, func), args=(started,),
                          daemon=True)
    th.start()
    res = {"started": started.wait(5)}
    time.sleep(0.05)
    res["set"] = ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(th.ident), ctypes.py_object(mod.Stop))
    th.join(5)
    res["alive"] = th.is_alive()
    res["native_calls"] = stats()["native_calls"] - before
    res["exc"] = [(a.exc_type.__name__, a.exc_type is mod.Stop)
                  for a in seen]
    if seen:
        tb = seen[0].exc_traceback
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        res["where"] = [tb.tb_frame.f_code.co_name, tb.tb_lineno]
    print(json.dumps(res), flush=True)


# ---- checks (run interpreted, see harness.py) ----

def run(T, mode, func):
    rc, out, err = T.child("drive", "drive", mode, func, timeout=6)
    try:
        return json.loads(out.strip().splitlines()[-1]), (rc, out, err)
    except (ValueError, IndexError):
        return None, (rc, out, err)


def checks(T, native, interp):
    T.native(native, "stuck", "stuck_busy")
    for func, lines in (("stuck", [T.line("stuck")]),
                        ("stuck_busy", [T.line("stuck_busy"),
                                        T.line("stuck_busy_body")])):
        ref, _ = run(T, "interp", func)
        got, (rc, out, err) = run(T, "native", func)
        diag = ("child exit status %s" % rc, "stdout: " + out,
                "stderr: " + T.excerpt(err), "interpreted: %r" % (ref,))
        if not T.ok(got is not None, "%s: child reported" % func, *diag):
            continue
        T.ok(got["native_calls"] >= 1 and got["started"],
             "%s ran natively in the thread" % func, *diag)
        T.ok(got["set"] == 1 and not got["alive"],
             "%s: the thread stuck in the compiled loop ended" % func, *diag)
        T.eq(got["exc"], [["Stop", True]],
             "%s: the thread ended with the async exception" % func)
        T.ok(got.get("where") and got["where"][0] == func
             and got["where"][1] in lines,
             "%s: its traceback ends in the loop" % func, *diag)
        T.eq(got.get("where"), ref and ref.get("where"),
             "%s: traceback ends where the interpreter's does" % func)
