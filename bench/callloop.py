"""Call-heavy pure-Python loop, run UNCOMPILED to measure hook overhead.

bench/run imports this module from the bench directory (never compiled)
in two fresh interpreters: one that first imported a pyaot-compiled module
(which installs pyaot's PEP 523 frame-evaluation hook for the whole
interpreter) and one that did not.  Nearly all the time goes into calling
tiny functions, methods and a generator, so every Python frame pays
whatever the hook costs.  main(n) makes about 4*n calls and returns a
checksum.
"""

DEFAULT_N = 1000000


def inc(x):
    return x + 1


def add3(a, b, c):
    return a + b + c


class Acc:
    def __init__(self):
        self.total = 0

    def bump(self, v):
        self.total = (self.total + v) & 0xFFFFFF


def evens(limit):
    i = 0
    while i < limit:
        yield i
        i += 2


def main(n):
    acc = Acc()
    s = 0
    for i in range(n):
        s = inc(s)
        s = add3(s, i, 1) & 0xFFFFFF
        acc.bump(s)
    for v in evens(n):
        acc.bump(v)
    return (s, acc.total)


if __name__ == "__main__":
    print(main(DEFAULT_N))
