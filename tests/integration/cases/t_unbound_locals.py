# Locals that may be unbound where they are read: assigned on some paths
# only, deleted, assigned inside try bodies and read in handlers, in loops
# and generators. Each read either works or raises UnboundLocalError, as
# interpreted.


def attempt(fn, *args):
    try:
        return fn(*args)
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)


def one_branch(flag):
    if flag:
        value = "set"
    return value


def deleted_in_loop(n):
    out = []
    for i in range(n):
        item = i * 2
        out.append(item)
        if i == 1:
            del item
    return out, item


def handler_reads(fail):
    try:
        if fail:
            raise ValueError
        bound = "ok"
    except ValueError:
        return bound
    return bound


def finally_reads(fail):
    try:
        if fail:
            return "early"
        late = "late"
    finally:
        result = late
    return result


def loop_else(items):
    for found in items:
        if found > 10:
            break
    else:
        found = None
    return found


def while_body(n):
    while n > 0:
        last = n
        n -= 1
    return last


def gen_del(flag):
    x = 1
    yield x
    if flag:
        del x
    yield "between"
    yield x


def nested(k):
    if k > 0:
        a = k
    if k > 1:
        b = a * 2
    if k > 2:
        return a + b
    return b


def param_deleted(p):
    del p
    return p


def walrus(xs):
    if any((hit := x) > 2 for x in xs):
        return hit
    return hit


def except_name(fail):
    try:
        if fail:
            raise KeyError("k")
    except KeyError as e:
        pass
    return e


for fn, args in [(one_branch, (True,)), (one_branch, (False,)),
                 (deleted_in_loop, (1,)), (deleted_in_loop, (3,)),
                 (handler_reads, (False,)), (handler_reads, (True,)),
                 (finally_reads, (False,)), (finally_reads, (True,)),
                 (loop_else, ([1, 20],)), (loop_else, ([],)),
                 (while_body, (3,)), (while_body, (0,)),
                 (nested, (3,)), (nested, (2,)), (nested, (1,)), (nested, (0,)),
                 (param_deleted, (5,)), (walrus, ([1, 5],)), (walrus, ([1],)),
                 (except_name, (False,)), (except_name, (True,))]:
    print(fn.__name__, args, attempt(fn, *args))
print(attempt(lambda: list(gen_del(False))), attempt(lambda: list(gen_del(True))))


# Cells read by inner functions (LOAD_DEREF) before they are set, after
# `del`, and set again; and a cell the outer function reads itself.
def cells(order):
    out = []

    def read():
        try:
            return value
        except NameError as e:
            return "%s: %s" % (type(e).__name__, e)

    for step in order:
        if step == "set":
            value = len(out)
        elif step == "del":
            del value
        out.append(read())
    try:
        out.append(value)
    except NameError as e:
        out.append("%s: %s" % (type(e).__name__, e))
    return out


print(cells(["read", "set", "read", "del", "read", "set", "read"]))
print(cells(["set", "set", "del"]))


# A cell's old value released after the new one is in place: its __del__
# reads the cell.
class Noisy:
    def __init__(self, name, log):
        self.name, self.log = name, log

    def __del__(self):
        self.log.append("del %s, cell holds %s" % (self.name, peek()))


def rebinding():
    global peek
    log = []
    held = Noisy("first", log)
    peek = lambda: held.name if not isinstance(held, int) else held
    for i in range(3):
        held = Noisy("n%d" % i, log)
    held = 7
    return log


print(rebinding())
