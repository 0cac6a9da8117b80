"""The pure-Python decimal module (_pydecimal) as a workload: square
roots, exponentials and series at 40 digits.

main(n) computes n rounds of decimal arithmetic and returns the string of
the accumulated result."""

import _pydecimal as decimal

COMPILE_ALSO = ("_pydecimal",)
DEFAULT_N = 1200


def main(n):
    ctx = decimal.Context(prec=50)
    D = decimal.Decimal
    total = D(0)
    for k in range(1, n + 1):
        x = D(k) / D(7)
        s = ctx.sqrt(x + D(2))
        e = ctx.exp(D(1) / D(k))
        series = D(0)
        term = D(1)
        for i in range(1, 12):
            term = ctx.divide(ctx.multiply(term, x), D(i))
            series = ctx.add(series, term)
        total = ctx.add(total, ctx.add(s, ctx.subtract(e, series)))
        total = total.quantize(D("1e-25"), context=ctx)
    return str(total)


if __name__ == "__main__":
    print(main(DEFAULT_N))
