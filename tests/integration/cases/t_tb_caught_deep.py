# Exceptions raised deep in call stacks, caught at the top; tracebacks are
# printed with traceback.extract_tb (basenames only) and format_exc (cleaned).
import os
import sys
import traceback


def show_tb(e):
    for fs in traceback.extract_tb(e.__traceback__):
        print("   ", os.path.basename(fs.filename), fs.lineno, fs.name, repr(fs.line))


def cleaned_format_exc():
    out = []
    for line in traceback.format_exc().splitlines():
        if line.lstrip().startswith('File "'):
            head, rest = line.split('File "', 1)
            path, tail = rest.split('"', 1)
            line = head + 'File "' + os.path.basename(path) + '"' + tail
        out.append(line)
    return "\n".join(out)


def level(n, kind):
    if n == 0:
        return fail(kind)
    return level(n - 1, kind) + 1


def fail(kind):
    if kind == "zero":
        return 1 // 0
    if kind == "key":
        return {"a": 1}["b"]
    if kind == "attr":
        return None.upper()
    if kind == "index":
        return [1, 2, 3][10]
    if kind == "type":
        return len(42)
    if kind == "name":
        return undefined_variable_xyz
    if kind == "custom":
        raise LookupError("custom failure", kind)
    return 0


for kind in ["zero", "key", "attr", "index", "type", "name", "custom", "none"]:
    try:
        print(kind, "returned", level(3, kind))
    except Exception as e:
        print(kind, type(e).__name__, e)
        show_tb(e)
        print("    depth", len(traceback.extract_tb(e.__traceback__)))


class Service:
    def __init__(self, data):
        self.data = data

    def lookup(self, key):
        return self._fetch(key)

    def _fetch(self, key):
        return self.data[key]

    @property
    def broken(self):
        return self.missing_attribute


svc = Service({"x": 1})
try:
    svc.lookup("y")
except KeyError:
    print(cleaned_format_exc())
try:
    svc.broken
except AttributeError:
    print(cleaned_format_exc())
try:
    list(map(lambda v: 10 / v, [1, 0]))
except ZeroDivisionError:
    print(cleaned_format_exc())
try:
    [fail("index") for _ in range(2)]
except IndexError as e:
    show_tb(e)


def reraiser():
    try:
        level(2, "zero")
    except ZeroDivisionError as e:
        raise RuntimeError("wrapped") from e


try:
    reraiser()
except RuntimeError as e:
    show_tb(e)
    print("  cause:")
    show_tb(e.__cause__)
    print(cleaned_format_exc())
try:
    sorted([3, 1, 2], key=lambda v: v / (v - 1))
except ZeroDivisionError as e:
    show_tb(e)
try:
    exec("def f():\n    return 1 / 0\nf()", {})
except ZeroDivisionError as e:
    show_tb(e)
et, ev, etb = None, None, None
try:
    level(1, "key")
except KeyError:
    et, ev, etb = sys.exc_info()
print(et.__name__, ev, [f.name for f in traceback.extract_tb(etb)])
print([(f.name, f.lineno) for f in traceback.extract_stack()[-1:]])
