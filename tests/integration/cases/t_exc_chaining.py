# Exception chaining: raise from, implicit __context__, __suppress_context__,
# raise from None, chains printed via traceback.format_exception (basenames only).
import os
import traceback


def clean(text):
    # keep tracebacks comparable: only the basename of file names
    out = []
    for line in text.splitlines():
        if line.strip().startswith('File "'):
            pre, rest = line.split('File "', 1)
            path, post = rest.split('"', 1)
            line = pre + 'File "' + os.path.basename(path) + '"' + post
        out.append(line)
    return "\n".join(out)


class ConfigError(Exception):
    pass


def parse(value):
    try:
        return int(value)
    except ValueError as e:
        raise ConfigError(f"bad value {value!r}") from e


def parse_hidden(value):
    try:
        return int(value)
    except ValueError:
        raise ConfigError("hidden cause") from None


def implicit(value):
    try:
        return {"a": 1}[value]
    except KeyError:
        return undefined_name_here


def describe(e):
    return (type(e).__name__, str(e), type(e.__cause__).__name__, type(e.__context__).__name__,
            e.__suppress_context__)


for fn, arg in [(parse, "12"), (parse, "x1"), (parse_hidden, "q"), (implicit, "b")]:
    try:
        print("ok", fn(arg))
    except Exception as e:
        print(fn.__name__, describe(e))

try:
    parse("zz")
except ConfigError as e:
    print(clean("".join(traceback.format_exception(e))))
try:
    implicit("zz")
except NameError as e:
    print(clean("".join(traceback.format_exception(e))))
try:
    parse_hidden("zz")
except ConfigError as e:
    print(clean("".join(traceback.format_exception(e))))


def chain_of_three():
    try:
        try:
            [][1]
        except IndexError as e1:
            raise KeyError("second") from e1
    except KeyError as e2:
        raise RuntimeError("third")


try:
    chain_of_three()
except RuntimeError as e:
    depth = 0
    cur = e
    while cur is not None:
        print("  " * depth, type(cur).__name__, cur, "cause:", type(cur.__cause__).__name__)
        cur = cur.__cause__ or cur.__context__
        depth += 1
    print(clean("".join(traceback.format_exception(e))))

e = ValueError("manual")
e.__cause__ = TypeError("set by hand")
print(e.__suppress_context__, repr(e.__cause__))
try:
    raise e
except ValueError as got:
    print(got.__suppress_context__, repr(got.__cause__), got.__traceback__.tb_lineno)
try:
    raise ValueError("x") from 5
except TypeError as te:
    print("TypeError:", te)
try:
    try:
        raise OSError("first")
    finally:
        print("finally runs before handler")
except OSError as ose:
    print("caught", ose, ose.__context__)


def context_in_finally():
    try:
        raise ValueError("in try")
    finally:
        return "finally swallowed"


print(context_in_finally())
err = None
try:
    try:
        1 / 0
    except ZeroDivisionError as zde:
        err = zde
        raise
except ZeroDivisionError as again:
    print(again is err, again.__context__, [ln for ln in traceback.format_tb(again.__traceback__)].__len__())
