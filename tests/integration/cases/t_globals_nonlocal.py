# global and nonlocal declarations, module state, name resolution order.
counter = 0
registry = []
len_shadow = "module"


def incr(n=1):
    global counter
    counter += n
    return counter


def reader():
    return counter * 10


def define_new_global():
    global created_later
    created_later = "created"


def shadow_builtin():
    global len
    len = lambda x: -1
    r = len([1, 2, 3])
    del len
    return r


def uses_local_shadow():
    len_shadow = "local"
    return len_shadow


def outer():
    x = 1
    log = []

    def middle():
        nonlocal x
        x += 10
        y = 100

        def inner():
            nonlocal x, y
            x += 1
            y += 1
            log.append((x, y))
            return x + y

        r1 = inner()
        r2 = inner()
        return r1, r2, y

    res = middle()
    return res, x, log


def make_accumulator(start):
    total = start

    def add(n):
        nonlocal total
        total += n
        return total

    def get():
        return total

    def reset():
        nonlocal total
        total = start

    return add, get, reset


print(incr(), incr(5), reader(), counter)
define_new_global()
print(created_later)
print(shadow_builtin(), len([1, 2, 3]))
print(uses_local_shadow(), len_shadow)
print(outer())
add, get, reset = make_accumulator(100)
print(add(1), add(2), get())
reset()
print(get(), add(-50), get())
add2, get2, _ = make_accumulator(0)
add2(7)
print(get(), get2())

for i in range(5):
    registry.append(incr(i))
print(registry, counter)


def global_in_loop():
    global counter
    for _ in range(1000):
        counter = counter + 1
    return counter


print(global_in_loop())


def del_global():
    global temp
    temp = 1
    del temp
    try:
        return temp
    except NameError as e:
        return str(e)


print(del_global())
g = globals()
g["injected"] = 42
print(injected, "injected" in globals(), sorted([k for k in g if k.startswith("inj")]))


def read_injected():
    return injected + 1


print(read_injected())
del g["injected"]
try:
    read_injected()
except NameError as e:
    print("NameError:", e)


def make_counter():
    count = 0

    def step():
        nonlocal count
        count += 1
        if count < 5:
            return step()
        return count

    return step


print(make_counter()(), make_counter()())
