"""Attribute reads and writes on locals, subscripts and operators whose
operands compiled code reads straight from the locals (stores into
subscripts, `in`, `is` too): objects whose __getattr__, properties,
__getitem__, __setitem__, __contains__ and operators drop every other
reference to the object they run on, rebind names, raise (tracebacks),
linked lists walked by `x = x.next`, and locals that may be unbound."""

keep = []


class Node:
    def __init__(self, value, next=None):
        self.value = value
        self.next = next


class Fragile:
    """Its methods drop the only other reference to it."""

    def __init__(self, tag):
        self.tag = tag
        keep.append(self)

    @property
    def prop(self):
        keep.clear()
        return self.tag * 2

    def __getattr__(self, name):
        keep.clear()
        return "%s.%s" % (self.tag, name)

    def __getitem__(self, k):
        keep.clear()
        return (self.tag, k)

    def __add__(self, other):
        keep.clear()
        return self.tag + other

    def __setitem__(self, k, v):
        keep.clear()
        if k == "bad":
            raise KeyError(k)
        self.tag = (k, v)

    def __contains__(self, k):
        keep.clear()
        if k is None:
            raise TypeError("no None in here")
        return k == self.tag

    def __lt__(self, other):
        keep.clear()
        return self.tag < other


def walk(n):
    head = None
    for i in range(n):
        head = Node(i, head)
    total = 0
    x = head
    while x is not None:
        total += x.value
        x = x.next
    return total


def fragile():
    out = []
    for tag in (1, 7):
        f = Fragile(tag)
        out.append(f.prop)
        f = Fragile(tag)
        out.append(f.missing)
        f = Fragile(tag)
        out.append(f[3])
        f = Fragile(tag)
        out.append(f[-1])
        f = Fragile(tag)
        out.append(f + 5)
        f = Fragile(tag)
        out.append(f < 4)
        f = Fragile(tag)
        g = tag
        out.append(f + g)
        f = Fragile(tag)
        f[g] = 1
        out.append(f.tag)
        f = Fragile(tag)
        f[0] = g
        out.append(f.tag)
        f = Fragile(tag)
        out.append((g in f, 3 in f, f is f, g is None))
    return out


def constants(x, d, s):
    """Constants of every kind as right operands (and `s += "-"`, which
    may extend the str in place)."""
    s += "-"
    s = s + "x"
    return (d["key"], x == "abc", x in ("a", "b"), x in {"c"}, x is None,
            x is not None, d.get("key") * 0.5, s, s * 2, s < "z", d[(1, 2)])


def stores(d, keys):
    for k in keys:
        d[k] = k * 2
        d[0] = k
        if k in d and k is not None:
            d[-1] = d[k]
    return sorted(d.items())


def maybe(flag):
    if flag:
        n = Node(3)
    return n.value + 1


def errors():
    out = []
    for f in (lambda x: x.nope, lambda x: x[5], lambda x: x[-9],
              lambda x: x + 1, lambda x: x < 2, lambda x: x["k"]):
        for v in ((1, 2), {"k": 1}, None, "ab"):
            try:
                out.append(f(v))
            except Exception as e:
                out.append("%s: %s" % (type(e).__name__, e))
    return out


def store(n):
    n.value = n.value + 1
    n.extra = n
    n.extra.value += 10
    return n.value


print(walk(50), fragile(), maybe(True), store(Node(1)))
print(stores({}, range(5)))
table = {"key": 3, (1, 2): "pair"}
for x in ("abc", "a", "c", None, 4.5):
    print(constants(x, table, "s"))
try:
    constants("x", {}, "s")
except KeyError as e:
    print("KeyError", e)


def store_fails(f, k):
    f[k] = 1


def contains_fails(f, k):
    return k in f


for fails, key in ((store_fails, "bad"), (contains_fails, None)):
    try:
        fails(Fragile(9), key)
    except (KeyError, TypeError) as e:
        print(type(e).__name__, e)
for line in errors():
    print(line)
try:
    maybe(False)
except UnboundLocalError as e:
    print("UnboundLocalError", e)


def deep(x):
    return x.value.missing


deep(Node(2))
