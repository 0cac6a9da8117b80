"""Closures and decorators: counters, memoised functions, composed
callables, functools.partial and keyword arguments with defaults.

main(n) runs n rounds of calls through these layers and returns a
checksum."""

import functools

DEFAULT_N = 180000


def counter(start=0, step=1):
    count = start

    def next_value():
        nonlocal count
        count += step
        return count
    return next_value


def traced(fn):
    calls = [0]

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        calls[0] += 1
        return fn(*args, **kwargs)
    wrapper.calls = calls
    return wrapper


@traced
def area(w, h=1, *, scale=1):
    return w * h * scale


def compose(f, g):
    return lambda x: f(g(x))


def main(n):
    tick = counter(10, 3)
    double = compose(lambda x: x * 2, lambda x: x + 1)
    scaled = functools.partial(area, scale=2)
    total = 0
    for i in range(n):
        total += tick() % 7
        total += double(i % 100)
        total += area(i % 9, h=2) + scaled(i % 5)
        if i % 1000 == 0:
            tick = counter(i, 1)
    return total, area.calls[0]


if __name__ == "__main__":
    print(main(DEFAULT_N))
