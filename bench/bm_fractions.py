"""fractions as a workload: exact harmonic sums, continued fractions and
limit_denominator.

main(n) runs n rounds; a round sums 1/k for k <= 300 with alternating
signs, approximates a few hundred values, and compares them. It returns
the numerator's digit count and a few denominators."""

from fractions import Fraction

COMPILE_ALSO = ("fractions",)
DEFAULT_N = 30


def one_round(shift):
    total = Fraction(0)
    for k in range(1, 301):
        term = Fraction(1, k + shift)
        total = total + term if k % 2 else total - term
    approx = []
    x = Fraction(shift)
    for k in range(1, 400):
        x = (x + Fraction(k, k + 3)) / 2
        approx.append(x.limit_denominator(1000).denominator)
    cmp = sum(1 for a, b in zip(approx, approx[1:]) if Fraction(a, 7) < Fraction(b, 7))
    return len(str(total.numerator)), sum(approx), cmp


def main(n):
    return [one_round(shift) for shift in range(n)]


if __name__ == "__main__":
    print(main(DEFAULT_N))
