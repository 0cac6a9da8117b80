# Function arguments: defaults, keyword-only, positional-only, *args, **kwargs,
# call-site unpacking and the TypeError messages of bad calls.

def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, kw)


def po(a, b, /, c, *, d=0):
    return (a, b, c, d)


def only_kw(*, x, y=1):
    return x - y


def mutable_default(item, acc=[]):
    acc.append(item)
    return acc


def none_default(item, acc=None):
    if acc is None:
        acc = []
    acc.append(item)
    return acc


print(f(1, c=3))
print(f(1, 2, 3, 4, c=5, e=6))
print(f(*range(5), c=0, **{"z": 1, "d": 9}))
print(f(a=1, c=2, b=3), f(1, 2, *[], c=3, **{}))
print(po(1, 2, 3), po(1, 2, c=3, d=4), po(*(1, 2), **{"c": 5}))
print(only_kw(x=10), only_kw(y=3, x=1))
print(mutable_default(1), mutable_default(2), mutable_default(3, []), mutable_default(4))
print(none_default(1), none_default(2))
print(f.__defaults__, f.__kwdefaults__, po.__code__.co_posonlyargcount, f.__code__.co_kwonlyargcount)
print(f.__code__.co_varnames, f.__code__.co_argcount, f.__name__, f.__qualname__)


def kwargs_names_overlap(a, **kw):
    return a, kw


print(kwargs_names_overlap(1, b=2), kwargs_names_overlap(a=1, **{"a2": 2}))


def po_and_kw(a, /, **kw):
    return a, kw


print(po_and_kw(1, a=2))

bad_calls = [
    lambda: f(),
    lambda: f(1),
    lambda: f(1, c=1, a=2),
    lambda: po(a=1, b=2, c=3),
    lambda: po(1, 2, 3, 4),
    lambda: only_kw(1),
    lambda: only_kw(x=1, z=2),
    lambda: f(1, c=1, **{"c": 2}),
    lambda: f(1, **{1: 2}),
    lambda: f(*5),
    lambda: f(1, **[1]),
    lambda: none_default(),
    lambda: len(1, 2),
    lambda: (lambda: 0)(1),
]
for i, call in enumerate(bad_calls):
    try:
        call()
        print(i, "no error")
    except TypeError as e:
        print(i, "TypeError:", e)


def varargs_sum(*nums, start=0):
    total = start
    for n in nums:
        total += n
    return total


print(varargs_sum(), varargs_sum(1, 2, 3), varargs_sum(*range(100), start=-4950))
print(varargs_sum(*[1, 2], *(3, 4), 5, *{6: 0}))


def forward(*args, **kwargs):
    return f(*args, **kwargs)


print(forward(0, c=1), forward(*"ab", c="c", q=1))


def nested_defaults(x, y=[i * 2 for i in range(3)], z={"k": "v"}):
    return x, y, z


print(nested_defaults(1), nested_defaults(1, z=None))
DEFAULT = 5


def captured_default(v=DEFAULT):
    return v


DEFAULT = 6
print(captured_default(), DEFAULT)


def recursive_kw(n, *, acc=1):
    return acc if n <= 1 else recursive_kw(n - 1, acc=acc * n)


print(recursive_kw(20))
print(sorted(dict(**{"b": 1}, a=2, **{"c": 3}).items()))
print((lambda *a, **k: (a, sorted(k)))(1, 2, x=3, y=4))
print((lambda a, /, b, *, c: a + b + c)(1, b=2, c=3))
