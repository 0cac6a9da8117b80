"""pyaot's Python side: the import hook for cached artifacts
(pyaot.hook), the commands written in Python (`pyaot status`, `hook`,
`wheel`), the setuptools integration (pyaot.setuptools), and compile(),
which runs the pyaot compiler from Python.

    import pyaot
    pyaot.compile(["mymodule.py"])               # mymodule.<EXT_SUFFIX>
    pyaot.compile(["pkg"], cache=True)           # pkg/**/__pycache__/*.pyaot.so
"""

import os

from ._compiler import CompileError, compiler_path, run as _run_compiler

__all__ = ["compile", "compiler_path", "CompileError"]


def compile(paths, *, output=None, cache=False, check_source=None,
            jobs=None, exclude=(), opt_level=None, verbose=False,
            compiler=None):
    """Compiles the modules in `paths` (files, packages or directories)
    with the pyaot program, as `pyaot compile` would.

    output: directory for the modules (-o); cache: write __pycache__
    artifacts for the import hook instead (--cache), matched to their
    source by `check_source` ("hash" or "mtime"); jobs: parallel
    compilers (-j); exclude: globs to skip (--exclude); opt_level: the
    -O level, 0 to 3 (default 1). Messages go to stderr as the program prints them.
    Raises CompileError, with the exit status, when any module failed.
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    argv = [compiler or compiler_path(), "compile"]
    if output is not None:
        argv += ["-o", os.fspath(output)]
    if cache:
        argv.append("--cache")
    if check_source is not None:
        argv.append("--check-source=" + check_source)
    if jobs is not None:
        argv += ["-j", str(jobs)]
    for pattern in exclude:
        argv += ["--exclude", pattern]
    if opt_level is not None:
        argv.append("-O%d" % opt_level)
    if verbose:
        argv.append("-v")
    argv.append("--")
    argv += [os.fspath(p) for p in paths]
    status = _run_compiler(argv)
    if status != 0:
        raise CompileError(status, argv)
