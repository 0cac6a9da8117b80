# Loop-heavy numeric kernels: sieve, fib, matrix multiply, n-queens,
# dynamic programming, float dot products. Exercises hot loop paths.

def sieve(n):
    is_p = [True] * (n + 1)
    is_p[0] = is_p[1] = False
    i = 2
    while i * i <= n:
        if is_p[i]:
            for j in range(i * i, n + 1, i):
                is_p[j] = False
        i += 1
    return [k for k in range(n + 1) if is_p[k]]


def fib_iter(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, (a + b) % 1000000007
    return a


def matmul(A, B):
    n, m, p = len(A), len(B), len(B[0])
    C = [[0] * p for _ in range(n)]
    for i in range(n):
        Ai = A[i]
        Ci = C[i]
        for k in range(m):
            a = Ai[k]
            Bk = B[k]
            for j in range(p):
                Ci[j] += a * Bk[j]
    return C


def queens(n):
    count = 0
    cols = [False] * n
    d1 = [False] * (2 * n)
    d2 = [False] * (2 * n)

    def place(r):
        nonlocal count
        if r == n:
            count += 1
            return
        for c in range(n):
            if not cols[c] and not d1[r + c] and not d2[r - c + n]:
                cols[c] = d1[r + c] = d2[r - c + n] = True
                place(r + 1)
                cols[c] = d1[r + c] = d2[r - c + n] = False

    place(0)
    return count


def lcs(a, b):
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0]
        for j, cb in enumerate(b):
            cur.append(prev[j] + 1 if ca == cb else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def knapsack(items, cap):
    best = [0] * (cap + 1)
    for w, v in items:
        for c in range(cap, w - 1, -1):
            if best[c - w] + v > best[c]:
                best[c] = best[c - w] + v
    return best[cap]


def dot(xs, ys):
    s = 0.0
    for i in range(len(xs)):
        s += xs[i] * ys[i]
    return s


def lcg(seed):
    state = seed
    out = []
    for _ in range(1000):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        out.append(state % 1000)
    return out


primes = sieve(100000)
print(len(primes), primes[:10], primes[-3:], sum(primes) % 1000003)
print(fib_iter(100000))
A = [[(i * 7 + j * 3) % 11 - 5 for j in range(30)] for i in range(30)]
B = [[(i * 5 - j * 2) % 13 - 6 for j in range(30)] for i in range(30)]
C = matmul(A, B)
print(C[0][:5], C[29][-5:], sum([sum(r) for r in C]))
I = [[1 if i == j else 0 for j in range(30)] for i in range(30)]
print(matmul(A, I) == A)
print([queens(n) for n in range(1, 9)])
print(lcs("the quick brown fox jumps over", "a lazy dog quickly jumped over it"))
print(knapsack([(12, 4), (2, 2), (1, 1), (1, 2), (4, 10), (3, 7), (7, 13)], 15))
xs = [i * 0.5 for i in range(5000)]
ys = [1.0 / (i + 1) for i in range(5000)]
print(round(dot(xs, ys), 9))
rnd = lcg(42)
print(rnd[:8], sum(rnd), sorted(rnd)[500])
hist = [0] * 10
for v in rnd:
    hist[v // 100] += 1
print(hist)
bubble = rnd[:200]
n = len(bubble)
for i in range(n):
    swapped = False
    for j in range(n - 1 - i):
        if bubble[j] > bubble[j + 1]:
            bubble[j], bubble[j + 1] = bubble[j + 1], bubble[j]
            swapped = True
    if not swapped:
        break
print(bubble == sorted(rnd[:200]), bubble[:5], bubble[-5:])
acc = 0
i = 0
while i < 300000:
    acc = (acc + i * i) ^ (i >> 3)
    i += 1
print("acc", acc)
