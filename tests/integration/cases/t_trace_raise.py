# An exception raised in a compiled frame while a trace function is set:
# the frame reports the 'exception' event and its handler's lines, as the
# interpreter does. Tracing starts in the callee that raises, for its
# caller (CPython's test_sys_settrace test_09_settrace_and_raise): frames
# go on in the interpreter where tracing is on, so this is where a native
# frame sees an exception under a trace function. Also with values on the
# stack under the handler, in a frame without a handler, in a `with`, in
# a generator, and with a trace function that raises on the event.
import sys

events = []


def tracer(frame, event, arg):
    if frame.f_globals is globals():
        name = frame.f_code.co_name
        line = frame.f_lineno - frame.f_code.co_firstlineno
        if event == "exception":
            events.append((name, event, line, arg[0].__name__))
        else:
            events.append((name, event, line))
    return tracer


def raising_tracer(frame, event, arg):
    if event == "exception" and frame.f_code.co_name == "victim":
        raise ValueError("from the tracer")
    return raising_tracer


def starts_and_fails(x, func=tracer):
    """Traces the caller from here on, then raises IndexError (x > 0)."""
    if x > 0:
        sys._getframe(1).f_trace = func
        sys.settrace(func)
    return [x][x]


def settrace_and_raise():
    try:
        starts_and_fails(1)
    except IndexError:
        pass
    sys.settrace(None)
    return "caught"


def stacked(n):
    total = 0
    for i in range(n):
        try:
            total += (i, [i, starts_and_fails(i)])[0]
        except IndexError as exc:
            total += len(str(exc))
    sys.settrace(None)
    return total


def passes_through(x):
    y = x + 1
    return starts_and_fails(y) + y


def outer(x):
    try:
        return passes_through(x)
    except IndexError:
        return "outer caught"
    finally:
        sys.settrace(None)


class Resource:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return exc[0] is IndexError


def in_with(x):
    with Resource():
        starts_and_fails(x)
    sys.settrace(None)
    return "swallowed"


def gen(n):
    for i in range(n):
        try:
            yield 10 + starts_and_fails(i)
        except IndexError:
            yield -1
    sys.settrace(None)


def victim(x):
    try:
        starts_and_fails(x, raising_tracer)
    except ValueError as exc:
        sys.settrace(None)
        return "tracer's: %s" % exc
    except IndexError:
        return "original"


# Each function once untraced, so that each has run natively.
print(stacked(1), outer(-1), in_with(0), victim(0), list(gen(1)))

for label, run in [("settrace and raise", settrace_and_raise),
                   ("stacked", lambda: stacked(3)),
                   ("passes through", lambda: outer(1)),
                   ("with", lambda: in_with(2)),
                   ("generator", lambda: list(gen(3))),
                   ("tracer raises", lambda: victim(4))]:
    events.clear()
    print(label, run())
    for event in events:
        print("   ", event)
