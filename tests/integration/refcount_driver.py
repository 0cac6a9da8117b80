"""Reference-leak check of one integration case: compiled vs interpreted.

Usage: python3.11-dbg refcount_driver.py [OPTIONS] DIR NAME [CASEDIR]

  DIR      directory holding NAME<EXTENSION_SUFFIXES[0]> written by pyaot
  NAME     module name of the case (e.g. t_loops)
  CASEDIR  directory of the case source NAME.py (default: DIR); it is put on
           sys.path after DIR, so that modules beside the case are found

Options:
  --warmup N    rounds run before measuring (default 3)
  --rounds M    rounds measured (default 5)
  --only MODE   measure only 'compiled' or only 'interp'

Needs a Py_REF_DEBUG interpreter (sys.gettotalrefcount), e.g. Debian's
python3.11-dbg, and a pyaot built for that interpreter (the extension suffix
of a debug build differs: .cpython-311d-...).

A round loads the case module the way driver.py does: a fresh spec from
importlib.util.find_spec, module_from_spec, exec_module (for a pyaot
artifact, a multi-phase extension module, this runs PyInit and the exec slot
again on a new module object, so the module body runs natively again), with
stdout/stderr redirected to a StringIO that is thrown away, and any exception
of the body caught and dropped.  Afterwards the module is removed from
sys.modules again; modules the case imported stay there.

The first rounds pay one-time costs (imports, interned strings, caches), so
the driver runs N warm-up rounds, then measures M rounds one by one:
gc.collect() and sys._clear_type_cache() before reading
sys.gettotalrefcount() on both sides of each round.  The fixed cost of the
measurement itself is measured with an empty round and subtracted.

The same procedure is applied to the interpreted module (the source NAME.py
from CASEDIR), which gives the baseline: some cases keep references legitimately
even interpreted (caches, warnings registries, lru_cache, ...).  The check is
that the compiled module does not keep more references per round than the
interpreted one.

Output: one line per mode,
  compiled: total +T over M rounds, +X/round (per round: d1 d2 ...) [status]
  interp:   ...
a 'note:' line when the compiled module keeps fewer references than the
interpreted one (passes, but an extra DECREF would look like that), then a
last line
  refs: compiled +X/round, interpreted +Y/round
Exit status: 0 = compiled <= interpreted, 1 = the compiled module keeps more
references (a leak), 2 = usage or setup error (no gettotalrefcount, module
not found, compiled module not loaded from an extension, ...).
"""

import contextlib
import gc
import importlib.machinery
import importlib.util
import io
import os
import sys


def usage(msg=None):
    if msg:
        sys.stderr.write("refcount_driver.py: %s\n" % msg)
    sys.stderr.write("usage: refcount_driver.py [--warmup N] [--rounds M] "
                     "[--only compiled|interp] DIR NAME [CASEDIR]\n")
    sys.exit(2)


def settle():
    """Free what can be freed, and put the type cache in a fixed state.

    In 3.11 each type cache entry owns a reference to its name; clearing the
    cache points every entry at None, so the cache's share of the total is
    the same on both sides of a measurement."""
    for _ in range(3):
        if not gc.collect():
            break
    sys._clear_type_cache()


class Loader:
    """Loads NAME one round at a time, with a fixed sys.path prefix.

    compiled: the spec comes from importlib.util.find_spec with DIR, CASEDIR
    first on sys.path (as in driver.py); it must name the extension module.
    interp: the spec is made from CASEDIR/NAME.py itself (a FileFinder would
    prefer an extension module lying beside the source)."""

    def __init__(self, name, dirs, source=None):
        self.name = name
        self.dirs = dirs
        self.source = source    # the .py file, for the interpreted mode
        self.raised = None      # type name of the exception of the last round
        # __pyaot_stats__()["native_calls"] after the last round, and
        # whether it grew in every round (kept in place: a list of the
        # counts would itself be counted as a leak)
        self.native_last = None
        self.native_grew = None

    def spec(self):
        """A fresh spec; sys.path must hold self.dirs first."""
        if self.source is not None:
            return importlib.util.spec_from_file_location(self.name,
                                                          self.source)
        return importlib.util.find_spec(self.name)

    def check(self):
        """Finds the spec once, outside the measurement; None if fine."""
        saved = sys.path[:]
        sys.path[0:0] = self.dirs
        try:
            importlib.invalidate_caches()
            spec = self.spec()
        finally:
            sys.path[:] = saved
        if self.source is not None:
            if not os.path.isfile(self.source):
                return "no source file %s" % self.source
            return None
        if spec is None:
            return "module %s not found in %s" % (self.name, self.dirs)
        suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
        if not (spec.origin or "").endswith(suffix):
            return ("compiled module %s loads from %s, not from a file "
                    "ending with %s (is the pyaot build for this python?)"
                    % (self.name, spec.origin, suffix))
        return None

    def round(self):
        name = self.name
        saved_path = sys.path[:]
        # The path stays set while the body runs: the case may import
        # modules that live beside it.
        sys.path[0:0] = self.dirs
        sink = io.StringIO()
        self.raised = None
        native = None
        try:
            with contextlib.redirect_stdout(sink), \
                    contextlib.redirect_stderr(sink):
                spec = self.spec()
                module = importlib.util.module_from_spec(spec)
                sys.modules[name] = module
                try:
                    spec.loader.exec_module(module)
                except BaseException as e:
                    self.raised = type(e).__name__
                    e = None
                stats = module.__dict__.get("__pyaot_stats__")
                native = stats()["native_calls"] if stats else None
                module = spec = stats = None
        finally:
            sys.modules.pop(name, None)
            sys.path[:] = saved_path
            sink = None
        if native is not None:
            if self.native_last is not None:
                grew = native > self.native_last
                self.native_grew = grew and self.native_grew is not False
            self.native_last = native

    def empty_round(self):
        """A round that loads nothing: the measurement's own cost."""
        saved_path = sys.path[:]
        sys.path[0:0] = self.dirs
        sink = io.StringIO()
        try:
            with contextlib.redirect_stdout(sink), \
                    contextlib.redirect_stderr(sink):
                spec = module = None
        finally:
            sys.modules.pop(self.name, None)
            sys.path[:] = saved_path
            sink = None


def measure_one(fn):
    # A traceback kept by the case holds the case's frame, whose f_back
    # chain reaches this frame once the round is over: its frame object would
    # be created during the round and live on (owned by this running frame)
    # until after the second reading.  Create it now.
    sys._getframe()
    settle()
    before = sys.gettotalrefcount()
    fn()
    settle()
    after = sys.gettotalrefcount()
    return after - before


def measure(loader, warmup, rounds):
    """Per-round deltas, the measurement's own cost subtracted."""
    for _ in range(warmup):
        loader.round()
    # The cost of measuring: median of a few empty rounds (normally a
    # small constant, e.g. the int holding 'before').
    empties = sorted(measure_one(loader.empty_round) for _ in range(3))
    bias = empties[1]
    deltas = []
    for _ in range(rounds):
        deltas.append(measure_one(loader.round) - bias)
    return deltas, bias


def fmt(n):
    if isinstance(n, float):
        if n == int(n):
            n = int(n)
        else:
            return "%+.1f" % n
    return "%+d" % n


def main(argv):
    warmup, rounds, only = 3, 5, None
    args = argv[1:]
    while args and args[0].startswith("--"):
        opt = args.pop(0)
        if opt == "--":
            break
        if not args:
            usage("%s needs a value" % opt)
        val = args.pop(0)
        try:
            if opt == "--warmup":
                warmup = int(val)
            elif opt == "--rounds":
                rounds = int(val)
            elif opt == "--only":
                if val not in ("compiled", "interp"):
                    usage("--only takes 'compiled' or 'interp'")
                only = val
            else:
                usage("unknown option %s" % opt)
        except ValueError:
            usage("%s takes a number" % opt)
    if len(args) not in (2, 3) or warmup < 0 or rounds < 1:
        usage()
    if not hasattr(sys, "gettotalrefcount"):
        sys.stderr.write("refcount_driver.py: %s has no sys.gettotalrefcount "
                         "(not a Py_REF_DEBUG build; use python3.11-dbg)\n"
                         % sys.executable)
        return 2
    ext_dir = os.path.abspath(args[0])
    name = args[1]
    case_dir = os.path.abspath(args[2] if len(args) == 3 else args[0])

    modes = []
    if only in (None, "compiled"):
        modes.append(("compiled", Loader(name, [ext_dir, case_dir])))
    if only in (None, "interp"):
        modes.append(("interp", Loader(name, [case_dir],
                                       os.path.join(case_dir, name + ".py"))))

    results = {}
    for mode, loader in modes:
        problem = loader.check()
        if problem:
            sys.stderr.write("refcount_driver.py: %s\n" % problem)
            return 2
        deltas, bias = measure(loader, warmup, rounds)
        total = sum(deltas)
        status = ("body raised %s" % loader.raised if loader.raised
                  else "body completed")
        if mode == "compiled":
            # The native code must really run again in every round.
            if loader.native_grew or (loader.native_grew is None
                                      and loader.native_last):
                status += ", native code ran in every round"
            else:
                sys.stderr.write("refcount_driver.py: compiled module %s: "
                                 "__pyaot_stats__ shows no native calls in "
                                 "some round\n" % name)
                return 2
        print("%s: total %s over %d rounds, %s/round (per round: %s) [%s]"
              % (mode, fmt(total), rounds, fmt(total / rounds),
                 " ".join(fmt(d) for d in deltas), status))
        sys.stdout.flush()
        results[mode] = total

    if len(results) == 2:
        c, i = results["compiled"], results["interp"]
        if c < i:
            # Allowed, but worth a look: an extra DECREF in the compiled
            # code shows up here (until the object is freed too early).
            print("note: the compiled module keeps %d fewer references over "
                  "%d rounds than the interpreted one" % (i - c, rounds))
        print("refs: compiled %s/round, interpreted %s/round"
              % (fmt(c / rounds), fmt(i / rounds)))
        return 1 if c > i else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
