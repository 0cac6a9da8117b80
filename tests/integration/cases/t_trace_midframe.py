# Tracing switched on while a compiled frame runs: by sys.settrace in the
# frame itself, in a function it calls, from a signal handler, inside a
# generator, and by pdb.set_trace() driven by a script. The frame goes on
# in the interpreter from the next instruction, so the trace events and
# the debugger's session are the ones the interpreter gives.
import io
import os
import pdb
import signal
import sys

events = []


def tracer(frame, event, arg):
    if frame.f_globals is globals():
        events.append((frame.f_code.co_name, event, frame.f_lineno))
    return tracer


def start_tracing(frame):
    frame.f_trace = tracer
    sys.settrace(tracer)


def in_place(n):
    total = 0
    for i in range(n):
        total += i
        if i == 2:
            start_tracing(sys._getframe())
    result = total * 2
    sys.settrace(None)
    return result


def callee_starts(depth):
    if depth == 0:
        start_tracing(sys._getframe(1))
        return "started"
    return callee_starts(depth - 1) + "!"


def caller(n):
    got = callee_starts(n)
    after = got.upper()
    sys.settrace(None)
    return after


def on_signal(signum, frame):
    start_tracing(frame)


def signalled(n):
    count = 0
    for i in range(n):
        count += i
        if i == 3:
            os.kill(os.getpid(), signal.SIGUSR1)
        count -= 1
    sys.settrace(None)
    return count


def gen(n):
    for i in range(n):
        if i == 1:
            start_tracing(sys._getframe())
        yield i * 10
    sys.settrace(None)


for label, run in [("in place", lambda: in_place(5)),
                   ("callee", lambda: caller(2)),
                   ("generator", lambda: list(gen(3)))]:
    events.clear()
    print(label, run(), events)

old = signal.signal(signal.SIGUSR1, on_signal)
events.clear()
print("signal", signalled(6), events)
signal.signal(signal.SIGUSR1, old)


def debugged(values):
    acc = []
    for v in values:
        acc.append(v * 2)
    session.set_trace()
    doubled = sum(acc)
    label = "sum=%d" % doubled
    return label


script = io.StringIO("p acc\nn\nn\np doubled\np values\nc\n")
out = io.StringIO()
session = pdb.Pdb(stdin=script, stdout=out, nosigint=True)
session.use_rawinput = False
print(debugged([1, 2, 3]))
sys.settrace(None)
here = os.path.dirname(sys._getframe().f_code.co_filename)
print(out.getvalue().replace(here + os.sep, ""))
