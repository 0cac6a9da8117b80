# Import forms: import x, import a.b as c, from x import y as z, star import,
# imports inside functions, relative failures, __import__, importlib.
import math
import os.path as osp
import collections.abc as cabc
import xml.etree.ElementTree as ET
import json, string
from functools import reduce, partial as part
from itertools import (chain, islice,
                       accumulate)
from math import *
from collections import *

print(math.sqrt(16), sqrt(25), pi == math.pi, floor(-2.5), gcd(12, 18), isclose(0.1 + 0.2, 0.3))
print(osp.join("a", "b", "c.txt"), osp.splitext("archive.tar.gz"), osp.basename("/x/y/z.py"))
print(isinstance([], cabc.Sequence), isinstance({}, cabc.Mapping), issubclass(dict, cabc.MutableMapping))
root = ET.fromstring("<r><i n='1'>a</i><i n='2'>b</i></r>")
print([(e.get("n"), e.text) for e in root.findall("i")], root.tag)
print(json.dumps({"b": [1, 2.5, None, True], "a": "x"}, sort_keys=True), json.loads("[1, {\"k\": null}]"))
print(string.ascii_lowercase[:5], string.digits, string.capwords("hello big world"))
print(reduce(lambda a, b: a * b, range(1, 8)), part(pow, 2)(10), list(islice(chain("ab", "cd"), 3)))
print(list(accumulate([1, 2, 3, 4])), list(accumulate([3, 1, 4], max)))
c = Counter("abracadabra")
print(sorted(c.items()), c.most_common(2))
dd = defaultdict(list)
for k, v in [("x", 1), ("y", 2), ("x", 3)]:
    dd[k].append(v)
print(dict(dd), OrderedDict(a=1, b=2), deque([1, 2, 3], maxlen=2))
Pt = namedtuple("Pt", "x y")
print(Pt(1, 2), Pt(1, 2)._replace(y=5), Pt._fields, Pt(3, 4).x + Pt(3, 4)[1])
cm = ChainMap({"a": 1}, {"a": 2, "b": 3})
print(cm["a"], cm["b"], sorted(cm))


def local_import():
    import heapq
    from bisect import bisect_left, insort
    h = [5, 1, 8, 3]
    heapq.heapify(h)
    out = [heapq.heappop(h) for _ in range(len(h))]
    lst = [1, 3, 5]
    insort(lst, 4)
    return out, bisect_left(lst, 4), lst


print(local_import())


def import_error_cases():
    results = []
    try:
        import no_such_module_pyaot_xyz
    except ModuleNotFoundError as e:
        results.append(("ModuleNotFoundError", str(e), e.name))
    try:
        from math import no_such_name
    except ImportError as e:
        results.append(("ImportError", str(e).split(" (")[0], e.name))
    try:
        import os.no_such_sub
    except ImportError as e:
        results.append((type(e).__name__, str(e)))
    return results


for r in import_error_cases():
    print(r)
mod = __import__("textwrap")
print(mod.shorten("The quick brown fox jumps over the lazy dog", width=25))
import importlib
op = importlib.import_module("operator")
print(op.add(2, 3), op.itemgetter(1, 0)("ab"), op.attrgetter("real")(3 + 4j))
import sys
print("math" in sys.modules, type(sys.modules["json"]).__name__, __name__)
import math as m2
print(m2 is math, m2.factorial(10), math.__name__, osp.__name__ in ("posixpath", "ntpath"))
import textwrap, heapq as hq
print(textwrap.dedent("   x\n   y"), hq.nlargest(2, [4, 9, 1, 7]))
names_from_star = sorted([n for n in ("sqrt", "tau", "inf", "Counter", "deque") if n in globals()])
print(names_from_star, tau, inf)
