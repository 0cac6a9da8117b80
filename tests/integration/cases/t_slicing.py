# Slicing: read, assign, delete, extended slices, slice objects, custom __getitem__.
base = list(range(10))
for sl in [(None, None, None), (2, 5, None), (-3, None, None), (None, -3, None), (None, None, 2),
           (None, None, -1), (8, 2, -2), (-1, -8, -3), (100, None, None), (-100, 3, None), (3, 3, None)]:
    s = slice(*sl)
    print(sl, base[s], "abcdefghij"[s], tuple(base)[s], s.indices(10))

a = list(range(10))
a[2:5] = ["x"]
print(a)
a[:0] = [-2, -1]
print(a)
a[len(a):] = [98, 99]
print(a)
a[1:3] = []
print(a)
a[::2] = "ABCDEF"[: len(a[::2])]
print(a)
a[-1:] = range(3)
print(a)
try:
    a[::2] = [1, 2]
except ValueError as e:
    print("ValueError:", e)
del a[::3]
print(a)
del a[1:4]
print(a)
del a[-1]
print(a)
del a[:]
print(a, len(a))

b = list(range(20))
b[5:15:3] = [-1, -2, -3, -4]
print(b)
b[::-4] = [0] * 5
print(b)
del b[::-2]
print(b)

s = "Hello, slicing world"
print(s[7:14], s[-5:], s[:-6], s[::3], s[::-3], s[5:1:-1], s[1:-1][1:-1][1:-1])
i, j = 3, 9
print(s[i:j], s[i:], s[:j], s[i:j:2], s[-j:-i], s[j:i:-1])
n = len(s)
rev = ""
k = n - 1
while k >= 0:
    rev += s[k]
    k -= 1
print(rev == s[::-1], rev)

t = tuple(range(8))
print(t[1:6:2], t[::-1][:3], t[slice(2, None)], t[:100])

class Recorder:
    def __getitem__(self, key):
        if isinstance(key, slice):
            return ("slice", key.start, key.stop, key.step)
        if isinstance(key, tuple):
            return ("tuple", key)
        return ("item", key)

    def __setitem__(self, key, value):
        print("set", key, value)

    def __delitem__(self, key):
        print("del", key)


r = Recorder()
print(r[1], r[1:2], r[::3], r[:], r[1:2, 3], r[..., 1], r["k"], r[-1:])
r[1:5] = "v"
r[::2] = [1]
r[0] = 0
del r[2:]
del r[7]
r[1, 2:3] = None

ba = bytearray(b"0123456789")
ba[2:8:2] = b"abc"
del ba[-2:]
print(ba, ba[::-1], bytes(ba[1:4]))
m = [[i * 4 + j for j in range(4)] for i in range(4)]
print([row[1:3] for row in m[1:3]], [row[::-1] for row in m][::-1][0])
col = [row[2] for row in m]
diag = [m[i][i] for i in range(4)]
print(col, diag)
m[1][1:3] = [0, 0, 0]
print(m)
try:
    print(base[1.5:2])
except TypeError as e:
    print("TypeError:", e)
key = "x"
try:
    print("abc"[key])
except TypeError as e:
    print("TypeError:", e)
