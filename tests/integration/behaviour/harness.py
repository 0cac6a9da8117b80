"""Runner of the runtime-behaviour tests (see ../behaviour.sh).

Usage:
  python3 harness.py EXTDIR RESULTS NAME
      Imports the compiled module NAME from EXTDIR (which must hold
      NAME<EXTENSION_SUFFIXES[0]>), loads the same source a second time,
      interpreted, as module NAME_interp, and calls
      NAME_interp.checks(T, native, interp).  Each check appends one line to
      RESULTS: "ok - DESC" or "not ok - DESC" followed by "# " diagnostic
      lines; behaviour.sh numbers them.  The checks themselves therefore run
      in the interpreter and drive both copies of the code under test.
  python3 harness.py --child EXTDIR MODE NAME FUNC [ARG...]
      For checks that need a process of their own.  MODE 'native' or
      'interp': imports NAME compiled or from source, prints
      "before <native_calls>" (-1 when interpreted) and calls
      NAME.FUNC(*ARGS).  MODE 'drive': loads both copies as for the checks
      and calls NAME_interp.FUNC(native, interp, *ARGS).

In interpreted copies, __pyaot_stats__ is a stub that always returns
{"native_calls": -1} and __pyaot__ is absent.
"""

import faulthandler
import importlib.machinery
import importlib.util
import os
import signal
import subprocess
import sys
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
WATCHDOG = 30
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]

# Never write __pycache__ into the source tree.
sys.dont_write_bytecode = True

# This directory holds the sources: importing NAME must never find them.
sys.path[:] = [p for p in sys.path
               if os.path.abspath(p or os.curdir) != HERE]


def _stub_stats():
    return {"native_calls": -1}


def load_native(extdir, name):
    if extdir not in sys.path:
        sys.path.insert(0, extdir)
    mod = __import__(name)
    return mod


def load_interp(name, modname=None):
    """NAME.py from this directory, executed by the interpreter."""
    modname = modname or name + "_interp"
    path = os.path.join(HERE, name + ".py")
    spec = importlib.util.spec_from_file_location(modname, path)
    mod = importlib.util.module_from_spec(spec)
    mod.__pyaot_stats__ = _stub_stats
    sys.modules[modname] = mod
    spec.loader.exec_module(mod)
    return mod


def source_lines(name):
    """{marker: line number} for every '# L:marker' comment of NAME.py."""
    marks = {}
    with open(os.path.join(HERE, name + ".py")) as f:
        for i, line in enumerate(f, 1):
            if "# L:" in line:
                marks[line.split("# L:", 1)[1].split()[0]] = i
    return marks


class Checks:
    def __init__(self, out, name, native):
        self.out = out
        self.name = name
        self.native_mod = native
        self.harness = os.path.abspath(__file__)
        self.extdir = None
        self.python = sys.executable
        self.lines = source_lines(name)
        self.failed = 0

    def _emit(self, text):
        self.out.write(text + "\n")
        self.out.flush()

    def ok(self, cond, desc, *diag):
        cond = bool(cond)
        self._emit("%s - %s: %s" % ("ok" if cond else "not ok",
                                     self.name, desc))
        if not cond:
            self.failed += 1
            for d in diag:
                for line in str(d).splitlines() or [""]:
                    self._emit("# " + line)
        return cond

    def eq(self, actual, expected, desc):
        return self.ok(actual == expected, desc,
                       "expected: %r" % (expected,), "actual:   %r" % (actual,))

    def calls(self):
        """The process-wide count of native frame entries."""
        return self.native_mod.__pyaot_stats__()["native_calls"]

    def status(self, mod, qualname):
        """__pyaot__ entry of the code object QUALNAME (None if absent)."""
        for key, val in getattr(mod, "__pyaot__", {}).items():
            if key.rsplit(":", 1)[0] == qualname:
                return val
        return None

    def native(self, mod, *qualnames):
        """Checks that the module is the extension and that each code object
        named is native in its __pyaot__ report."""
        path = getattr(mod, "__file__", "") or ""
        bad = ["%s: %r" % (q, self.status(mod, q)) for q in qualnames
               if self.status(mod, q) != "native"]
        return self.ok(path.endswith(SUFFIX) and not bad,
                       "%s compiled, native: %s" % (mod.__name__,
                                                   " ".join(qualnames)),
                       "module file: %s" % os.path.basename(path),
                       *bad)

    def ran_natively(self, before, desc, at_least=1):
        after = self.calls()
        return self.ok(after - before >= at_least,
                       "%s ran natively (native_calls +%d)" % (
                           desc, after - before),
                       "native_calls before %d, after %d, expected at least "
                       "+%d" % (before, after, at_least))

    def line(self, marker):
        return self.lines[marker]

    def child(self, mode, func, *args, timeout=10):
        """Runs harness.py --child EXTDIR MODE NAME FUNC ARGS; returns
        (returncode or 'timeout', stdout, stderr) as text."""
        cmd = [self.python, self.harness, "--child", self.extdir, mode,
               self.name, func] + [str(a) for a in args]
        try:
            p = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=timeout)
            rc, out, err = p.returncode, p.stdout, p.stderr
        except subprocess.TimeoutExpired as e:
            rc, out, err = "timeout", e.stdout or b"", e.stderr or b""
        return (rc, out.decode("utf-8", "replace"),
                err.decode("utf-8", "replace"))

    @staticmethod
    def excerpt(text, head=400, tail=300):
        """TEXT, or its beginning and end if it is long."""
        if len(text) <= head + tail:
            return text
        return text[:head] + "\n[...]\n" + text[-tail:]

    def skip(self, desc, why):
        self._emit("ok - %s: %s # SKIP %s" % (self.name, desc, why))


def run_checks(extdir, results, name):
    with open(results, "a") as out:
        native = load_native(extdir, name)
        interp = load_interp(name)
        t = Checks(out, name, native)
        t.extdir = extdir
        try:
            interp.checks(t, native, interp)
        except BaseException:
            t.ok(False, "checks raised", traceback.format_exc())
            raise
    return 0


def run_child(extdir, mode, name, func, *args):
    # As at an interactive prompt, whatever this process inherited.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    if mode == "drive":
        native = load_native(extdir, name)
        interp = load_interp(name)
        getattr(interp, func)(native, interp, *args)
        return
    if mode == "native":
        mod = load_native(extdir, name)
        calls = mod.__pyaot_stats__()["native_calls"]
    else:
        mod = load_interp(name, name)
        calls = -1
    print("before", calls, flush=True)
    getattr(mod, func)(*args)


def main(argv):
    # A hang shows where it is stuck, and ends this process well before
    # behaviour.sh's timeout.
    faulthandler.enable()
    faulthandler.dump_traceback_later(WATCHDOG, exit=True)
    if len(argv) >= 6 and argv[1] == "--child":
        run_child(*argv[2:])
        return 0
    if len(argv) == 4:
        return run_checks(*argv[1:])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
