"""`pyaot stdlib compile|status|remove`: the target Python's whole
pure-Python standard library as cached artifacts (`pyaot compile --cache`),
which the import hook then loads for every program. site-packages is
left out (and modules whose names are not identifiers), and so are the
test packages unless --tests asks for them (to run CPython's own suite
against the compiled library); compiling again only compiles what is not
fresh, and `remove` deletes the artifacts (never a source or a .pyc)."""

import os
import subprocess
import sys
import sysconfig
import time

from . import _artifact, _compiler, _walk
from .cli import ArgumentParser

# Directories that are not the library proper: installed packages, test
# suites and their data (some of it is deliberately invalid Python), the
# build configuration.
NOT_LIBRARY = ("site-packages", "dist-packages", "config-*")
TESTS = ("test", "tests", "idle_test")
# With the tests: what is there to be read as data, not run (much of it
# deliberately not Python 3).
TEST_DATA = ("lib2to3/tests/data", "test/tokenizedata", "test/badsyntax_*",
             "test/test_future_stmt/badsyntax_*")


def library_sources(lib, exclude, tests=False):
    """The modules to compile: those whose dotted names an extension module
    can have (not _sysconfigdata__linux_x86_64-linux-gnu, which sysconfig
    imports by a computed name)."""
    left_out = NOT_LIBRARY + (TEST_DATA if tests else TESTS)
    return [full for full, rel in _walk.modules(lib, left_out +
                                                tuple(exclude))
            if all(part.isidentifier() and part.isascii()
                   for part in rel[:-3].split("/"))]


def compile_library(lib, sources, jobs):
    """Compiles the sources that have no fresh artifact; the exit status."""
    todo = [s for s in sources if _artifact.check(s)[0] != _artifact.FRESH]
    print("pyaot stdlib: %s: %d modules, %d to compile, %d fresh already"
          % (lib, len(sources), len(todo), len(sources) - len(todo)))
    sys.stdout.flush()
    if not todo:
        return 0
    if not sys.pycache_prefix and not os.access(lib, os.W_OK):
        sys.stderr.write(
            "pyaot: %s: not writable; set PYTHONPYCACHEPREFIX=DIR to keep "
            "the artifacts under DIR (and run Python with the same "
            "prefix)\n" % lib)
        return 1
    program = _compiler.compiler_or_report()
    if program is None:
        return 1
    argv = [program, "compile", "--cache"]
    if jobs:
        argv.append("--jobs=%d" % jobs)
    start = time.monotonic()
    status = _compiler.run(argv + todo, stdin=subprocess.DEVNULL)
    seconds = time.monotonic() - start
    fresh = sum(_artifact.check(s)[0] == _artifact.FRESH for s in todo)
    print("pyaot stdlib: compiled %d of %d modules in %.0f s (%.1f s a "
          "module); %d failed" % (fresh, len(todo), seconds,
                                  seconds / len(todo), len(todo) - fresh))
    return 0 if status == 0 and fresh == len(todo) else 1


def remove_artifacts(lib, sources):
    removed = 0
    for source in sources:
        artifact = _artifact.cache_path(source)
        try:
            os.unlink(artifact)
            removed += 1
        except FileNotFoundError:
            pass
        except OSError as e:
            sys.stderr.write("pyaot: %s: %s\n" % (artifact, e.strerror))
            return 1
    print("pyaot stdlib: %s: %d artifacts removed" % (lib, removed))
    return 0


def report_status(lib, sources, quiet):
    counts = {}
    for source in sources:
        state, why, _ = _artifact.check(source)
        counts[state] = counts.get(state, 0) + 1
        if not quiet and state != _artifact.FRESH:
            print("%-8s %s%s" % (state, os.path.relpath(source, lib),
                                 "  (%s)" % why if why else ""))
    print("pyaot stdlib: %s: %d modules: %s" % (
        lib, len(sources), ", ".join(
            "%d %s" % (counts.get(s, 0), s) for s in (
                _artifact.FRESH, _artifact.STALE, _artifact.MISSING,
                _artifact.INVALID) if counts.get(s) or s == _artifact.FRESH)))
    return 0 if counts.get(_artifact.FRESH, 0) == len(sources) else 1


def main(argv):
    p = ArgumentParser(prog="pyaot stdlib", description=__doc__)
    p.add_argument("action", choices=("compile", "status", "remove"))
    p.add_argument("--lib", metavar="DIR",
                   help="the library directory (default: this Python's, "
                        "%s)" % sysconfig.get_paths()["stdlib"])
    p.add_argument("-j", "--jobs", type=int, metavar="N",
                   help="compile N modules at a time (default: the number "
                        "of online CPUs)")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                   help="leave out more, as `pyaot compile --exclude`")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="status: print only the summary line")
    p.add_argument("--tests", action="store_true",
                   help="also the test packages (Lib/test and the others), "
                        "to run CPython's suite against the compiled "
                        "library")
    args = p.parse_args(argv)
    if args.jobs is not None and args.jobs < 1:
        p.error("-j takes a positive number")
    lib = os.path.abspath(args.lib or sysconfig.get_paths()["stdlib"])
    if not os.path.isdir(lib):
        sys.stderr.write("pyaot: %s: no such directory\n" % lib)
        return 1
    sources = library_sources(lib, args.exclude, args.tests)
    if args.action == "compile":
        return compile_library(lib, sources, args.jobs)
    if args.action == "remove":
        return remove_artifacts(lib, sources)
    return report_status(lib, sources, args.quiet)
