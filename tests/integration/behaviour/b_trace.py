"""sys.settrace / sys.setprofile: compiled code falls back to the
interpreter and gives exactly the interpreter's events."""
import sys

NAME = "b_trace"


def body(n):
    total = 0  # L:body_first
    for i in range(n):
        if i % 3 == 0:
            continue
        elif i % 2:
            total += i
        else:
            total -= 1
    try:
        raise ValueError(total)
    except ValueError as e:
        total = e.args[0] * 2
    while total > 100:
        total //= 2
    return total  # L:body_last


def helper(x):
    return x + 1


def caller(n):
    a = helper(n)
    b = body(a)
    return len(str(b)) + helper(b)


def start_tracing_inside(tracer, n):
    sys.settrace(tracer)
    r = body(n)
    sys.settrace(None)
    return r


def enable(tracer):
    sys.settrace(tracer)


def outer_enable(tracer, n):
    enable(tracer)
    r = caller(n)
    sys.settrace(None)
    return r


# ---- checks (run interpreted, see harness.py) ----

def traced(fn, *args):
    events = []

    def tracer(frame, event, arg):
        events.append((event, frame.f_code.co_name, frame.f_lineno))
        return tracer

    sys.settrace(tracer)
    try:
        result = fn(*args)
    finally:
        sys.settrace(None)
    return result, events


def profiled(fn, *args):
    events = []

    def prof(frame, event, arg):
        name = getattr(arg, "__name__", None) if event.startswith("c_") else None
        events.append((event, frame.f_code.co_name, name))

    sys.setprofile(prof)
    try:
        result = fn(*args)
    finally:
        sys.setprofile(None)
    return result, events


def traced_inside(fn, *args):
    events = []

    def tracer(frame, event, arg):
        events.append((event, frame.f_code.co_name, frame.f_lineno))
        return tracer

    try:
        result = fn(tracer, *args)
    finally:
        sys.settrace(None)
    return result, events


def lines_of(events, name):
    return [e[2] for e in events if e[0] == "line" and e[1] == name]


def checks(T, native, interp):
    T.native(native, "body", "helper", "caller", "start_tracing_inside",
             "enable", "outer_enable")
    before = T.calls()
    expect = interp.caller(7)
    T.eq(native.caller(7), expect, "caller(7) untraced")
    T.ran_natively(before, "caller, helper and body untraced", at_least=4)

    ref, ref_ev = traced(interp.caller, 7)
    before = T.calls()
    got, got_ev = traced(native.caller, 7)
    T.eq(T.calls() - before, 0,
         "under sys.settrace no native frame is entered (native_calls +0)")
    T.eq(got, ref, "traced caller(7) returns the same")
    T.ok(len(lines_of(ref_ev, "body")) > 10
         and T.line("body_first") in lines_of(ref_ev, "body")
         and T.line("body_last") in lines_of(ref_ev, "body"),
         "interpreted reference traces body's lines", ref_ev)
    T.eq(lines_of(got_ev, "body"), lines_of(ref_ev, "body"),
         "settrace: body's 'line' events as interpreted")
    T.eq(got_ev, ref_ev,
         "settrace: all (event, co_name, lineno) as interpreted")

    ref, ref_ev = profiled(interp.caller, 7)
    before = T.calls()
    got, got_ev = profiled(native.caller, 7)
    T.eq(T.calls() - before, 0,
         "under sys.setprofile no native frame is entered (native_calls +0)")
    T.eq([e for e in got_ev if e[0] in ("call", "return")],
         [e for e in ref_ev if e[0] in ("call", "return")],
         "setprofile: 'call'/'return' events as interpreted")
    T.eq(got_ev, ref_ev, "setprofile: all events (also c_call/c_return) as "
         "interpreted")

    # Tracing switched on while a native frame runs: its callees are traced.
    ref, ref_ev = traced_inside(interp.start_tracing_inside, 9)
    got, got_ev = traced_inside(native.start_tracing_inside, 9)
    T.ok(lines_of(ref_ev, "body") and not any(
        e[1] == "start_tracing_inside" for e in ref_ev),
        "interpreted reference: body traced, the frame that called "
        "settrace not", ref_ev)
    T.eq((got, got_ev), (ref, ref_ev),
         "settrace called inside native code: later calls traced as "
         "interpreted")
    ref, ref_ev = traced_inside(interp.outer_enable, 5)
    got, got_ev = traced_inside(native.outer_enable, 5)
    T.ok(lines_of(ref_ev, "caller") and lines_of(ref_ev, "body"),
         "interpreted reference: caller and body traced", ref_ev)
    T.eq((got, got_ev), (ref, ref_ev),
         "settrace called by a native callee: the native caller's later "
         "calls traced as interpreted")

    # Like coverage.py stopping: native again.
    before = T.calls()
    T.eq(native.caller(7), expect, "caller(7) after tracing")
    T.ran_natively(before, "caller, helper and body after tracing was "
                   "removed", at_least=4)
    before = T.calls()
    native.body(4)
    T.ran_natively(before, "body after tracing was removed")
