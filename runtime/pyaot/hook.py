"""The import hook for cached artifacts: importing this module installs
it. A source module whose __pycache__ holds an artifact compiled from that
very source (`pyaot compile --cache`) is loaded from the artifact; any
other imports from source as usual. A stale artifact is never run; an
unreadable, corrupt or foreign one is ignored with a PyaotWarning.

PYAOT=0 in the environment keeps the hook off whatever enables it."""

import _imp
import _thread
import _weakref
import os
import sys
# The import system's own modules, not importlib, weakref and the modules
# they import (warnings, types, ...): those may have artifacts of their own,
# which the hook can only load if it is installed before they are imported.
from _frozen_importlib import _call_with_frames_removed
from _frozen_importlib_external import (BYTECODE_SUFFIXES, EXTENSION_SUFFIXES,
                                        SOURCE_SUFFIXES, ExtensionFileLoader,
                                        FileFinder, SourceFileLoader,
                                        SourcelessFileLoader,
                                        cache_from_source)

from . import _artifact

__all__ = ["install", "uninstall", "installed", "PyaotWarning",
           "ArtifactLoader"]


class PyaotWarning(RuntimeWarning):
    """A cached artifact was ignored: its module imports from source."""


# The stamp of every artifact this process has dlopen()ed, by path: the
# dynamic loader hands back the image it already has for a path, so an
# artifact rewritten since must not be loaded again.
_opened = {}
# Modules made from an artifact, by id: [weak reference to the module,
# the stamp of the artifact, whether it has not run yet (create_module
# checked it a moment ago)]. An entry goes when its module does.
_made_from = {}
# Threads inside the hook's own checks. What those import (warnings, say,
# to report a corrupt artifact) imports from source: the module may be
# the very one whose artifact is being checked.
_busy = set()


class _DynamicSpec:
    """What _imp.create_dynamic reads of a spec: the module's name and the
    file to load it from."""

    def __init__(self, name, origin):
        self.name = name
        self.origin = origin


_warned = {}  # the warnings registry: each artifact warns once


def _ignore(artifact, why, name):
    me = _thread.get_ident()
    nested = me in _busy
    _busy.add(me)
    try:
        import warnings
        warnings.warn_explicit("%s; %s imports from source" % (why, name),
                               PyaotWarning, artifact, 0, module="pyaot",
                               registry=_warned)
    finally:
        if not nested:
            _busy.discard(me)


def _remember(module, raw):
    key = id(module)
    _made_from[key] = [_weakref.ref(module, lambda _: _made_from.pop(key, None)),
                       raw, True]


def _made_from_entry(module):
    entry = _made_from.get(id(module))
    return entry if entry is not None and entry[0]() is module else None


class ArtifactLoader(SourceFileLoader):
    """A source loader that runs the module's cached artifact instead of
    its source while the two match. __file__ stays the source; __cached__
    names the artifact when it was used."""

    def _fresh_artifact(self):
        """(artifact path, stamp) when it may be run, else (None, None)."""
        me = _thread.get_ident()
        if me in _busy:
            return None, None
        _busy.add(me)
        try:
            return self._check_artifact()
        finally:
            _busy.discard(me)

    def _check_artifact(self):
        artifact = _artifact.cache_path(self.path)
        state, why, raw = _artifact.check(self.path, artifact)
        if state == _artifact.INVALID:
            _ignore(artifact, why, self.name)
        if state != _artifact.FRESH:
            return None, None
        if _opened.get(artifact, raw) != raw:
            return None, None  # rewritten since this process loaded it
        return artifact, raw

    def create_module(self, spec):
        artifact, raw = self._fresh_artifact()
        if artifact is None:
            return None
        try:
            module = _imp.create_dynamic(_DynamicSpec(spec.name, artifact))
        except ImportError as e:
            _ignore(artifact, e, spec.name)
            return None
        _opened[artifact] = raw
        _remember(module, raw)
        spec.cached = artifact
        return module

    def exec_module(self, module):
        entry = _made_from_entry(module)
        if entry is not None and entry[2]:
            entry[2] = False
            _call_with_frames_removed(_imp.exec_dynamic, module)
            return
        if entry is not None:
            # A reload of a module made from an artifact: run the artifact
            # again only if it is the same one and still matches the source.
            artifact, raw = self._fresh_artifact()
            if raw == entry[1]:
                if module.__spec__ is not None:
                    module.__spec__.cached = artifact
                module.__cached__ = artifact
                _call_with_frames_removed(_imp.exec_dynamic, module)
                return
            del _made_from[id(module)]
        super().exec_module(module)


# Tracebacks of errors in a module body, and warnings with a stacklevel,
# leave out the import system's frames, which they know by file name
# (<frozen importlib._bootstrap...>, a chunk of them ending in
# _call_with_frames_removed). exec_module stands where importlib's own
# loaders do, so it takes the same name: without it an import-time error
# would show hook frames, and warn(..., stacklevel=2) in a module body
# would blame the hook instead of the importer.
ArtifactLoader.exec_module.__code__ = ArtifactLoader.exec_module.__code__ \
    .replace(co_filename="<frozen importlib._bootstrap_external>")


def _source_loader(fullname, path):
    """The loader FileFinder makes for a source module: ours where an
    artifact is there to be checked, else importlib's own, so that a
    module without one imports exactly as without the hook (no hook
    frame in its tracebacks or under a debugger). It calls no Python code
    of ours (see below): the artifact's path is the level-0 .pyc path with
    our suffix, as importlib maps it (_artifact.cache_path also normalises
    the directory under a pycache prefix; where the two differ, the
    module imports from source)."""
    try:
        pyc = cache_from_source(path, optimization="")
        os.stat(pyc[:-len(BYTECODE_SUFFIXES[0])] + _artifact.SUFFIX)
    except (OSError, ValueError, NotImplementedError):
        return SourceFileLoader(fullname, path)
    return ArtifactLoader(fullname, path)


# FileFinder calls _source_loader for every source module it finds,
# under a tracer too; importlib's loaders it stands for are frozen code
# whose frames name importlib (bdb's skip=['importlib*'] leaves them out).
# It runs as the import system's code, so it takes the same names: with
# the hook's own, a debugger skipping importlib would stop in it.
_source_loader = type(_source_loader)(
    _source_loader.__code__.replace(
        co_filename="<frozen importlib._bootstrap_external>"),
    {"__name__": "importlib._bootstrap_external",
     "__builtins__": __builtins__, "os": os, "_artifact": _artifact,
     "cache_from_source": cache_from_source,
     "BYTECODE_SUFFIXES": BYTECODE_SUFFIXES,
     "SourceFileLoader": SourceFileLoader, "ArtifactLoader": ArtifactLoader},
    "_source_loader")


def _path_hook():
    hook = FileFinder.path_hook(
        (ExtensionFileLoader, EXTENSION_SUFFIXES),
        (_source_loader, SOURCE_SUFFIXES),
        (SourcelessFileLoader, BYTECODE_SUFFIXES))
    hook.pyaot = True
    return hook


def installed():
    return any(getattr(h, "pyaot", False) for h in sys.path_hooks)


def install():
    """Puts the hook first in sys.path_hooks (once) and forgets the finders
    made so far, so every directory on sys.path gets one of ours."""
    if not installed():
        sys.path_hooks.insert(0, _path_hook())
        sys.path_importer_cache.clear()


def uninstall():
    sys.path_hooks[:] = [h for h in sys.path_hooks
                         if not getattr(h, "pyaot", False)]
    sys.path_importer_cache.clear()


if os.environ.get("PYAOT") != "0":
    install()
