# doctest over the module itself: the finder collects the module's own
# functions and classes (a compiled module adds none of its own, such as
# its statistics function), and the examples run against native code.
import doctest
import sys


def square(x):
    """The square of x.

    >>> square(3)
    9
    >>> [square(i) for i in range(4)]
    [0, 1, 4, 9]
    """
    return x * x


def undocumented(x):
    return x


class Counter:
    """Counts.

    >>> c = Counter()
    >>> c.bump(); c.bump()
    1
    2
    """

    def __init__(self):
        self.n = 0

    def bump(self):
        """One more.

        >>> Counter().bump()
        1
        """
        self.n += 1
        return self.n


module = sys.modules[__name__]
finder = doctest.DocTestFinder(exclude_empty=False)
tests = finder.find(module, module.__name__)
for t in sorted(tests, key=lambda t: t.name):
    print(t.name.split(".", 1)[-1] if "." in t.name else "<module>",
          len(t.examples))
runner = doctest.DocTestRunner(verbose=False)
for t in tests:
    runner.run(t, out=sys.stdout.write)
print(runner.summarize(verbose=False))
print(sorted(n for n in dir(module) if callable(getattr(module, n))
             and getattr(getattr(module, n), "__module__", None) == __name__))
