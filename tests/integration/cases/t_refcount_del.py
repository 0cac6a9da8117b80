# Object lifetime under reference counting: __del__ timing, weakref callbacks,
# temporaries released at statement end, cycles collected by gc.collect().
import gc
import weakref

events = []


class Tracked:
    def __init__(self, name):
        self.name = name
        events.append(f"init {name}")

    def __del__(self):
        events.append(f"del {self.name}")


def flush(label):
    print(label, events)
    events.clear()


def scope():
    a = Tracked("local")
    b = Tracked("returned")
    return b


r = scope()
flush("after scope")
del r
flush("after del r")
Tracked("temporary")
flush("after temporary expression")
x = Tracked("x1")
x = Tracked("x2")
flush("after rebinding")
x = None
flush("after x=None")
lst = [Tracked(f"item{i}") for i in range(3)]
lst.pop(1)
flush("after pop")
lst.clear()
flush("after clear")
d = {"k": Tracked("in dict")}
d["k"] = 1
flush("after dict overwrite")


def raiser():
    t = Tracked("in raiser")
    raise ValueError("boom")


try:
    raiser()
except ValueError as e:
    events.append(f"caught {e}")
flush("after exception handler")
obj = Tracked("weak target")
notes = []
ref = weakref.ref(obj, lambda wr: notes.append("callback"))
print(ref() is obj, ref().name)
del obj
print(ref(), notes)
flush("after weak target dropped")
cache = weakref.WeakValueDictionary()
keep = Tracked("kept")
cache["kept"] = keep
cache["gone"] = Tracked("gone")
print(sorted(cache.keys()))
flush("weak dict")


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __del__(self):
        events.append(f"del node {self.name}")


gc.collect()
gc.disable()  # no automatic collection may run at a different moment
n1, n2 = Node("n1"), Node("n2")
n1.other, n2.other = n2, n1
del n1, n2
flush("cycle before collect")
collected = gc.collect()
gc.enable()
print("collected something:", collected >= 2, sorted(events))
events.clear()
for i in range(3):
    t = Tracked(f"loop{i}")
flush("after loop")
del t
flush("after del loop var")


def generator_free_chain(n):
    objs = [Tracked(f"chain{i}") for i in range(n)]
    return len(objs)


print(generator_free_chain(2))
flush("after chain")
with open("/dev/null") as f:
    pass
print("file closed", f.closed)
s = "".join([str(i) for i in range(5)])
print(s, len(events))
