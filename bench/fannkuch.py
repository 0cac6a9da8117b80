"""Fannkuch: count pancake flips over all permutations of 0..size-1.

Permutations are generated iteratively in a list of ints (a counter-based
rotation scheme); for each one whose first element is not 0, the
prefix-reversal ("flip") loop runs on a copy until the first element is 0.
fannkuch(size) returns (checksum, max_flips), where checksum alternately
adds and subtracts the flip counts; for size 7 that is (228, 16), for
size 8 (1616, 22).  Size 9 is too slow and size 8 too fast for the
benchmark budget, so main(n) runs n rounds of fannkuch(8) and returns
the results of all rounds combined.
"""

DEFAULT_N = 6

SIZE = 8


def count_flips(perm):
    p = perm[:]
    flips = 0
    first = p[0]
    while first != 0:
        # reverse p[0..first]
        i = 0
        j = first
        while i < j:
            p[i], p[j] = p[j], p[i]
            i += 1
            j -= 1
        flips += 1
        first = p[0]
    return flips


def fannkuch(size):
    perm = list(range(size))
    count = [0] * size
    for i in range(size):
        count[i] = i + 1
    checksum = 0
    max_flips = 0
    sign = 1
    while True:
        if perm[0] != 0:
            flips = count_flips(perm)
            if flips > max_flips:
                max_flips = flips
            checksum += sign * flips
        sign = -sign
        # Next permutation: rotate the first r+1 elements left by one, for
        # the smallest r whose counter is not exhausted.
        r = 1
        while True:
            if r == size:
                return (checksum, max_flips)
            perm.insert(r, perm.pop(0))
            count[r] -= 1
            if count[r] > 0:
                break
            count[r] = r + 1
            r += 1


def main(n):
    total = 0
    best = 0
    for _ in range(n):
        checksum, max_flips = fannkuch(SIZE)
        total += checksum
        if max_flips > best:
            best = max_flips
    return (total, best)


if __name__ == "__main__":
    print(main(DEFAULT_N))
