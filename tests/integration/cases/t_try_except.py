# try/except/else/finally: nesting, re-raise, except tuples, exception
# variables being cleared, custom exception hierarchy, sys.exc_info.
import sys

order = []


class AppError(Exception):
    def __init__(self, msg, code=0):
        super().__init__(msg, code)
        self.code = code


class NetError(AppError):
    pass


class Timeout(NetError):
    def __str__(self):
        return f"timeout after {self.args[1]}s"


def risky(kind):
    order.append(f"risky({kind})")
    if kind == "zero":
        return 1 / 0
    if kind == "key":
        return {}["missing"]
    if kind == "timeout":
        raise Timeout("slow", 30)
    if kind == "net":
        raise NetError("down", 503)
    if kind == "type":
        return "a" + 1
    return "fine"


def handle(kind):
    try:
        r = risky(kind)
    except (ZeroDivisionError, KeyError) as e:
        order.append("lookup/arith")
        return f"{type(e).__name__}: {e}"
    except Timeout as e:
        return f"Timeout: {e} code={e.code} args={e.args}"
    except AppError as e:
        return f"{type(e).__name__}: {e} code={e.code}"
    except Exception as e:
        return f"other {type(e).__name__}: {e}"
    else:
        order.append("else")
        return f"ok: {r}"
    finally:
        order.append(f"finally({kind})")


for kind in ["ok", "zero", "key", "timeout", "net", "type"]:
    print(handle(kind))
print(order)
order.clear()


def nested():
    try:
        try:
            raise ValueError("inner")
        except ValueError:
            order.append("caught inner")
            raise
        finally:
            order.append("inner finally")
    except ValueError as e:
        order.append(f"outer caught {e}")
        try:
            raise TypeError("second")
        except TypeError as e2:
            order.append(f"caught {e2}, ctx={e2.__context__!r}")
    finally:
        order.append("outer finally")
    return "done"


print(nested(), order)
order.clear()
try:
    raise KeyError("k")
except KeyError as err:
    saved = err
try:
    print(err)
except NameError as e:
    print("NameError:", e)
print("saved", repr(saved))


def exc_info_demo():
    print("before", sys.exc_info()[0])
    try:
        raise IndexError("idx")
    except IndexError:
        t, v, tb = sys.exc_info()
        print("inside", t.__name__, v, tb is not None, tb.tb_lineno)
        try:
            raise OSError(2, "no such thing")
        except OSError as e:
            print("nested", sys.exc_info()[0].__name__, e.errno, e.strerror, str(e))
        print("restored", sys.exc_info()[0].__name__)
    print("after", sys.exc_info())


exc_info_demo()


def reraise_modified():
    try:
        int("not a number")
    except ValueError as e:
        e.args = (e.args[0] + " (modified)",)
        raise


try:
    reraise_modified()
except ValueError as e:
    print("ValueError:", e)
try:
    raise NetError("plain")
except AppError as e:
    print(type(e).__name__, isinstance(e, NetError), e.args, e.code)
for exc_type in (ArithmeticError, LookupError, OSError, Exception):
    try:
        raise exc_type("generic")
    except (LookupError, ArithmeticError) as e:
        print("lookup/arith", type(e).__name__)
    except BaseException as e:
        print("base", type(e).__name__, e)
try:
    raise StopIteration(5)
except StopIteration as e:
    print("StopIteration", e.value, e.args)
errs = {OverflowError: 0, FileNotFoundError: 0}
for ex in (OverflowError, FileNotFoundError, OverflowError):
    try:
        raise ex()
    except tuple(errs) as e:
        errs[type(e)] += 1
print({k.__name__: v for k, v in errs.items()})
