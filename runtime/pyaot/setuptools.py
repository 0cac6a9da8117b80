"""setuptools integration: wheels whose modules are compiled by pyaot.

In setup.py:

    from setuptools import setup
    import pyaot.setuptools
    setup(cmdclass=pyaot.setuptools.cmdclass())

or, with no setup.py, in pyproject.toml (setuptools 65 reads this table):

    [tool.setuptools.cmdclass]
    build_py = "pyaot.setuptools.build_py"
    bdist_wheel = "pyaot.setuptools.bdist_wheel"

then `pip wheel . --no-build-isolation` (or `pip install .
--no-build-isolation`): pyaot is not on PyPI, so the build must run where
the pyaot package is importable (installed, or on PYTHONPATH) and where
pyaot.compiler_path() finds the compiler (e.g. PYAOT_COMPILER=...); the
`wheel` package must be installed too.

build_py runs as usual, then compiles the modules it copied into the
build directory, except __main__.py files (runpy needs their code
object), and removes their sources. bdist_wheel tags the wheel for this
interpreter (cp311-cp311-linux_x86_64) instead of py3-none-any. Options
of build_py, in setup.cfg's [build_py] section (or on its command line
as --pyaot-keep-source, --pyaot-exclude=... and so on):

    pyaot_keep_source = 1        keep each .py beside its compiled module
                                 (tracebacks then show source lines)
    pyaot_exclude = GLOB ...     leave as source the modules whose path
                                 in the build directory (pkg/tests/*) or
                                 whose name (util.py) matches a glob;
                                 separated by spaces, commas or newlines
    pyaot_jobs = N               modules compiled at a time
    pyaot_opt_level = 0..3       optimisation level (default 1)

PYAOT_BUILD=0 in the environment builds the plain pure-Python wheel, with
nothing compiled. Editable installs (pip install -e) stay interpreted:
build_py copies no module for them.
"""

import importlib.util
import os
import sysconfig

from setuptools.command.build_py import build_py as _build_py
from setuptools.errors import ExecError, OptionError

try:
    from setuptools.command.bdist_wheel import bdist_wheel as _bdist_wheel
except ImportError:
    try:
        from wheel.bdist_wheel import bdist_wheel as _bdist_wheel
    except ImportError:  # no wheel package: setuptools cannot build wheels
        _bdist_wheel = None

from . import CompileError
from . import compile as _pyaot_compile
from ._walk import excluded

__all__ = ["build_py", "bdist_wheel", "cmdclass", "enabled"]

EXT_SUFFIX = sysconfig.get_config_var("EXT_SUFFIX")


def enabled():
    """False when PYAOT_BUILD=0 asks for a plain pure-Python build."""
    return os.environ.get("PYAOT_BUILD", "1").strip() != "0"


def _artifact(py_path):
    return py_path[:-3] + EXT_SUFFIX


class build_py(_build_py):
    """build_py that compiles the modules it copies (see the module's
    docstring)."""

    user_options = _build_py.user_options + [
        ("pyaot-keep-source", None,
         "keep the .py sources beside the modules pyaot compiled"),
        ("pyaot-exclude=", None,
         "globs of modules pyaot leaves as source (path in the build "
         "directory, or name)"),
        ("pyaot-jobs=", None, "modules pyaot compiles at a time"),
        ("pyaot-opt-level=", None, "gcc optimisation level for pyaot, 0-3"),
    ]
    boolean_options = _build_py.boolean_options + ["pyaot-keep-source"]

    def initialize_options(self):
        super().initialize_options()
        self.pyaot_keep_source = False
        self.pyaot_exclude = None
        self.pyaot_jobs = None
        self.pyaot_opt_level = None

    def finalize_options(self):
        super().finalize_options()
        exclude = self.pyaot_exclude or []
        if isinstance(exclude, str):
            exclude = exclude.replace(",", " ").split()
        self.pyaot_exclude = list(exclude)
        self.pyaot_jobs = self._number("pyaot-jobs", self.pyaot_jobs, 1, None)
        self.pyaot_opt_level = self._number("pyaot-opt-level",
                                            self.pyaot_opt_level, 0, 3)

    @staticmethod
    def _number(option, value, low, high):
        if value is None:
            return None
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = None
        if number is None or number < low or (high is not None
                                              and number > high):
            raise OptionError("%s must be a whole number %s, not %r" % (
                option, "from %d to %d" % (low, high) if high is not None
                else "of at least %d" % low, value))
        return number

    def _pyaot_modules(self):
        """(to compile, to leave as source): the build_lib paths of the
        modules this command builds."""
        chosen, left = [], []
        for package, module, _ in self.find_all_modules():
            path = self.get_module_outfile(self.build_lib, package.split("."),
                                           module)
            rel = os.path.relpath(path, self.build_lib).replace(os.sep, "/")
            name = os.path.basename(path)
            if name == "__main__.py" or excluded(self.pyaot_exclude, rel,
                                                 name):
                left.append(path)
            else:
                chosen.append(path)
        return chosen, left

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False) or self.dry_run:
            return
        chosen, left = self._pyaot_modules()
        if not enabled():
            chosen, left = [], chosen + left
        # build_lib outlives a build: an artifact left by an earlier one
        # would shadow a module that is source this time, or hide that a
        # module failed to compile.
        for path in chosen + left:
            if os.path.exists(_artifact(path)):
                os.unlink(_artifact(path))
        if not chosen:
            return
        self.announce("pyaot: compiling %d modules" % len(chosen), level=2)
        try:
            _pyaot_compile(chosen, jobs=self.pyaot_jobs,
                           opt_level=self.pyaot_opt_level)
            failed = None
        except OSError as e:  # no compiler found, or it cannot be run
            raise ExecError("pyaot: %s" % (
                "%s: %s" % (e.filename, e.strerror) if e.filename else e)
            ) from None
        except CompileError as e:
            failed = e
        missing = [p for p in chosen if not os.path.exists(_artifact(p))]
        if failed and missing:
            raise ExecError("pyaot: %d of %d modules failed to compile"
                            % (len(missing), len(chosen)))
        if failed or missing:
            raise ExecError("pyaot: %s" % (failed or "%s was not written: "
                            "does pyaot target the Python that builds?"
                            % _artifact(missing[0])))
        for path in chosen:
            self._remove_compiled(path)

    def _remove_compiled(self, path):
        """Removes a compiled module's .pyc files (import would never use
        them), and its source unless pyaot-keep-source."""
        doomed = [importlib.util.cache_from_source(path, optimization=o)
                  for o in ("", 1, 2)]
        if not self.pyaot_keep_source:
            doomed.append(path)
        for f in doomed:
            if os.path.exists(f):
                os.unlink(f)

    def get_outputs(self, include_bytecode=1):
        outputs = super().get_outputs(include_bytecode)
        if getattr(self, "editable_mode", False) or not enabled():
            return outputs
        chosen = set(self._pyaot_modules()[0])
        pycs = {importlib.util.cache_from_source(p, optimization=o)
                for p in chosen for o in ("", 1, 2)}
        result = []
        for path in outputs:
            if path in chosen:
                result.append(_artifact(path))
                if self.pyaot_keep_source:
                    result.append(path)
            elif path not in pycs:
                result.append(path)
        return result


if _bdist_wheel is not None:
    class bdist_wheel(_bdist_wheel):
        """bdist_wheel for compiled modules: a platform wheel tagged for
        this interpreter, unless PYAOT_BUILD=0."""

        def finalize_options(self):
            if enabled():
                # What setuptools asks to tell a platform build: it makes
                # build use build/lib.<platform> (not shared with pure
                # builds), install put the modules at the wheel's root
                # (platlib) rather than in .data/purelib, and
                # bdist_wheel's root_is_pure false.
                self.distribution.has_ext_modules = lambda: True
            super().finalize_options()
            if enabled():
                self.root_is_pure = False
else:
    bdist_wheel = None


def cmdclass():
    """The commands for setup(cmdclass=...): build_py, and bdist_wheel
    when the wheel package is there."""
    commands = {"build_py": build_py}
    if bdist_wheel is not None:
        commands["bdist_wheel"] = bdist_wheel
    return commands
