# A generator's frame moves between native code and the interpreter:
# suspended natively and resumed under sys.settrace (the interpreter runs
# it, reporting its lines), started under tracing and resumed natively
# once tracing is off; also a traced throw() and a traced yield from.
import sys

# The lambdas only ever run under tracing, where the interpreter runs
# everything.
# pyaot-fallback-ok: <lambda>

events = []


def tracer(frame, event, arg):
    if frame.f_code.co_name in ("walk", "relay", "guarded"):
        events.append((frame.f_code.co_name, event, frame.f_lineno))
    return tracer


def walk(n):
    total = 0
    for i in range(n):
        sent = yield i, total
        total += i if sent is None else sent
    return total


def relay(n):
    got = yield from walk(n)
    yield "relayed", got


def guarded():
    try:
        yield "first"
    except KeyError:
        yield "caught"
    yield "after"


def traced(fn):
    sys.settrace(tracer)
    try:
        return fn()
    finally:
        sys.settrace(None)


g = walk(4)
print(next(g), g.send(10))          # native
print(traced(lambda: g.send(5)))    # the interpreter resumes it
print(next(g))                      # native again
try:
    traced(lambda: next(g))
except StopIteration as e:
    print("returned", e.value)
print(events)

events.clear()
h = traced(lambda: walk(3))                  # made under tracing
print(traced(lambda: next(h)), next(h), events)
events.clear()
r = relay(3)
print(next(r), traced(lambda: r.send(1)), next(r), next(r))
print(events)

events.clear()
q = guarded()
print(next(q), traced(lambda: q.throw(KeyError("k"))), next(q))
print(events)

# A generator left suspended after the interpreter resumed it under
# tracing keeps a frame object whose f_trace leads back here; 3.11 does not
# collect that cycle (interpreted or compiled), so close them.
for gen in (h, r, q):
    gen.close()
