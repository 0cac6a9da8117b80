# except* in depth: what is re-raised (the original's metadata, derive()
# of a subclass, notes), new exceptions raised from clauses, bare
# exceptions wrapped, invalid clause types, except* inside generators and
# coroutines, and the traceback of a group nobody handles.
import traceback


class Tagged(ExceptionGroup):
    def derive(self, excs):
        print("  derive", [str(e) for e in excs])
        return Tagged(self.message + "'", excs)


def leaves(e):
    if isinstance(e, BaseExceptionGroup):
        return [x for sub in e.exceptions for x in leaves(sub)]
    return [f"{type(e).__name__}({e})"]


def run(label, fn):
    try:
        fn()
        print(label, "handled")
    except BaseException as e:
        print(label, type(e).__name__, leaves(e), getattr(e, "__notes__", None),
              e.__cause__ is not None, type(e.__context__).__name__)


def partial():
    group = Tagged("g", [ValueError(1), TypeError(2),
                         Tagged("inner", [ValueError(3), KeyError(4)])])
    group.add_note("a note")
    try:
        raise group
    except* ValueError as g:
        print("  values", leaves(g), type(g).__name__, g.__notes__)


def reraise_all():
    try:
        raise ExceptionGroup("g", [ValueError(1), OSError(2)])
    except* ValueError:
        raise
    except* OSError:
        pass


def raise_new():
    try:
        raise ExceptionGroup("g", [ValueError(1), OSError(2), KeyError(3)])
    except* ValueError:
        raise RuntimeError("from the clause")
    except* OSError as g:
        raise LookupError("chained") from g


def naked():
    try:
        raise KeyError("bare")
    except* KeyError as g:
        print("  wrapped", type(g).__name__, leaves(g), repr(g.message))
        raise


def naked_unmatched():
    try:
        raise IndexError("bare")
    except* KeyError:
        print("  not reached")


def tuple_types():
    try:
        raise ExceptionGroup("g", [ValueError(1), OSError(2), ZeroDivisionError(3)])
    except* (ValueError, OSError) as g:
        print("  tuple", leaves(g))


def bad_type():
    try:
        raise ExceptionGroup("g", [ValueError(1)])
    except* 42:
        pass


def group_type():
    try:
        raise ExceptionGroup("g", [ValueError(1)])
    except* ExceptionGroup:
        pass


for fn in (partial, reraise_all, raise_new, naked, naked_unmatched,
           tuple_types, bad_type, group_type):
    run(fn.__name__, fn)


def gen():
    try:
        yield 1
        raise ExceptionGroup("in gen", [ValueError("a"), OSError("b")])
    except* ValueError as g:
        yield ("caught in gen", leaves(g))


g = gen()
print(next(g))
print(next(g))
try:
    next(g)
except ExceptionGroup as e:
    print("out of gen", leaves(e))


async def coro():
    result = "not handled"
    try:
        raise ExceptionGroup("in coro", [KeyError("k")])
    except* KeyError:
        result = "handled in coro"
    return result


c = coro()
try:
    c.send(None)
except StopIteration as e:
    print(e.value)

try:
    raise_new()
except BaseException as e:
    print("".join(traceback.format_exception(e)).count("Traceback"))


def unhandled():
    try:
        raise ExceptionGroup("outer", [ValueError("v"), TypeError("t")])
    except* ValueError:
        raise KeyError("during handling")


unhandled()
