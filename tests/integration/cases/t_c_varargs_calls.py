"""Calls of METH_VARARGS C functions, which take their arguments as a
tuple (Match.group, str.format, set.union, dict.update): compiled, a
tuple the callee did not keep serves the next call of as many
arguments. Each call must still see its own arguments: callees that
keep their tuple (returned, stored), arguments whose destructor calls
the same function again while the tuple is emptied, callees that raise,
threads, and the collector never shown an emptied tuple."""
import _testcapi
import gc
import re
import threading

get_args = _testcapi.get_args  # returns the tuple it was given


def kept_tuples():
    kept = [get_args(i) for i in range(4)]
    kept += [get_args(i, -i) for i in range(3)]
    kept += [get_args(i, i, i) for i in range(3)]
    print(kept)
    print(len({id(t) for t in kept}), all(gc.is_tracked(t) for t in kept))
    # a kept tuple holding a cycle is still collected
    class Node:
        pass
    n = Node()
    n.args = get_args(n)
    del n
    print(gc.collect() > 0)


PAT = re.compile(r"(?P<a>\w)(?P<b>\d)?")


def groups(text):
    out = []
    for m in PAT.finditer(text):
        out.append((m.group("a"), m.group("b"), m.group(1, 2), m.group(0)))
    return out


class Name(str):
    """A group name whose destructor looks up a group of the same match."""
    def __del__(self):
        try:
            CURRENT[0].group(Name.__new__(str, "a"))
            CURRENT[1].append(CURRENT[0].group("a"))
        except Exception as e:
            CURRENT[1].append(type(e).__name__)


CURRENT = [None, []]


def reentrant():
    m = PAT.match("x1")
    CURRENT[0] = m
    for i in range(3):
        print(m.group(Name("b")), m.group(Name("a")))
    print(CURRENT[1])
    CURRENT[0] = None


def raising():
    m = PAT.match("q")
    for name in ("a", "nope", 5, "b", None):
        try:
            print(repr(m.group(name)))
        except (IndexError, TypeError) as e:
            print(type(e).__name__, e)
    for fmt in ("{} {}", "{0}{0}", "{}{}{}", "{x}"):
        try:
            print(fmt.format("p", "q"))
        except (IndexError, KeyError) as e:
            print(type(e).__name__, e)


def formats_and_sets():
    s = set()
    d = {}
    for i in range(5):
        print("{}-{}".format(i, i * i), "{a}".format(a=i))
        s = s.union({i}, [i + 10])
        d.update({i: i}, k=i)
    print(sorted(s), d)


def no_emptied_tuple_shown():
    m = PAT.match("z9")
    for _ in range(3):
        m.group("a")
        m.group("a", "b")
    # (an emptied item would crash o[i]; repr would show it as <NULL>)
    items = [o[i] for o in gc.get_objects() if type(o) is tuple
             for i in range(len(o))]
    print(len(items) > 0)


def threads():
    results = []
    def work(k):
        m = PAT.match("t%d" % k)
        got = [m.group("a", "b") for _ in range(2000)]
        results.append((k, got[0], all(g == got[0] for g in got)))
    ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print(sorted(results))


kept_tuples()
print(groups("a1b c2 d"))
reentrant()
raising()
formats_and_sets()
no_emptied_tuple_shown()
threads()
