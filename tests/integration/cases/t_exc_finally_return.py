# finally interacting with return, break, continue and exceptions.
log = []


def return_in_finally_overrides():
    try:
        return "try"
    finally:
        return "finally"


def finally_swallows_exception():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"


def finally_runs_on_return():
    x = []
    try:
        x.append(1)
        return x
    finally:
        x.append(2)


def return_value_evaluated_before_finally():
    v = 10
    try:
        return v
    finally:
        v = 20
        log.append(("finally saw", v))


def break_in_finally():
    for i in range(5):
        try:
            if i == 2:
                raise RuntimeError("dropped by break")
        finally:
            if i == 2:
                break
    return i


def continue_in_finally():
    out = []
    for i in range(4):
        try:
            if i % 2:
                raise KeyError(i)
            out.append(i)
        finally:
            continue
    return out


def nested_finally_order():
    try:
        try:
            try:
                log.append("body")
                return "inner"
            finally:
                log.append("f1")
        finally:
            log.append("f2")
    finally:
        log.append("f3")


def exception_in_finally_replaces():
    try:
        try:
            raise ValueError("original")
        finally:
            raise TypeError("from finally")
    except TypeError as e:
        return f"{e} ctx={e.__context__!r}"


def loop_with_finally_counts():
    count = 0
    for i in range(10):
        try:
            if i == 7:
                break
            if i % 3 == 0:
                continue
            count += 10
        finally:
            count += 1
    return count


def while_finally_return():
    n = 0
    while True:
        n += 1
        try:
            if n == 3:
                return n
        finally:
            log.append(("while finally", n))


def generator_free_cleanup(items):
    result = []
    for it in items:
        try:
            try:
                result.append(10 // it)
            except ZeroDivisionError:
                result.append("div0")
                continue
            else:
                result.append("else")
            finally:
                result.append("f")
        finally:
            result.append("F")
    return result


print(return_in_finally_overrides())
print(finally_swallows_exception())
print(finally_runs_on_return())
print(return_value_evaluated_before_finally(), log)
log.clear()
print(break_in_finally())
print(continue_in_finally())
print(nested_finally_order(), log)
log.clear()
print(exception_in_finally_replaces())
print(loop_with_finally_counts())
print(while_finally_return(), log)
print(generator_free_cleanup([5, 0, 2]))
try:
    for k in range(3):
        try:
            raise IndexError(k)
        except IndexError as e:
            if k == 1:
                raise LookupError("escalated") from e
        finally:
            print("cleanup", k)
except LookupError as e:
    print("LookupError:", e, "cause:", repr(e.__cause__))
