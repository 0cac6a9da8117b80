# Big-integer algorithms: factorials, Fibonacci, modular exponentiation, digits.

def factorial(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r


def fib_pair(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def fast_fib(n):
    # fast doubling
    if n == 0:
        return (0, 1)
    a, b = fast_fib(n >> 1)
    c = a * ((b << 1) - a)
    d = a * a + b * b
    if n & 1:
        return (d, c + d)
    return (c, d)


def digit_sum(n):
    s = 0
    while n:
        n, r = divmod(n, 10)
        s += r
    return s


def isqrt_newton(n):
    if n < 2:
        return n
    x = n
    y = (x + 1) // 2
    while y < x:
        x = y
        y = (x + n // x) // 2
    return x


def is_probable_prime(n):
    if n < 2:
        return False
    for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for a in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        x = pow(a, d, n)
        if x == 1 or x == n - 1:
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


f100 = factorial(100)
print("100!", f100)
print("digits", len(str(f100)), digit_sum(f100), str(f100).count("0"))
print("trailing zeros", len(str(f100)) - len(str(f100).rstrip("0")))
print("fib 300", fib_pair(300))
print("fast fib 300", fast_fib(300)[0], fast_fib(300)[0] == fib_pair(300))
print("fib 1000 mod", fast_fib(1000)[0] % (10 ** 9 + 7))
print("isqrt", isqrt_newton(10 ** 40), isqrt_newton(f100) ** 2 <= f100 < (isqrt_newton(f100) + 1) ** 2)
m = 2 ** 127 - 1
print("mersenne 127 prime", is_probable_prime(m), is_probable_prime(m + 2))
print("primes", [n for n in range(90, 130) if is_probable_prime(n)])
print("big primes", [k for k in range(1, 40) if is_probable_prime(2 ** k - 1)])
print("pow mod", pow(7, 10 ** 18, 10 ** 9 + 9), pow(f100, 5, 999983))
print("neg big floor", (-f100) // 7 ** 30, (-f100) % 7 ** 30)
print("shift big", f100 >> 400, (f100 << 10) % 1024, -f100 >> 500)
print("bit ops", (f100 ^ (f100 >> 1)).bit_count(), (f100 & -f100).bit_length())
print("str roundtrip", int(str(f100)) == f100, int(hex(f100), 16) == f100)
print("compare", f100 > 10 ** 157, f100 < 10 ** 158, -f100 < -(10 ** 157))

# Collatz lengths with big steps
best, best_n = 0, 0
for n in range(1, 3000):
    x, steps = n, 0
    while x != 1:
        x = x // 2 if x % 2 == 0 else 3 * x + 1
        steps += 1
    if steps > best:
        best, best_n = steps, n
print("collatz", best_n, best)

# Pascal's triangle row with big binomials
row = [1]
for _ in range(120):
    row = [a + b for a, b in zip([0] + row, row + [0])]
print("pascal 120 middle", row[60])
print("pascal sum", sum(row) == 2 ** 120)
