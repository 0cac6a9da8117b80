# ExceptionGroup and except*: splitting, nesting, re-raising unhandled parts,
# subgroup/split/derive, and add_note.
import os
import traceback


def clean(text):
    out = []
    for line in text.splitlines():
        if 'File "' in line:
            head, rest = line.split('File "', 1)
            path, tail = rest.split('"', 1)
            line = head + 'File "' + os.path.basename(path) + '"' + tail
        out.append(line)
    return "\n".join(out)


def leaves(eg):
    out = []
    for e in eg.exceptions:
        if isinstance(e, BaseExceptionGroup):
            out.extend(leaves(e))
        else:
            out.append(f"{type(e).__name__}({e})")
    return out


def make_group():
    return ExceptionGroup("batch", [
        ValueError("v1"),
        TypeError("t1"),
        ExceptionGroup("inner", [ValueError("v2"), KeyError("k1")]),
        OSError("o1"),
    ])


eg = make_group()
print(eg, repr(eg.message), len(eg.exceptions), leaves(eg))
match, rest = eg.split(ValueError)
print("split", leaves(match), leaves(rest))
print("subgroup", leaves(eg.subgroup(lambda e: isinstance(e, (KeyError, OSError)))))
print("none", eg.subgroup(ZeroDivisionError))


def handle(group):
    seen = []
    try:
        raise group
    except* ValueError as g:
        seen.append(("value", leaves(g)))
    except* (TypeError, KeyError) as g:
        seen.append(("type/key", leaves(g)))
    except* OSError as g:
        seen.append(("os", leaves(g), type(g).__name__))
    return seen


print(handle(make_group()))


def partial_handle():
    try:
        raise make_group()
    except* ValueError as g:
        print("handled values", leaves(g))


try:
    partial_handle()
except ExceptionGroup as e:
    print("escaped", type(e).__name__, e.message, leaves(e))
try:
    try:
        raise ValueError("plain")
    except* ValueError as g:
        print("plain exception wrapped:", type(g).__name__, leaves(g))
except Exception as e:
    print("unexpected", e)
try:
    try:
        raise ExceptionGroup("g", [ZeroDivisionError("z")])
    except* ZeroDivisionError:
        raise RuntimeError("raised in handler")
except (ExceptionGroup, RuntimeError) as e:
    print("raised from except*:", type(e).__name__, e, type(e.__context__).__name__)


class MyGroup(ExceptionGroup):
    def derive(self, excs):
        return MyGroup(self.message + "*", excs)


mg = MyGroup("mine", [ValueError("a"), TypeError("b")])
m, r = mg.split(TypeError)
print(type(m).__name__, m.message, leaves(m), type(r).__name__, r.message)
err = ValueError("with notes")
err.add_note("first note")
err.add_note("second note")
print(err.__notes__)
try:
    raise ExceptionGroup("top", [err, KeyError("kk")])
except ExceptionGroup as e:
    print(clean("".join(traceback.format_exception(e))))
try:
    ExceptionGroup("bad", [])
except ValueError as e:
    print("ValueError:", e)
try:
    ExceptionGroup("bad", [KeyboardInterrupt()])
except TypeError as e:
    print("TypeError:", e)
beg = BaseExceptionGroup("base", [KeyboardInterrupt(), ValueError("x")])
print(type(beg).__name__, leaves(beg))
errors = []
for i in range(6):
    try:
        if i % 3 == 0:
            raise ValueError(i)
        if i % 3 == 1:
            raise KeyError(i)
    except (ValueError, KeyError) as e:
        errors.append(e)
try:
    raise ExceptionGroup("collected", errors)
except* KeyError as g:
    print("keys", leaves(g))
except* ValueError as g:
    print("values", leaves(g))
