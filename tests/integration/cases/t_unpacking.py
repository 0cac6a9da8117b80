# Unpacking: starred targets, nested targets, targets that are attributes
# and subscripts, swap, errors with their messages.
a, *b, c = range(6)
print(a, b, c)
*head, tail = "hello"
print(head, tail)
first, *rest = [1]
print(first, rest)
x, *y = (1, 2)
print(x, y)
(p, q), [r, *s], t = (1, 2), [3, 4, 5], "t"
print(p, q, r, s, t)
for i, (k, *vs) in enumerate([("a", 1, 2), ("b",), ("c", 3)]):
    print(i, k, vs)
m, n = n, m = 1, 2
print(m, n)
u = v = w = [0]
u.append(1)
print(v, w is u)
a, b = b, a
print(a, b)
lst = [10, 20, 30]
lst[0], lst[2] = lst[2], lst[0]
print(lst)
i = 0
i, lst[i] = 1, 99
print(i, lst)


class Holder:
    pass


h = Holder()
h.a, h.b, *h.rest = "xyzw"
d = {}
d["k1"], (d["k2"], d["k3"]) = 1, (2, 3)
print(h.a, h.b, h.rest, d)
key, value = max({"a": 3, "b": 7, "c": 5}.items(), key=lambda kv: kv[1])
print(key, value)
(((deep,),),) = (((42,),),)
print(deep)
[one] = ["only"]
print(one)
*all_of_it, = {3: None, 1: None, 2: None}
print(all_of_it)
e1, e2 = iter([7, 8])
print(e1 + e2)
g_first, *g_mid, g_last = (v * v for v in range(5))
print(g_first, g_mid, g_last)
s1, s2, s3 = "abc"
print(s1 + s3 + s2)


def exec_unpack(seq, n):
    if n == 2:
        a, b = seq
        return a, b
    if n == 3:
        a, b, c = seq
        return a, b, c
    a, b, *c = seq
    return a, b, c


for seq, n in [((1, 2, 3), 2), ((1,), 2), ([1, 2], 3), ((1,), 4), (5, 2), ("ab", 2), ({}, 3)]:
    try:
        print("unpack", exec_unpack(seq, n))
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)


def star_call(*args, **kwargs):
    return args, kwargs


print(star_call(*[1, 2], *"ab", **{"x": 1}, **{"y": 2}))
pairs = [(1, "one"), (2, "two"), (3, "three")]
nums, names = zip(*pairs)
print(nums, names)
print([*zip(*[[1, 2, 3], [4, 5, 6]])])
merged = {**{"a": 1}, "b": 2, **dict(c=3)}
print(merged, [*merged], {*merged, "z"} == {"a", "b", "c", "z"})
total = 0
for a, (b, c) in [(1, (2, 3)), (4, (5, 6))]:
    total += a * b - c
print(total)
rows = [(i, i * i, i ** 3) for i in range(5)]
for n, sq, cube in rows:
    if n % 2:
        print(n, sq, cube)
big_tuple = tuple(range(300))
h1, h2, *middle, t1 = big_tuple
print(h1, h2, len(middle), middle[-1], t1)
