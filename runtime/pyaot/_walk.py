"""The walk `pyaot compile` makes of a directory (compiler/batch.c), for
the commands written in Python: *.py files in name order, skipping hidden
entries, __pycache__, symbolic links to directories and __main__.py
(runpy needs its code object, so it stays source)."""

import fnmatch
import os


def excluded(patterns, rel, name):
    """Whether a --exclude glob matches the relative path or the name (as
    fnmatch(3) without FNM_PATHNAME: `*` matches `/` too)."""
    return any(fnmatch.fnmatchcase(rel, g) or fnmatch.fnmatchcase(name, g)
               for g in patterns)


def modules(top, exclude=(), keep=lambda rel, is_dir: True):
    """Yields (path, relative path with /) of the modules under `top`;
    `keep` may leave out more of what the walk meets."""
    def walk(directory, rel):
        for name in sorted(os.listdir(directory)):
            full = os.path.join(directory, name)
            sub = rel + "/" + name if rel else name
            if name.startswith(".") or name == "__pycache__":
                continue
            if os.path.isdir(full):
                if not os.path.islink(full) and not excluded(exclude, sub,
                                                             name) \
                        and keep(sub, True):
                    yield from walk(full, sub)
            elif name.endswith(".py") and name != "__main__.py" and \
                    not excluded(exclude, sub, name) and keep(sub, False):
                yield full, sub

    yield from walk(top, "")
