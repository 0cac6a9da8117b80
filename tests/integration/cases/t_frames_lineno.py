# sys._getframe(): f_lineno, f_code.co_name, f_back chains, f_locals,
# line numbers inside loops, multi-line expressions and nested functions.
import sys


def here():
    f = sys._getframe(1)
    return (f.f_code.co_name, f.f_lineno)


def where_am_i():
    return sys._getframe().f_code.co_name, sys._getframe().f_lineno


print(where_am_i())
print(here())


def caller_chain(depth=4):
    names = []
    f = sys._getframe()
    for _ in range(depth):
        if f is None:
            break
        names.append((f.f_code.co_name, f.f_lineno))
        f = f.f_back
    return names


def level_a():
    return level_b()


def level_b():
    return level_c()


def level_c():
    return caller_chain()


print(level_a())


def loop_lines():
    seen = []
    for i in range(3):
        seen.append(here())
        if i == 1:
            seen.append(here())
    j = 0
    while j < 2:
        j += 1
        seen.append(here())
    return seen


print(loop_lines())


def multi_line_call():
    return here(
    )


def multi_line_expr():
    value = (1 +
             2 +
             here()[1])
    return value


print(multi_line_call(), multi_line_expr())


def frame_locals():
    alpha = 1
    beta = "two"
    f = sys._getframe()
    snap = {k: v for k, v in f.f_locals.items() if k in ("alpha", "beta")}
    alpha = 100
    snap2 = sys._getframe().f_locals["alpha"]
    return snap, snap2


print(frame_locals())


def outer():
    def inner():
        f = sys._getframe()
        return f.f_code.co_name, f.f_code.co_qualname if hasattr(f.f_code, "co_qualname") else None, f.f_back.f_code.co_name
    return inner()


print(outer())


class K:
    def method(self):
        return here()

    @property
    def prop(self):
        return sys._getframe().f_code.co_name, sys._getframe().f_lineno

    def __repr__(self):
        return repr(here())


print(K().method(), K().prop, repr(K()))
print((lambda: here())(), [here() for _ in range(1)])
print(sys._getframe().f_code.co_name, sys._getframe().f_lineno, sys._getframe().f_globals["__name__"] == __name__)


def exception_line():
    try:
        x = 1
        y = 0
        return x / y
    except ZeroDivisionError as e:
        tb = e.__traceback__
        return tb.tb_lineno, tb.tb_frame.f_code.co_name, tb.tb_frame.f_lineno


print(exception_line())


def lineno_after_call():
    a = here()
    b = sys._getframe().f_lineno
    c = here()
    return a[1], b, c[1]


print(lineno_after_call())


def code_info():
    co = sys._getframe().f_code
    return co.co_name, co.co_argcount, co.co_firstlineno, co.co_varnames[:2]


print(code_info())
print(here.__code__.co_firstlineno, K.method.__code__.co_firstlineno, K.method.__code__.co_qualname)


# A frame kept past its return reports the line it returned from, also
# when nothing on the way there could raise.
def kept_frame_returns_const():
    fr = sys._getframe()
    x = 1
    return 42, fr


def kept_frame_returns_local():
    fr = sys._getframe()
    y = fr
    return y


def kept_frame_returns_none():
    global kept
    kept = sys._getframe()
    z = 3


print(kept_frame_returns_const()[1].f_lineno)
print(kept_frame_returns_local().f_lineno)
kept_frame_returns_none()
print(kept.f_lineno)
