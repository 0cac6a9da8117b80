"""Compiled code calling functions that stay interpreted (made by exec
here, as the standard library's are and as code that falls back is):
their frames are pushed by the caller and handed to the evaluator. Every
call shape: all parameters, defaults (replaced, removed), methods and
__getitem__, closures, generator functions, functions that raise (their
tracebacks), that look at their caller's frame, that recurse through
compiled code to the recursion limit and through enough frames to fill
a chunk of the data stack; __code__ swapped between compiled and
interpreted code under one call site; and the same calls while tracing,
which the evaluator must see (call, line and return events)."""
import sys
import traceback

SOURCE = '''
def pair(a, b=10, c=20):
    return (a, b, c)

def caller_name():
    f = sys._getframe(1)
    return f.f_code.co_name, f.f_lineno - f.f_code.co_firstlineno

def fails(x):
    return 1 // x

def make_counter():
    n = 0
    def bump(k):
        nonlocal n
        n += k
        return n
    return bump

def countdown(n):
    while n:
        yield n
        n -= 1

def down(n):
    return n if n <= 0 else compiled_down(n - 1)

class Box:
    def __init__(self, items):
        self.items = items
    def __getitem__(self, i):
        return self.items[i] * 2
    def get(self, i, scale=1):
        return self.items[i] * scale
'''
ns = {"sys": sys}
exec(SOURCE, ns)
pair, caller_name, fails = ns["pair"], ns["caller_name"], ns["fails"]
make_counter, countdown, down, Box = (ns["make_counter"], ns["countdown"],
                                      ns["down"], ns["Box"])


def compiled_down(n):
    return down(n - 1)


ns["compiled_down"] = compiled_down


def shapes():
    out = []
    for i in range(3):
        out.append(pair(i))
        out.append(pair(i, i + 1))
        out.append(pair(i, i + 1, i + 2))
    pair.__defaults__ = (7, 8)
    out.append(pair(1))
    pair.__defaults__ = None
    try:
        pair(1)
    except TypeError as e:
        out.append(str(e))
    pair.__defaults__ = (10, 20)
    print(out)


def frames_and_errors():
    print(caller_name())
    for x in (2, 0):
        try:
            print(fails(x))
        except ZeroDivisionError:
            lines = traceback.format_exc().splitlines()
            print([l for l in lines if "line" in l and "File" not in l] or
                  [l.split(",")[1:] for l in lines if "File" in l])


def closures_and_generators():
    bump = make_counter()
    print([bump(k) for k in range(5)])
    g = countdown(3)
    print(type(g).__name__, list(g), list(countdown(0)))


def methods():
    b = Box([1, 2, 3])
    print(b[0] + b[1] + b[2], b.get(1), b.get(2, 10))


def recursion():
    print(compiled_down(50))
    try:
        compiled_down(10 ** 6)
    except RecursionError:
        # (not its message: which check meets the limit first depends on
        # whether the interpreter has specialised the comparison yet)
        print("RecursionError")
    # deep, but within the limit: frames across chunks of the data stack
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(4000)
    print(compiled_down(3000))
    sys.setrecursionlimit(limit)


def compiled_pair(a, b=10, c=20):
    return ("compiled", a, b, c)


def swapped_code():
    original = pair.__code__
    out = []
    for code in (original, compiled_pair.__code__, original):
        pair.__code__ = code
        out.append(pair(1))
    print(out)


def traced():
    events = []

    def tracer(frame, event, arg):
        if frame.f_code.co_name in ("pair", "fails"):
            events.append((frame.f_code.co_name, event))
        return tracer

    sys.settrace(tracer)
    try:
        pair(1)
        try:
            fails(0)
        except ZeroDivisionError:
            pass
    finally:
        sys.settrace(None)
    print(events)


shapes()
frames_and_errors()
closures_and_generators()
methods()
recursion()
swapped_code()
traced()
