"""`pyaot status PATH...`: which sources have a fresh, stale or missing
cached artifact (`pyaot compile --cache`), or one that cannot be used."""

import os
import sys

from . import _artifact, _walk
from .cli import ArgumentParser


def sources(path, exclude=()):
    """The .py files of a file or directory argument, walked as `pyaot
    compile` walks it."""
    if not os.path.isdir(path):
        return [path]
    return [full for full, _ in _walk.modules(path, exclude)]


def main(argv):
    p = ArgumentParser(prog="pyaot status", description=__doc__)
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="a .py file, a package or a source tree")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                   help="skip what matches, as `pyaot compile --exclude`")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="print only the summary line")
    args = p.parse_args(argv)
    counts = dict.fromkeys((_artifact.FRESH, _artifact.STALE,
                            _artifact.MISSING, _artifact.INVALID), 0)
    errors = 0
    for path in args.paths:
        if not os.path.exists(path):
            sys.stderr.write("pyaot: %s: no such file or directory\n" % path)
            errors += 1
            continue
        if not os.path.isdir(path) and not path.endswith(".py"):
            sys.stderr.write("pyaot: %s: not a .py file or a directory\n"
                             % path)
            errors += 1
            continue
        for source in sources(path, args.exclude):
            state, why, _ = _artifact.check(source)
            counts[state] += 1
            if not args.quiet:
                print("%-8s %s%s" % (state, source,
                                     "  (%s)" % why if why else ""))
    total = sum(counts.values())
    print("pyaot: %d module%s: %s" % (
        total, "" if total == 1 else "s",
        ", ".join("%d %s" % (n, state) for state, n in counts.items()
                  if n or state == _artifact.FRESH)))
    sys.stdout.flush()
    if errors:
        return 1
    return 0 if counts[_artifact.FRESH] == total else 1
