"""Sieve of Eratosthenes on a list of ints, plus prime-gap statistics.

The sieve itself uses while loops and explicit list[int] indexing; the
follow-up passes use range() loops over the same list: collecting the
primes, finding the largest gap between consecutive primes, and summing
the primes modulo 2**32.  main(n) repeats the whole thing for limits
n, n-1, ..., n-3 and combines the results into a tuple.
"""

DEFAULT_N = 500000


def sieve(limit):
    flags = [1] * (limit + 1)
    flags[0] = 0
    flags[1] = 0
    i = 2
    while i * i <= limit:
        if flags[i]:
            j = i * i
            while j <= limit:
                flags[j] = 0
                j += i
        i += 1
    return flags


def stats(flags):
    primes = []
    for k in range(len(flags)):
        if flags[k]:
            primes.append(k)
    max_gap = 0
    for k in range(1, len(primes)):
        gap = primes[k] - primes[k - 1]
        if gap > max_gap:
            max_gap = gap
    total = 0
    for k in range(len(primes)):
        total = (total + primes[k]) & 0xFFFFFFFF
    return len(primes), max_gap, total


def main(n):
    count_sum = 0
    gap_max = 0
    check = 0
    for limit in range(n, n - 4, -1):
        count, gap, total = stats(sieve(limit))
        count_sum += count
        if gap > gap_max:
            gap_max = gap
        check = (check * 31 + total) & 0xFFFFFFFF
    return (count_sum, gap_max, check)


if __name__ == "__main__":
    print(main(DEFAULT_N))
