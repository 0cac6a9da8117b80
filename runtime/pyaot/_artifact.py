"""Cached artifacts (`pyaot compile --cache`): where they live and whether
one still matches its source. An artifact ends with a source stamp (see
include/pyaot/stamp.h):

    <JSON object> <its length: uint32 little-endian> b"PYAOTSRC"

Both the import hook and `pyaot status` decide through check() here."""

import _imp
import os
import sys
# The import system's own module, not importlib (see hook.py); private,
# but the artifact format is tied to 3.11 anyway.
from _frozen_importlib_external import (EXTENSION_SUFFIXES, MAGIC_NUMBER,
                                        _RAW_MAGIC_NUMBER)

STAMP_TAG = b"PYAOTSRC"
STAMP_FORMAT = 2
SUFFIX = ".pyaot.so"
_MAX_STAMP = 1 << 16
_MAGIC = int.from_bytes(MAGIC_NUMBER, "little")  # as PyImport_GetMagicNumber
# This Python's SOABI, as the first extension suffix spells it
# (.cpython-311-x86_64-linux-gnu.so), without importing sysconfig.
_SOABI = EXTENSION_SUFFIXES[0].split(".")[1]

# What check() says of a source's artifact.
FRESH = "fresh"      # compiled from this very source: safe to load
STALE = "stale"      # made from another version of the source, or for -O
MISSING = "missing"  # no artifact
INVALID = "invalid"  # unreadable, corrupt, or made for another Python


def cache_path(source):
    """__pycache__/NAME.<cache tag>.pyaot.so beside `source`; under a
    pycache prefix (PYTHONPYCACHEPREFIX, -X pycache_prefix), as .pyc files
    are, PREFIX/<the source's absolute directory>/NAME.<cache tag>.pyaot.so
    (the compiler maps it the same way: compiler/stamp.c)."""
    head, tail = os.path.split(source)
    stem = tail.rpartition(".")[0] or tail
    name = stem + "." + sys.implementation.cache_tag + SUFFIX
    if sys.pycache_prefix:
        return os.path.join(sys.pycache_prefix,
                            os.path.abspath(head).lstrip(os.sep), name)
    return os.path.join(head, "__pycache__", name)


def read_stamp(artifact):
    """The stamp of `artifact` as (dict, raw bytes, the hash of what comes
    before it as 16 hex digits). Raises OSError when it cannot be read,
    ValueError when it has no valid stamp."""
    with open(artifact, "rb") as f:
        data = f.read()
    size = len(data)
    if size < 12 or data[-8:] != STAMP_TAG:
        raise ValueError("not a pyaot artifact (no source stamp)")
    length = int.from_bytes(data[-12:-8], "little")
    if length > _MAX_STAMP or length > size - 12:
        raise ValueError("corrupt source stamp")
    raw = data[size - 12 - length:size - 12]
    body = _imp.source_hash(_RAW_MAGIC_NUMBER,
                            memoryview(data)[:size - 12 - length]).hex()
    try:
        return parse_stamp(raw.decode("utf-8")), raw, body
    except (ValueError, KeyError, IndexError):  # UnicodeDecodeError too
        raise ValueError("corrupt source stamp") from None


_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n",
            "r": "\r", "t": "\t"}


def parse_stamp(text):
    """The stamp's JSON object: flat, its values strings, integers or
    lists of integers. The hook runs inside imports, so it parses this
    itself rather than import json, which may be the very module being
    imported."""
    pos = 0

    def skip():
        nonlocal pos
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1

    def expect(char):
        nonlocal pos
        skip()
        if not text.startswith(char, pos):
            raise ValueError("expected %r at %d" % (char, pos))
        pos += 1

    def string():
        nonlocal pos
        expect('"')
        out = []
        while True:
            if pos >= len(text):
                raise ValueError("unterminated string")
            char = text[pos]
            pos += 1
            if char == '"':
                return "".join(out)
            if char != "\\":
                out.append(char)
            elif text[pos:pos + 1] == "u":
                out.append(chr(int(text[pos + 1:pos + 5], 16)))
                pos += 5
            else:
                out.append(_ESCAPES[text[pos]])
                pos += 1

    def value():
        nonlocal pos
        skip()
        if text.startswith('"', pos):
            return string()
        if text.startswith("[", pos):
            pos += 1
            items = []
            skip()
            while not text.startswith("]", pos):
                if items:
                    expect(",")
                items.append(value())
                if not isinstance(items[-1], int):
                    raise ValueError("a list of integers only")
                skip()
            pos += 1
            return items
        start = pos
        if text.startswith("-", pos):
            pos += 1
        while pos < len(text) and text[pos].isdigit():
            pos += 1
        return int(text[start:pos])

    stamp = {}
    expect("{")
    skip()
    if text.startswith("}", pos):
        pos += 1
    else:
        while True:
            key = string()
            expect(":")
            stamp[key] = value()
            skip()
            if text.startswith(",", pos):
                pos += 1
                continue
            expect("}")
            break
    skip()
    if pos != len(text):
        raise ValueError("trailing data")
    return stamp


def _foreign(stamp):
    """Why this Python cannot load an artifact so stamped, or None."""
    if stamp.get("format") != STAMP_FORMAT:
        return "source stamp format %r, this pyaot reads %d" % (
            stamp.get("format"), STAMP_FORMAT)
    if stamp.get("soabi") != _SOABI or stamp.get("magic") != _MAGIC:
        return "compiled for %s (magic %s), this Python is %s (magic %d)" % (
            stamp.get("soabi"), stamp.get("magic"), _SOABI, _MAGIC)
    return None


def _changed(source, stamp):
    """Why `source` no longer matches the stamp, or None. Raises OSError
    when the source cannot be read."""
    if stamp.get("source") != os.path.basename(source):
        return "compiled from %r" % stamp.get("source")
    check = stamp.get("check")
    if check == "mtime":
        st = os.stat(source)
        if st.st_size != stamp.get("size") or \
                st.st_mtime_ns != stamp.get("mtime_ns"):
            return "source changed since it was compiled (size or mtime)"
        return None
    if check == "hash":
        with open(source, "rb") as f:
            data = f.read()
        if _imp.source_hash(_RAW_MAGIC_NUMBER, data).hex() != \
                stamp.get("hash"):
            return "source changed since it was compiled"
        return None
    raise ValueError("corrupt source stamp (check %r)" % (check,))


def check(source, artifact=None):
    """(state, why, raw stamp) for the artifact of `source`: state is one
    of FRESH, STALE, MISSING, INVALID; why says what is wrong (None when
    fresh); the raw stamp identifies the artifact's build."""
    if artifact is None:
        artifact = cache_path(source)
    try:
        stamp, raw, body = read_stamp(artifact)
    except FileNotFoundError:
        return MISSING, None, None
    except OSError as e:
        return INVALID, "cannot read it: %s" % (e.strerror or e), None
    except ValueError as e:
        return INVALID, str(e), None
    try:
        why = _foreign(stamp)
        if why:
            return INVALID, why, raw
        if stamp.get("body") != body:
            return INVALID, "damaged (its checksum does not match)", raw
        levels = stamp.get("optimize")
        if not isinstance(levels, list):
            levels = [levels]
        if min(sys.flags.optimize, 2) not in levels:
            return STALE, "compiled for optimisation level %s, this run " \
                "uses %d" % (stamp.get("optimize"), sys.flags.optimize), raw
        why = _changed(source, stamp)
    except OSError as e:
        return INVALID, "cannot read the source: %s" % (e.strerror or e), raw
    except ValueError as e:
        return INVALID, str(e), raw
    return (STALE if why else FRESH), why, raw
