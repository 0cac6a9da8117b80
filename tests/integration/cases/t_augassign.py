# Augmented assignment on locals, globals, attributes and subscripts,
# with evaluation order made visible.
trace = []


class Box:
    def __init__(self, v):
        self.v = v

    def __iadd__(self, other):
        trace.append(("iadd", other))
        self.v += other
        return self

    def __isub__(self, other):
        trace.append(("isub", other))
        return Box(self.v - other)

    def __repr__(self):
        return f"Box({self.v})"


class Obj:
    def __init__(self):
        self.n = 1
        self.items = [1, 2]
        self.box = Box(10)


class Logged:
    def __init__(self):
        self.data = {"k": 1}

    def __getitem__(self, key):
        trace.append(("get", key))
        return self.data[key]

    def __setitem__(self, key, value):
        trace.append(("set", key, value))
        self.data[key] = value


def tag(x, name):
    trace.append(name)
    return x


def local_ops():
    a = 7
    a += 3
    a -= 1
    a *= 4
    a //= 5
    a %= 4
    a **= 3
    a <<= 2
    a >>= 1
    a |= 5
    a &= 0b1111
    a ^= 0b1010
    f = 10.0
    f /= 4
    f **= 0.5
    s = "ab"
    s *= 3
    s += "!"
    lst = [1]
    alias = lst
    lst += [2]
    lst *= 2
    t = (1,)
    alias_t = t
    t += (2,)
    return a, f, s, lst, alias is lst, t, alias_t


print(local_ops())
o = Obj()
o.n += 5
o.n *= 3
o.items += [3]
o.items[0] -= 100
o.box += 5
b_before = o.box
o.box -= 1
print(o.n, o.items, o.box, b_before, b_before is o.box, trace)
trace.clear()
lg = Logged()
lg["k"] += 10
lg[tag("k", "key")] *= tag(2, "rhs")
print(lg.data, trace)
trace.clear()
d = {"a": [1], "b": 0}
d["a"] += [2]
d["b"] -= 1
d.setdefault("c", 0)
d["c"] += 1
m = [[0] * 3 for _ in range(3)]
for i in range(3):
    for j in range(3):
        m[i][j] += i * 3 + j
        m[j][i] += 1
print(d, m)
counter = 0
total = 0


def bump(k):
    global counter, total
    counter += 1
    total += k
    return counter


for k in range(10):
    bump(k)
print(counter, total)
items = [tag(0, "first")]
items[tag(0, "idx")] += tag(5, "val")
print(items, trace)
trace.clear()
x = [1, 2, 3]
i = 0
x[i] += (i := 2)
print(x, i)
t = ([1],)
try:
    t[0] += [2]
except TypeError as e:
    print("TypeError:", e)
print(t)
s = None
try:
    s += 1
except TypeError as e:
    print("TypeError:", e)
acc = 0
for n in range(1, 1001):
    acc += n if n % 2 else -n
    acc ^= n & 3
print("acc", acc)
