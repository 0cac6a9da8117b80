"""Run one integration case, interpreted or compiled by pyaot.

Usage: python3 driver.py MODE DIRS NAME

  MODE  'interp' or 'compiled'
  DIRS  colon-separated directories put first on sys.path (in order)
  NAME  module name of the case (e.g. t_arith_int)

The case module is loaded by hand (find_spec, module_from_spec, exec_module)
in both modes, so the loading path is the same.  If loading raises, the
traceback is printed to stderr the way the default excepthook would print it,
except that every stack (also those of chained exceptions) starts at the
first frame that belongs to a case file: the frames above it are importlib's
and differ between a source module and an extension module.

Exit status: 0 = the module body completed, 1 = it raised, 3 = (compiled
mode only) a pyaot check failed; each failure is a stderr line starting with
'PYAOT-CHECK:'.  The checks, run whether or not the body raised:
  (a) the module was loaded from a file ending with EXTENSION_SUFFIXES[0];
  (b) the module's __pyaot__ report exists, names every code object of the
      case source, and says "native" for each one, except qualnames allowed
      by '# pyaot-fallback-ok: QUALNAME ...' comments in the source (each
      word is a co_qualname or an fnmatch pattern; '*' allows any);
  (c) __pyaot_stats__()["native_calls"] after the run is greater than
      before it (0: no compiled code runs in this process before the case);
  (d) when PYAOT_EXECUTED names a file: every code object listed there
      (one __pyaot__ key a line) was entered natively at least once,
      except the allowed fallbacks. The compiled run counts entries per
      code object (PYAOT_COUNT_ENTRIES=1, set by the driver's caller).

In 'interp' mode with PYAOT_EXECUTED set, the driver writes to that file
the keys of the case's code objects that the run entered (the main
thread's; recorded with cProfile), for the compiled run to check.
"""

import fnmatch
import importlib.machinery
import importlib.util
import os
import re
import sys
import traceback

FALLBACK_RE = re.compile(r"^\s*#\s*pyaot-fallback-ok:(.*)$")


def usage():
    sys.stderr.write("usage: driver.py interp|compiled DIRS NAME\n")
    sys.exit(2)


def is_case_frame(filename, case_dirs):
    """True if filename is a real file inside one of the case directories."""
    if not filename or filename.startswith("<"):
        return False
    if not os.path.isfile(filename):
        return False
    return os.path.dirname(os.path.realpath(filename)) in case_dirs


def trim_stack(stack, case_dirs):
    """Drop the frames above the first case frame (importlib, driver)."""
    for i, frame in enumerate(stack):
        if is_case_frame(frame.filename, case_dirs):
            return traceback.StackSummary.from_list(list(stack)[i:])
    return stack


def trim_tbe(tbe, case_dirs, seen):
    if tbe is None or id(tbe) in seen:
        return
    seen.add(id(tbe))
    tbe.stack = trim_stack(tbe.stack, case_dirs)
    trim_tbe(tbe.__cause__, case_dirs, seen)
    trim_tbe(tbe.__context__, case_dirs, seen)
    for sub in getattr(tbe, "exceptions", None) or ():
        trim_tbe(sub, case_dirs, seen)


def print_exception(exc, case_dirs):
    tbe = traceback.TracebackException(type(exc), exc, exc.__traceback__)
    trim_tbe(tbe, case_dirs, set())
    sys.stderr.write("".join(tbe.format()))
    sys.stderr.flush()


def module_globals_from_tb(exc, name):
    """The case module's dict, found through the frames of a traceback.

    Used when the module object itself is lost (an extension module whose
    init function runs the body and fails returns no module)."""
    todo, seen = [exc], set()
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        tb = e.__traceback__
        while tb is not None:
            g = tb.tb_frame.f_globals
            if g.get("__name__") == name and "__pyaot__" in g:
                return g
            tb = tb.tb_next
        todo.append(e.__cause__)
        todo.append(e.__context__)
    return None


def fallback_allowed(source):
    allowed = set()
    for line in source.splitlines():
        m = FALLBACK_RE.match(line)
        if m:
            allowed.update(m.group(1).split())
    return allowed


def load_report_module():
    """runtime/pyaot/report.py, by path: the package itself (and its
    import hook) stays out of the case's process."""
    here = os.path.dirname(os.path.realpath(__file__))
    path = os.path.join(here, "..", "..", "runtime", "pyaot", "report.py")
    spec = importlib.util.spec_from_file_location("pyaot_report", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


report = load_report_module()


def code_objects(source, path):
    """The __pyaot__ keys of every code object of the source."""
    return set(report.code_keys(compile(source, path, "exec",
                                        dont_inherit=True)).values())


def is_allowed(key, allowed):
    qualname = str(key).rsplit(":", 1)[0]
    return any(fnmatch.fnmatchcase(qualname, pat) for pat in allowed)


def check_compiled(name, dirs, spec, module, globs, problems):
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    origin = spec.origin if spec is not None else None

    # (a) loaded from the extension module
    if origin is None or not origin.endswith(suffix):
        problems.append("module %s was loaded from %r, not from a file ending "
                        "with %r" % (name, origin, suffix))
    if module is not None:
        mfile = getattr(module, "__file__", None)
        if mfile is None or not mfile.endswith(suffix):
            problems.append("module %s has __file__ %r, not ending with %r"
                            % (name, mfile, suffix))
    if globs is None:
        problems.append("module %s: module object not available after the "
                        "run (and its dict not reachable from the traceback); "
                        "cannot check __pyaot__ / __pyaot_stats__" % name)
        return

    # (b) every code object native, except the allowed fallbacks
    source_path = None
    for d in dirs:
        p = os.path.join(d, name + ".py")
        if os.path.isfile(p):
            source_path = p
            break
    allowed, expected = set(), set()
    if source_path is None:
        problems.append("source %s.py not found in %s" % (name, dirs))
    else:
        with open(source_path, "rb") as f:
            raw = f.read()
        text = raw.decode("utf-8", "replace")
        allowed = fallback_allowed(text)
        try:
            expected = code_objects(raw, source_path)
        except SyntaxError as e:
            problems.append("cannot compile %s: %s" % (source_path, e))

    report = globs.get("__pyaot__")
    if not isinstance(report, dict):
        problems.append("module %s has no __pyaot__ dict (got %s)"
                        % (name, type(report).__name__))
    else:
        for key in sorted(expected - set(report)):
            problems.append("code object %s missing from __pyaot__" % key)
        for key, status in sorted(report.items(), key=lambda kv: str(kv[0])):
            if status != "native" and not is_allowed(key, allowed):
                problems.append("%s is not native: %s" % (key, status))

    # (c) native frames were entered
    stats_fn = globs.get("__pyaot_stats__")
    if not callable(stats_fn):
        problems.append("module %s has no callable __pyaot_stats__" % name)
        return
    try:
        after = stats_fn()["native_calls"]
    except Exception as e:
        problems.append("__pyaot_stats__() failed: %s: %s"
                        % (type(e).__name__, e))
        return
    before = 0
    if not isinstance(after, int) or not after > before:
        problems.append("native_calls is %r after the run, expected > %d"
                        % (after, before))

    # (d) every code object the interpreted run entered was entered natively
    executed = os.environ.get("PYAOT_EXECUTED")
    if executed:
        check_entries(executed, stats_fn().get("entries"), allowed, problems)


def check_entries(path, entries, allowed, problems):
    if not isinstance(entries, dict):
        problems.append("__pyaot_stats__() has no 'entries' (was "
                        "PYAOT_COUNT_ENTRIES=1 set for the compiled run?)")
        return
    try:
        with open(path) as f:
            wanted = f.read().split()
    except OSError as e:
        problems.append("cannot read the interpreted run's keys: %s" % e)
        return
    for key in wanted:
        if is_allowed(key, allowed):
            continue
        if key not in entries:
            problems.append("code object %s ran interpreted but is not in "
                            "the compiled module" % key)
        elif not entries[key]:
            problems.append("code object %s ran in the interpreted run but "
                            "was never entered natively" % key)


def run_interpreted(spec, module):
    """exec_module, but with the code object in hand, so that the code
    objects the run enters can be told by identity; their keys go to
    PYAOT_EXECUTED when it is set."""
    code = spec.loader.get_code(spec.name)
    out = os.environ.get("PYAOT_EXECUTED")
    if not out:
        exec(code, module.__dict__)
        return
    entered = {}
    try:
        entered = report.record_entries(report.code_keys(code),
                                        lambda: exec(code, module.__dict__))
    finally:
        with open(out, "w") as f:
            f.write("".join(k + "\n" for k in sorted(entered)))


def main(argv):
    if len(argv) != 4 or argv[1] not in ("interp", "compiled"):
        usage()
    mode, dirs, name = argv[1], [d for d in argv[2].split(":") if d], argv[3]
    dirs = [os.path.abspath(d) for d in dirs]
    case_dirs = {os.path.realpath(d) for d in dirs}
    sys.path[0:0] = dirs

    spec = importlib.util.find_spec(name)
    if spec is None:
        sys.stderr.write("driver: module %s not found in %s\n" % (name, dirs))
        return 2

    module = None
    status = 0
    error = None
    try:
        # For an extension module with single-phase init, module_from_spec
        # already runs the body; exec_module is then a no-op.
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        if mode == "interp":
            run_interpreted(spec, module)
        else:
            spec.loader.exec_module(module)
    except BaseException as e:
        error = e
        status = 1
        sys.modules.pop(name, None)
    sys.stdout.flush()
    if error is not None:
        print_exception(error, case_dirs)

    if mode == "compiled":
        problems = []
        try:
            if module is not None:
                globs = module.__dict__
            else:
                globs = module_globals_from_tb(error, name)
            check_compiled(name, dirs, spec, module, globs, problems)
        except Exception as e:
            problems.append("driver check crashed: %s"
                            % "".join(traceback.format_exception_only(
                                type(e), e)).strip())
        if problems:
            for p in problems:
                sys.stderr.write("PYAOT-CHECK: %s\n" % p)
            status = 3
    sys.stdout.flush()
    sys.stderr.flush()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
