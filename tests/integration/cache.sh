#!/bin/sh
# Cached artifacts and the import hook: `pyaot compile --cache` writes
# __pycache__/NAME.<tag>.pyaot.so stamped with its source; `import
# pyaot.hook` (or the .pth of `pyaot hook install`) loads it while the
# source matches, and otherwise imports from source: stale, corrupt,
# foreign and -O cases, packages, namespace packages, relative imports,
# reload, module attributes, tracebacks; `pyaot status`.
#
# Run by the TAP driver as `sh cache.sh` with PYAOT, PYTHON,
# PYAOT_EXT_SUFFIX and PYAOT_SRCDIR (the pyaot package is in its runtime/).

set -u

. "$(dirname "$0")/taplib.sh"

PYAOT_PKG=$PYAOT_SRCDIR/runtime
TAG=$("$PYTHON" -c 'import sys; print(sys.implementation.cache_tag)')
ART=.$TAG.pyaot.so

# py DIR CODE [ENV...]: runs CODE with the pyaot package importable and
# DIR first on sys.path; sets rc, fills $OUT and $ERR.
py() {
    d=$1 code=$2
    shift 2
    last_cmd="(cd $(basename "$d")) $* python -c '$code'"
    (cd "$d" && exec env PYTHONPATH="$PYAOT_PKG" "$@" "$PYTHON" -c "$code") \
        >"$OUT" 2>"$ERR" </dev/null
    rc=$?
}
no_stderr() { [ ! -s "$ERR" ]; }

# ---- the tree: a package with a subpackage, a namespace package ----

S=$T/src
mkdir -p "$S/pkg/sub" "$S/ns/inner"
cat >"$S/pkg/__init__.py" <<'EOF'
from .sub import mod
from .util import twice

RUNS = []
RUNS.append(1)


def hello(n):
    return sum([twice(i) for i in range(n)])
EOF
: >"$S/pkg/sub/__init__.py"
cat >"$S/pkg/sub/mod.py" <<'EOF'
from ..util import twice

VALUE = "v1"


def six():
    return twice(3)


def fail(x):
    y = x + 1
    raise ValueError("bad %d" % y)
EOF
cat >"$S/pkg/util.py" <<'EOF'
def twice(x):
    return 2 * x


def checked(x):
    assert x > 0, "x must be positive"
    return x
EOF
cat >"$S/ns/inner/leaf.py" <<'EOF'
def leaf():
    return "leaf"
EOF

# attrs: what a test prints about the imported package.
attrs='import pyaot.hook, sys, os
import pkg, pkg.sub.mod as m, pkg.util as u, ns.inner.leaf as leaf
here = os.getcwd() + "/"
def rel(p): return p.replace(here, "") if p else p
for x in (pkg, m, u, leaf):
    print(x.__name__, "native" if hasattr(x, "__pyaot__") else "source",
          rel(x.__file__), rel(x.__cached__), rel(x.__spec__.origin),
          rel(x.__spec__.cached), type(x.__loader__).__name__)
print(pkg.hello(4), m.six(), leaf.leaf(), pkg.__path__ == [here + "pkg"])
print(sorted(v for x in (pkg, m, u, leaf) for v in getattr(x, "__pyaot__", {}).values()))'

# ---- compile --cache ----

pyaot_in "$S" compile --cache pkg ns
check "compile --cache pkg ns: exit status 0" status_is 0
check "compile --cache: an artifact in each __pycache__, nothing else" eval \
    '[ "$(cd "$S" && find . -name "*.so" | LC_ALL=C sort | tr "\n" " ")" = "./ns/inner/__pycache__/leaf$ART ./pkg/__pycache__/__init__$ART ./pkg/__pycache__/util$ART ./pkg/sub/__pycache__/__init__$ART ./pkg/sub/__pycache__/mod$ART " ]'
check "compile --cache: the artifact ends with its source stamp" eval \
    '[ "$(tail -c 8 "$S/pkg/__pycache__/util$ART")" = PYAOTSRC ]'
check "compile --cache: the sources are untouched" eval \
    '[ "$(find "$S" -name "*.py" | wc -l)" -eq 5 ]'

pyaot_in "$S" status pkg ns
check "status after compiling: exit status 0" status_is 0
check "status after compiling: all five fresh" eval \
    '[ "$(grep -c "^fresh " "$OUT")" -eq 5 ] && grep -q "^pyaot: 5 modules: 5 fresh$" "$OUT"'

# ---- the hook loads the artifacts ----

py "$S" "$attrs"
check "import pyaot.hook: the package imports" status_is 0
check "import pyaot.hook: every module native, attributes as a source import" out_is \
"pkg native pkg/__init__.py pkg/__pycache__/__init__$ART pkg/__init__.py pkg/__pycache__/__init__$ART ArtifactLoader
pkg.sub.mod native pkg/sub/mod.py pkg/sub/__pycache__/mod$ART pkg/sub/mod.py pkg/sub/__pycache__/mod$ART ArtifactLoader
pkg.util native pkg/util.py pkg/__pycache__/util$ART pkg/util.py pkg/__pycache__/util$ART ArtifactLoader
ns.inner.leaf native ns/inner/leaf.py ns/inner/__pycache__/leaf$ART ns/inner/leaf.py ns/inner/__pycache__/leaf$ART ArtifactLoader
12 6 leaf True
['native', 'native', 'native', 'native', 'native', 'native', 'native', 'native', 'native', 'native', 'native']"
check "import pyaot.hook: no warnings" no_stderr

tb='import sys, traceback
PYAOT
import pkg.sub.mod as m
print(hasattr(m, "__pyaot__"))
try:
    m.fail(1)
except ValueError:
    traceback.print_exc(file=sys.stdout)'
py "$S" "$(echo "$tb" | sed 's/^PYAOT$/import pyaot.hook/')"
sed 's|^\(  File "\)'"$S"'/|\1|' "$OUT" >"$T/tb_compiled"
py "$S" "$(echo "$tb" | sed 's/^PYAOT$//')"
sed 's|^\(  File "\)'"$S"'/|\1|' "$OUT" >"$T/tb_source"
check "a traceback through a cached artifact is the source's" eval \
    'head -1 "$T/tb_compiled" | grep -q True &&
     head -1 "$T/tb_source" | grep -q False &&
     [ "$(sed 1d "$T/tb_compiled")" = "$(sed 1d "$T/tb_source")" ] &&
     grep -q "pkg/sub/mod.py\", line 12, in fail" "$T/tb_compiled"'

# A module with no artifact imports through importlib's own loader: the
# hook runs no Python code a debugger would see for it (CPython's
# test_bdb skips importlib and expects nothing else), and its frames are
# the ones it has without the hook.
printf 'x = 1\nraise KeyError("in plain")\n' >"$S/plain.py"
cat >"$T/plain_import.py" <<'PYEOF'
import sys, bdb, traceback
try:
    import plain
except KeyError:
    tb = traceback.extract_tb(sys.exc_info()[2])
    print([f.filename.rsplit("/", 1)[-1] for f in tb])
seen = []


class Tracer(bdb.Bdb):
    def user_call(self, frame, args):
        seen.append(frame.f_code.co_name)

    def user_line(self, frame):
        seen.append(frame.f_code.co_name)


def load():
    try:
        import plain
    except KeyError:
        pass


Tracer(skip=["importlib*", "encodings*"]).runcall(load)
print(seen)
PYEOF
py "$S" "$(cat "$T/plain_import.py")"
cp "$OUT" "$T/plain_source"
py "$S" "import pyaot.hook
$(cat "$T/plain_import.py")
import pkg.util
print(type(pkg.util.__spec__.loader).__name__)"
check "a module without an artifact imports as without the hook" eval \
    '[ "$(sed \$d "$OUT")" = "$(cat "$T/plain_source")" ] &&
     [ "$(tail -1 "$OUT")" = ArtifactLoader ] &&
     grep -q "plain.py" "$OUT"'
rm "$S/plain.py"

py "$S" 'import pkg; print(hasattr(pkg, "__pyaot__"), pkg.__cached__.endswith(".pyc"))'
check "without the hook, modules import from source" out_is "False True"
py "$S" 'import pyaot.hook, pkg; print(hasattr(pkg, "__pyaot__"))' PYAOT=0
check "PYAOT=0 keeps the hook off" out_is "False"

# ---- python -O: artifacts carry the code of every level ----

py "$S" 'import pyaot.hook, pkg.util as u; print(hasattr(u, "__pyaot__"), u.checked(-1))' \
    PYTHONOPTIMIZE=1
check "under -O the artifact is used, with asserts off as in source" \
    out_is "True -1"
check "under -O: no warning" no_stderr

# ---- reload ----

py "$S" 'import pyaot.hook, importlib, pkg
importlib.reload(pkg)
print(hasattr(pkg, "__pyaot__"), pkg.RUNS, pkg.__cached__.endswith(".pyaot.so"))'
check "reload re-runs a cached artifact's body, natively" out_is \
    "True [1] True"

# ---- stale artifacts are never run ----

cp "$S/pkg/sub/mod.py" "$T/mod.py.orig"
sed -i 's/^VALUE = "v1"$/VALUE = "v2"/' "$S/pkg/sub/mod.py"
py "$S" 'import pyaot.hook, pkg.sub.mod as m, pkg.util as u
print(m.VALUE, hasattr(m, "__pyaot__"), m.__cached__.endswith(".pyc"), hasattr(u, "__pyaot__"))'
check "an edited source imports from source; the others stay native" \
    out_is "v2 False True True"
check "a stale artifact gives no warning" no_stderr
pyaot_in "$S" status pkg
check "status with a stale artifact: exit status 1" status_is 1
check "status names the stale module" eval \
    'grep -q "^stale    pkg/sub/mod.py  (source changed since it was compiled)$" "$OUT" &&
     grep -q "^pyaot: 4 modules: 3 fresh, 1 stale$" "$OUT"'

# Reload across an edit and a recompile: the process already has the old
# image of that path, so the new artifact must not be taken for it.
cp "$T/mod.py.orig" "$S/pkg/sub/mod.py"
py "$S" 'import pyaot.hook, importlib, os, subprocess, sys
import pkg.sub.mod as m
print(m.VALUE, hasattr(m, "__pyaot__"))
src = open("pkg/sub/mod.py").read()
open("pkg/sub/mod.py", "w").write(src.replace("\"v1\"", "\"v3\""))
importlib.reload(m)
print(m.VALUE, m.__cached__.endswith(".pyc"))
subprocess.run([os.environ["PYAOT"], "compile", "--cache", "pkg/sub/mod.py"], check=True)
importlib.reload(m)
print(m.VALUE)
del sys.modules["pkg.sub.mod"], sys.modules["pkg.sub"].mod
import pkg.sub.mod as m2
print(m2.VALUE)' PYAOT="$PYAOT"
check "reload after an edit, then after a recompile: never the old code" \
    out_is "v1 True
v3 True
v3
v3"
pyaot_in "$S" status pkg/sub/mod.py
check "the recompiled artifact is fresh" status_is 0
cp "$T/mod.py.orig" "$S/pkg/sub/mod.py"

# ---- --check-source ----

pyaot_in "$S" compile --cache pkg/util.py pkg/sub/mod.py
touch -d '2001-01-01' "$S/pkg/util.py"
pyaot_in "$S" status pkg/util.py
check "hash check: touching the source keeps the artifact fresh" status_is 0
pyaot_in "$S" compile --cache --check-source=mtime pkg/util.py
check "compile --check-source=mtime: exit status 0" status_is 0
check "--check-source=mtime records the mtime" eval \
    'tail -c 400 "$S/pkg/__pycache__/util$ART" | grep -q "\"check\": \"mtime\", \"mtime_ns\": "'
pyaot_in "$S" status pkg/util.py
check "mtime check: fresh after compiling" status_is 0
touch "$S/pkg/util.py"
pyaot_in "$S" status pkg/util.py
check "mtime check: touching the source makes it stale" eval \
    'status_is 1 && grep -q "^stale .*size or mtime" "$OUT"'
py "$S" 'import pyaot.hook, pkg.util as u; print(hasattr(u, "__pyaot__"))'
check "mtime check: the hook imports the touched module from source" \
    out_is "False"
pyaot_in "$S" compile --cache pkg/util.py

# ---- corrupt and foreign artifacts: ignored with a warning ----

cp "$S/pkg/__pycache__/util$ART" "$T/good.so"
echo garbage >"$S/pkg/__pycache__/util$ART"
py "$S" 'import pyaot.hook, pkg.util as u; print(hasattr(u, "__pyaot__"), u.twice(2))'
check "a corrupt artifact: the module imports from source" eval \
    'status_is 0 && out_is "False 4"'
check "a corrupt artifact: one PyaotWarning naming it" eval \
    '[ "$(grep -c "util$ART:0: PyaotWarning: not a pyaot artifact (no source stamp); pkg.util imports from source" "$ERR")" -eq 1 ]'
pyaot_in "$S" status pkg/util.py
check "status calls it invalid" eval \
    'status_is 1 && grep -q "^invalid  pkg/util.py  (not a pyaot artifact" "$OUT"'

# The stamp intact, the shared object cut short: dlopen fails.
tail -c 300 "$T/good.so" >"$S/pkg/__pycache__/util$ART"
py "$S" 'import pyaot.hook, pkg.util as u; print(hasattr(u, "__pyaot__"), u.twice(2))'
check "a truncated artifact: imports from source with a warning" eval \
    'status_is 0 && out_is "False 4" && grep -q "PyaotWarning: .*pkg.util imports from source" "$ERR"'

# Made for another ABI (a debug build shares the cache tag).
"$PYTHON" - "$T/good.so" "$S/pkg/__pycache__/util$ART" <<'EOF'
import json, struct, sys
data = open(sys.argv[1], "rb").read()
(n,) = struct.unpack("<I", data[-12:-8])
stamp = json.loads(data[-12 - n:-12])
stamp["soabi"] = "cpython-311d-x86_64-linux-gnu"
new = json.dumps(stamp).encode()
open(sys.argv[2], "wb").write(data[:-12 - n] + new + struct.pack("<I", len(new)) + b"PYAOTSRC")
EOF
py "$S" 'import pyaot.hook, pkg.util as u; print(hasattr(u, "__pyaot__"))'
check "a foreign artifact: imports from source with a warning" eval \
    'out_is False && grep -q "PyaotWarning: compiled for cpython-311d-x86_64-linux-gnu" "$ERR"'
cp "$T/good.so" "$S/pkg/__pycache__/util$ART"
py "$S" 'import pyaot.hook, pkg.util as u; print(hasattr(u, "__pyaot__"))'
check "the artifact put back is used again" out_is True

# ---- errors and warnings raised while a module body runs ----

# The import system hides its frames from both; the hook's must go too.
mkdir "$T/ie"
printf 'import warnings\nwarnings.warn("old", DeprecationWarning, stacklevel=2)\nx = 1\nraise ValueError("at import")\n' >"$T/ie/bad.py"
printf 'import bad\n' >"$T/ie/user.py"
pyaot_in "$T/ie" compile --cache bad.py
py "$T/ie" 'import pyaot.hook, sys
try:
    import user
except ValueError:
    print(hasattr(sys.modules.get("bad"), "__pyaot__") or "not kept")
import user' PYTHONWARNINGS=always
sed "s|$T/ie/||" "$ERR" >"$T/ie.hook"
py "$T/ie" 'import sys
try:
    import user
except ValueError:
    print(hasattr(sys.modules.get("bad"), "__pyaot__") or "not kept")
import user' PYTHONWARNINGS=always
sed "s|$T/ie/||" "$ERR" >"$T/ie.source"
extra_diag="$(diff "$T/ie.source" "$T/ie.hook")"
check "an error and a warning at import: the same report as from source" eval \
    'cmp -s "$T/ie.source" "$T/ie.hook" && grep -q "^user.py:1: DeprecationWarning: old" "$T/ie.hook" && [ "$(grep -c "File" "$T/ie.hook")" -eq 3 ]'

# ---- the hook's own imports: stdlib modules with cached artifacts ----

# The hook reads stamps and reports problems while an import is under way;
# what it needs must not come back through it (json once, linecache when
# a warning is shown).
STD=$("$PYTHON" -c 'import os, json; print(os.path.dirname(os.path.dirname(json.__file__)))')
mkdir "$T/std"
cp -R "$STD/json" "$STD/linecache.py" "$STD/warnings.py" "$STD/weakref.py" \
    "$T/std/"
pyaot_in "$T/std" compile --cache json linecache.py warnings.py weakref.py
check "compile --cache of stdlib json, linecache, warnings, weakref: exit status 0" \
    status_is 0
last_cmd="python -S: import pyaot.hook, warnings, weakref"
(cd "$T/std" && PYTHONPATH="$PYAOT_PKG" "$PYTHON" -S -c 'import sys
sys.path.insert(0, "")
before = set(sys.modules)
import pyaot.hook
print(sorted(m for m in set(sys.modules) - before if not m.startswith("pyaot") and m in ("importlib", "warnings", "weakref", "types", "json", "re")))
import warnings, weakref
print(hasattr(warnings, "__pyaot__"), hasattr(weakref, "__pyaot__"))') \
    >"$OUT" 2>"$ERR" </dev/null
rc=$?
check "the hook imports none of the modules it may load (warnings, weakref): both native" \
    out_is "[]
True True"
py "$T/std" 'import pyaot.hook, json
print(hasattr(json, "__pyaot__"), json.__file__.endswith("std/json/__init__.py"), json.loads("[1, 2]"))'
check "a cached json imports natively through the hook" out_is "True True [1, 2]"
echo garbage >"$T/std/__pycache__/linecache$ART"
last_cmd="python -S: import pyaot.hook, linecache (corrupt artifact)"
(cd "$T/std" && PYTHONPATH="$PYAOT_PKG" "$PYTHON" -S -c 'import sys
sys.path.insert(0, "")
import pyaot.hook
assert "linecache" not in sys.modules
import linecache
print(hasattr(linecache, "__pyaot__"), callable(linecache.getline))') \
    >"$OUT" 2>"$ERR" </dev/null
rc=$?
check "a corrupt artifact of linecache, which showing the warning imports: source, one warning" eval \
    'status_is 0 && out_is "False True" &&
     [ "$(grep -c "PyaotWarning: not a pyaot artifact" "$ERR")" -eq 1 ]'

# ---- the .pth of `pyaot hook install` ----

"$PYTHON" -m venv --without-pip "$T/venv" >/dev/null 2>&1
SITE=$("$T/venv/bin/python" -c 'import sysconfig; print(sysconfig.get_path("purelib"))')
vpy() {
    last_cmd="venv python -c '$1'"
    (cd "$S" && shift && exec env PYTHONPATH="$PYAOT_PKG" "$@" \
        "$T/venv/bin/python" -c "$code") >"$OUT" 2>"$ERR" </dev/null
    rc=$?
}
code='import sys, pkg; print("pyaot.hook" in sys.modules, hasattr(pkg, "__pyaot__"))'
vpy "$code"
check "a new venv: no hook" out_is "False False"
pyaot_in "$S" hook install --site "$SITE"
check "hook install --site: exit status 0" status_is 0
check "hook install --site: writes pyaot-hook.pth" \
    eval '[ -f "$SITE/pyaot-hook.pth" ]'
vpy "$code"
check "after hook install, Python starts with the hook on" out_is "True True"
vpy "$code" PYAOT=0
check "PYAOT=0 overrides the .pth" out_is "False False"
vpy "$code" PYTHONPATH=
check "the .pth is harmless when the pyaot package is not importable" \
    eval 'status_is 0 && out_is "False False" && no_stderr'
pyaot_in "$S" hook show --site "$SITE"
check "hook show: says it is on" eval \
    'status_is 0 && grep -q "pyaot-hook.pth: present" "$OUT"'
pyaot_in "$S" hook uninstall --site "$SITE"
check "hook uninstall: removes the .pth" eval \
    'status_is 0 && [ ! -e "$SITE/pyaot-hook.pth" ]'
vpy "$code"
check "after hook uninstall, no hook" out_is "False False"
pyaot_in "$S" hook install --site "$T/nowhere"
check "hook install into a missing directory: exit 1, one line" eval \
    'status_is 1 && [ "$(wc -l <"$ERR")" -eq 1 ] && stderr_has "no such directory"'

# ---- a pycache prefix: artifacts in a tree of their own ----

# PYTHONPYCACHEPREFIX (sys.pycache_prefix) moves artifacts out of the
# source tree, as it moves .pyc files: a read-only library can be compiled.
P=$T/prefix
cp -r "$S/pkg" "$T/ro" && find "$T/ro" -name __pycache__ -prune -exec rm -r {} +
# pyaot_prefixed PREFIX ARGS...: pyaot ARGS in $T under PYTHONPYCACHEPREFIX.
pyaot_prefixed() {
    pfx=$1
    shift
    last_cmd="(cd \$T) PYTHONPYCACHEPREFIX=$pfx pyaot $*"
    (cd "$T" && PYTHONPYCACHEPREFIX="$pfx" exec "$PYAOT" "$@") \
        >"$OUT" 2>"$ERR" </dev/null
    rc=$?
}
pyaot_prefixed "$P" compile --cache ro
check "compile --cache under PYTHONPYCACHEPREFIX: exit status 0" status_is 0
check "under a prefix: the artifacts mirror the source's absolute path" eval \
    '[ -f "$P$T/ro/sub/mod$ART" ] && [ -f "$P$T/ro/__init__$ART" ]'
check "under a prefix: no __pycache__ in the source tree" eval \
    '[ -z "$(find "$T/ro" -name __pycache__)" ]'
pyaot_prefixed "$P" status ro
check "status under the same prefix: all fresh" eval \
    'status_is 0 && grep -q "4 modules: 4 fresh" "$OUT"'
pyaot_prefixed "" status ro
check "status without a prefix: missing" eval \
    'status_is 1 && grep -q "4 missing" "$OUT"'
py "$T" 'import sys, pyaot.hook, ro.sub.mod as m; print(hasattr(m, "__pyaot__"), m.__cached__.startswith(sys.pycache_prefix), m.six())' \
    PYTHONPYCACHEPREFIX="$P"
check "the hook loads artifacts from sys.pycache_prefix" out_is "True True 6"
py "$T" 'import pyaot.hook, ro.sub.mod as m; print(hasattr(m, "__pyaot__"))' \
    PYTHONPYCACHEPREFIX="$P/other"
check "another prefix: the module imports from source" out_is "False"

# ---- usage errors ----

mkdir "$T/o"
pyaot_in "$S" compile --cache -o "$T/o" pkg
check "--cache with -o: exit status 2" eval 'status_is 2 && stderr_has "does not take -o"'
pyaot_in "$S" compile --check-source=mtime pkg/util.py
check "--check-source without --cache: exit status 2" status_is 2
pyaot_in "$S" compile --cache --check-source=sha pkg/util.py
check "--check-source=sha: exit status 2" eval \
    'status_is 2 && stderr_has "--check-source takes hash or mtime"'
"$PYTHON" -c 'import py_compile; py_compile.compile("'"$S"'/pkg/util.py", cfile="'"$T"'/util.pyc")'
pyaot_in "$S" compile --cache "$T/util.pyc"
check "--cache of a .pyc: exit status 1, says why" eval \
    'status_is 1 && stderr_has "--cache needs the .py source"'
pyaot_in "$S" status "$T/missing"
check "status of a missing path: exit status 1" eval \
    'status_is 1 && stderr_has "no such file or directory"'
pyaot_in "$S" status "$T/util.pyc"
check "status of a .pyc: exit status 1" eval \
    'status_is 1 && stderr_has "not a .py file or a directory"'
pyaot_in "$S" status
check "status with no path: exit status 2" status_is 2
pyaot_in "$S" -v status pkg
check "options before a Python-side command: exit status 2" status_is 2

echo "1..$n"
