"""Recursive Fibonacci: almost nothing but calls, compares and int adds.

main(n) computes fib(n) with the naive doubly-recursive definition and
returns it.
"""

DEFAULT_N = 32


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def main(n):
    return fib(n)


if __name__ == "__main__":
    print(main(DEFAULT_N))
