"""The keys of a compiled module's `__pyaot__` report, computed from a
code object tree as the runtime computes them, and a recorder of the code
objects an interpreted run enters: together, what the differential driver
needs to prove that every function that ran interpreted also ran natively
(the compiled run counting its entries with PYAOT_COUNT_ENTRIES=1).
bench/run matches its hot functions by module and key instead, since the
workload modules it profiles are imported by the import system.

Standalone on purpose (no imports of the package), so test drivers can
load it by path without importing the import hook.
"""


def code_keys(top):
    """{id(code object): key} over the code tree of `top`, keyed as the
    runtime keys __pyaot__: 'qualname:firstlineno' in pre-order, with
    '#2', '#3'... for later code objects that would take a key already
    taken. By id: equal code objects are distinct code objects here."""
    keys, taken = {}, set()

    def visit(co):
        base = "%s:%d" % (co.co_qualname, co.co_firstlineno)
        key, k = base, 2
        while key in taken:
            key, k = "%s#%d" % (base, k), k + 1
        taken.add(key)
        keys[id(co)] = key
        for c in co.co_consts:
            if hasattr(c, "co_code"):
                visit(c)

    visit(top)
    return keys


def record_entries(keys, run):
    """Calls run() under cProfile (the calling thread only); returns
    {key: (entries, own seconds)} for the code objects in `keys` that it
    entered, also when run() raises."""
    import cProfile
    profile = cProfile.Profile(builtins=False)
    entered = {}
    try:
        profile.enable()
        try:
            run()
        finally:
            profile.disable()
    finally:
        for s in profile.getstats():
            key = keys.get(id(s.code))
            if key is not None:
                entered[key] = (s.callcount, s.inlinetime)
    return entered
