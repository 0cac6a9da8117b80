# Closures: three levels deep, cells modified after closure creation,
# late binding in loops, default-argument capture, shared cells.

def level1(a):
    def level2(b):
        def level3(c):
            return a + b + c, (a, b, c)
        return level3
    return level2


print(level1(1)(20)(300), level1("x")("y")("z"))


def late_cell():
    value = "before"

    def show():
        return value

    first = show()
    value = "after"
    second = show()
    return first, second


print(late_cell())


def loop_late_binding():
    funcs = []
    for i in range(4):
        funcs.append(lambda: i)
    return [f() for f in funcs]


def loop_early_binding():
    funcs = []
    for i in range(4):
        funcs.append(lambda i=i: i)
    return [f() for f in funcs]


def loop_factory():
    def make(i):
        return lambda: i * i
    return [make(i)() for i in range(4)]


print(loop_late_binding(), loop_early_binding(), loop_factory())


def shared_cells():
    n = 0

    def inc():
        nonlocal n
        n += 1

    def dec():
        nonlocal n
        n -= 1

    def peek():
        return n

    return inc, dec, peek


inc, dec, peek = shared_cells()
inc()
inc()
dec()
inc()
print(peek(), [c.cell_contents for c in peek.__closure__], peek.__code__.co_freevars)


def cell_and_arg(x):
    def get():
        return x
    x = x * 2
    return get


print(cell_and_arg(21)())


def deep_mutation():
    state = {"hits": 0, "log": []}

    def a():
        def b():
            def c(tag):
                state["hits"] += 1
                state["log"].append(tag)
                return len(state["log"])
            return c
        return b

    c = a()()
    for t in "xyz":
        c(t)
    return state


print(deep_mutation())


def counter_gen_like():
    i = 0

    def nxt():
        nonlocal i
        i += 1
        return i

    return nxt


nx = counter_gen_like()
print([nx() for _ in range(5)], nx())


def class_in_closure(factor):
    class Scaler:
        def scale(self, v):
            return v * factor
    factor += 1
    return Scaler()


print(class_in_closure(3).scale(10))


def closure_over_loop_var_after_loop():
    fs = []
    for k in range(3):
        def f():
            return k * 100
        fs.append(f)
    k = 42
    return [g() for g in fs]


print(closure_over_loop_var_after_loop())
