# with statements: custom context managers, suppression, nesting, exceptions
# raised in __enter__/__exit__, contextlib helpers.
import contextlib
import io

log = []


class CM:
    def __init__(self, name, suppress=False, fail_enter=False, fail_exit=False):
        self.name = name
        self.suppress = suppress
        self.fail_enter = fail_enter
        self.fail_exit = fail_exit

    def __enter__(self):
        log.append(f"enter {self.name}")
        if self.fail_enter:
            raise RuntimeError(f"enter failed: {self.name}")
        return self.name.upper()

    def __exit__(self, et, ev, tb):
        log.append(f"exit {self.name} {et.__name__ if et else None} {ev}")
        if self.fail_exit:
            raise ValueError(f"exit failed: {self.name}")
        return self.suppress


def run(label, fn):
    log.clear()
    try:
        r = fn()
        print(label, "->", r, log)
    except Exception as e:
        print(label, "raised", type(e).__name__, e, "ctx:", repr(e.__context__), log)


def plain():
    with CM("a") as v:
        log.append(f"body {v}")
    return "done"


def suppressed():
    with CM("s", suppress=True):
        raise KeyError("hidden")
    return "continued after suppression"


def not_suppressed():
    with CM("n"):
        raise KeyError("visible")


def nested():
    with CM("outer") as o, CM("inner", suppress=True) as i:
        log.append(f"body {o} {i}")
        raise ZeroDivisionError("inner suppresses")
    return "nested done"


def nested_outer_suppresses():
    with CM("outer", suppress=True):
        with CM("inner"):
            raise IndexError("goes to outer")
    return "outer handled"


def enter_fails():
    with CM("first"), CM("second", fail_enter=True):
        log.append("never")


def exit_fails():
    with CM("x", fail_exit=True):
        raise TypeError("original")


def return_inside():
    with CM("r"):
        return "returned from with"


def loop_break():
    out = []
    for i in range(5):
        with CM(f"l{i}"):
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
    return out


for name, fn in [("plain", plain), ("suppressed", suppressed), ("not_suppressed", not_suppressed),
                 ("nested", nested), ("outer_suppresses", nested_outer_suppresses),
                 ("enter_fails", enter_fails), ("exit_fails", exit_fails),
                 ("return_inside", return_inside), ("loop_break", loop_break)]:
    run(name, fn)

with contextlib.suppress(FileNotFoundError, KeyError):
    {}["x"]
    print("unreachable")
print("after suppress")
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    print("captured line")
    print(1, 2, 3)
print("captured:", repr(buf.getvalue()))
with contextlib.ExitStack() as stack:
    names = [stack.enter_context(CM(f"stack{i}")) for i in range(3)]
    stack.callback(log.append, "callback")
    log.clear()
print(names, log)
with open("/dev/null") as fh:
    print("read", repr(fh.read()), fh.closed)
print("closed", fh.closed)


class Resource:
    opened = 0

    def __enter__(self):
        Resource.opened += 1
        return self

    def __exit__(self, *exc):
        Resource.opened -= 1
        return False


with Resource() as r1:
    with Resource() as r2:
        print("open now", Resource.opened, r1 is not r2)
print("open after", Resource.opened)
try:
    with CM("attr-missing"), 42:
        pass
except (TypeError, AttributeError) as e:
    print(type(e).__name__, e, log[-2:])
