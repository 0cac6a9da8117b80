# Every binary operator over ints (small, at the one-digit limits, big),
# floats (signed zeros, inf, nan) and bools, in-place forms and comparisons:
# the fast paths for small ints and floats must agree with the generic ones.
import itertools
vals = [0, 1, -1, 2, -2, 3, -3, 7, -7, 63, 64, 100, -100, 2**29, -2**29, 2**30-1, -(2**30-1), 2**30, 2**40, -2**40, 1.5, -2.25, 0.0, -0.0, float('inf'), float('nan'), True, False]
ops = ['+','-','*','//','%','/','<<','>>','&','|','^']
def run():
    out = []
    for a, b in itertools.product(vals, vals):
        for op in ops:
            try:
                if op == '+': r = a + b
                elif op == '-': r = a - b
                elif op == '*': r = a * b
                elif op == '//': r = a // b
                elif op == '%': r = a % b
                elif op == '/': r = a / b
                elif op == '<<': r = a << b if not isinstance(b, float) and not isinstance(a, float) and 0 <= b < 100 else None
                elif op == '>>': r = a >> b
                elif op == '&': r = a & b
                elif op == '|': r = a | b
                elif op == '^': r = a ^ b
            except Exception as e:
                r = type(e).__name__
            out.append(repr(r))
        x = a; 
        try:
            x += b; x -= b; x *= 2; x //= 3
        except Exception as e:
            x = type(e).__name__
        out.append(repr(x))
        out.append(repr((a < b, a <= b, a == b, a != b, a > b, a >= b)))
    return out
res = run()
import hashlib
print(len(res), hashlib.sha256("\n".join(res).encode()).hexdigest())
for i in range(0, len(res), 997):
    print(i, res[i])
