"""Attribute reads and writes on locals, subscripts and operators whose
operands compiled code reads straight from the locals: objects whose
__getattr__, properties, __getitem__ and operators drop every other
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
    return out


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
for line in errors():
    print(line)
try:
    maybe(False)
except UnboundLocalError as e:
    print("UnboundLocalError", e)


def deep(x):
    return x.value.missing


deep(Node(2))
