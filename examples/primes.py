"""Counting primes with a sieve of Eratosthenes: loops over lists of ints.

    python3 primes.py
    python3 -c "import primes; primes.main()"
"""


def sieve(limit):
    """A list of flags: is_prime[i] is 1 when i is prime."""
    is_prime = [1] * (limit + 1)
    is_prime[0] = is_prime[1] = 0
    i = 2
    while i * i <= limit:
        if is_prime[i]:
            for multiple in range(i * i, limit + 1, i):
                is_prime[multiple] = 0
        i += 1
    return is_prime


def count_primes(limit):
    count = 0
    for flag in sieve(limit):
        count += flag
    return count


def twin_primes(limit):
    """How many pairs (p, p + 2) are both prime, up to limit."""
    is_prime = sieve(limit)
    twins = 0
    for p in range(3, limit - 1):
        if is_prime[p] and is_prime[p + 2]:
            twins += 1
    return twins


def largest_gap(limit):
    """The largest distance between consecutive primes, and where it is."""
    is_prime = sieve(limit)
    last, gap, where = 2, 0, 2
    for n in range(3, limit + 1):
        if is_prime[n]:
            if n - last > gap:
                gap, where = n - last, last
            last = n
    return gap, where


def is_prime(n):
    """Trial division by odd numbers: arithmetic in a while loop."""
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True


def main():
    for limit in (10, 1000, 100000, 2000000):
        print("primes below %d: %d" % (limit, count_primes(limit)))
    by_division = 0
    for n in range(200000):
        if is_prime(n):
            by_division += 1
    print("primes below 200000 by trial division:", by_division)
    print("twin prime pairs below 2000000:", twin_primes(2000000))
    gap, where = largest_gap(2000000)
    print("largest prime gap below 2000000: %d after %d" % (gap, where))


if __name__ == "__main__":
    main()
