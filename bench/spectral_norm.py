"""Spectral norm: power iteration on the infinite matrix A[i][j] = 1/((i+j)(i+j+1)/2+i+1).

Float loops and many small function calls: every matrix entry is produced
by a call to eval_a(), and the matrix-vector products are plain nested
loops over lists of floats.  main(n) runs 10 power-iteration steps on an
n x n section and returns the estimated spectral norm rounded to 9 places.
"""

DEFAULT_N = 220


def eval_a(i, j):
    ij = i + j
    return 1.0 / ((ij * (ij + 1) >> 1) + i + 1)


def mul_av(v, out, n):
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += eval_a(i, j) * v[j]
        out[i] = s


def mul_atv(v, out, n):
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += eval_a(j, i) * v[j]
        out[i] = s


def mul_atav(v, out, tmp, n):
    mul_av(v, tmp, n)
    mul_atv(tmp, out, n)


def main(n):
    u = [1.0] * n
    v = [0.0] * n
    tmp = [0.0] * n
    for _ in range(10):
        mul_atav(u, v, tmp, n)
        mul_atav(v, u, tmp, n)
    vbv = 0.0
    vv = 0.0
    for i in range(n):
        vbv += u[i] * v[i]
        vv += v[i] * v[i]
    return round((vbv / vv) ** 0.5, 9)


if __name__ == "__main__":
    print(main(DEFAULT_N))
