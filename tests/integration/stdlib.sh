#!/bin/sh
# `pyaot stdlib compile|status|remove` on a library tree of its own
# (--lib): what it compiles and leaves out, that a second compile skips
# fresh artifacts and recompiles a stale one, that the hook then loads
# them, that remove deletes only artifacts; a pycache prefix for a
# library one cannot write to; usage errors. The real library is only
# looked at (status), never compiled here: that takes many minutes.
#
# Run by the TAP driver as `sh stdlib.sh` with PYAOT, PYTHON,
# PYAOT_EXT_SUFFIX and PYAOT_SRCDIR (the pyaot package is in its runtime/).

set -u

. "$(dirname "$0")/taplib.sh"

PYAOT_PKG=$PYAOT_SRCDIR/runtime
TAG=$("$PYTHON" -c 'import sys; print(sys.implementation.cache_tag)')
ART=.$TAG.pyaot.so

L=$T/lib
mkdir -p "$L/pkg/tests" "$L/test" "$L/site-packages" "$L/config-3.11-x"
printf 'def area(w, h):\n    return w * h\n' >"$L/shapes.py"
printf 'from . import part\n' >"$L/pkg/__init__.py"
printf 'def twice(x):\n    return 2 * x\n' >"$L/pkg/part.py"
# Test data may be invalid on purpose: left out, it cannot fail the run.
printf 'def broken(:\n' >"$L/pkg/tests/bad.py"
printf 'def broken(:\n' >"$L/test/test_bad.py"
printf 'X = 1\n' >"$L/site-packages/installed.py"
printf 'X = 1\n' >"$L/config-3.11-x/conf.py"
printf 'X = 1\n' >"$L/_sysdata-x86_64-linux-gnu.py" # no extension can be named so

artifacts() { find "$1" -name "*$ART" | sort; }

pyaot_in "$T" stdlib compile --lib "$L" -j 2
check "stdlib compile: exit status 0" status_is 0
check "stdlib compile: an artifact for each library module" eval \
    '[ -f "$L/__pycache__/shapes$ART" ] && [ -f "$L/pkg/__pycache__/part$ART" ] &&
     [ -f "$L/pkg/__pycache__/__init__$ART" ]'
check "stdlib compile: tests, site-packages, config and dashed names left out" eval \
    '[ "$(artifacts "$L" | wc -l)" -eq 3 ]'
check "stdlib compile: says how many, then the time taken" eval \
    'grep -q "3 modules, 3 to compile, 0 fresh already" "$OUT" &&
     grep -q "compiled 3 of 3 modules in [0-9]* s (.* s a module); 0 failed" "$OUT"'

# --tests: the test packages too, their data that is not Python not.
cp -R "$L" "$T/libt"
mkdir -p "$T/libt/lib2to3/tests/data"
printf 'def test_ok():\n    return 1\n' >"$T/libt/test/test_fine.py"
printf 'print "py2"\n' >"$T/libt/lib2to3/tests/data/py2.py"
printf 'def broken(:\n' >"$T/libt/test/badsyntax_x.py"
rm "$T/libt/test/test_bad.py" "$T/libt/pkg/tests/bad.py"
printf 'X = 2\n' >"$T/libt/pkg/tests/data_ok.py"
pyaot_in "$T" stdlib compile --tests --lib "$T/libt" -j 2
check "stdlib compile --tests: the tests too, not their non-Python data" eval \
    'status_is 0 && [ -f "$T/libt/test/__pycache__/test_fine$ART" ] &&
     [ -f "$T/libt/pkg/tests/__pycache__/data_ok$ART" ] &&
     [ "$(artifacts "$T/libt" | wc -l)" -eq 5 ]'

pyaot_in "$T" stdlib status --lib "$L"
check "stdlib status: all fresh, exit status 0" eval \
    'status_is 0 && grep -q "3 modules: 3 fresh$" "$OUT"'

cp "$L/pkg/__pycache__/part$ART" "$T/before"
pyaot_in "$T" stdlib compile --lib "$L"
check "compiling again compiles nothing" eval \
    'status_is 0 && grep -q "3 modules, 0 to compile, 3 fresh already" "$OUT" &&
     cmp -s "$T/before" "$L/pkg/__pycache__/part$ART"'

printf 'def twice(x):\n    return x + x\n' >"$L/pkg/part.py"
pyaot_in "$T" stdlib status --lib "$L"
check "stdlib status names the stale module, exit status 1" eval \
    'status_is 1 && grep -q "^stale    pkg/part.py" "$OUT"'
pyaot_in "$T" stdlib compile --lib "$L"
check "compiling again recompiles the stale module only" eval \
    'status_is 0 && grep -q "3 modules, 1 to compile, 2 fresh already" "$OUT"'

(cd "$T" && env PYTHONPATH="$PYAOT_PKG:$L" "$PYTHON" -c '
import pyaot.hook, shapes, pkg
print(hasattr(shapes, "__pyaot__"), hasattr(pkg.part, "__pyaot__"),
      shapes.area(2, 3), pkg.part.twice(4))') >"$OUT" 2>"$ERR"
rc=$?
last_cmd="python -c 'import pyaot.hook, shapes, pkg ...'"
check "the hook loads the library's artifacts" out_is "True True 6 8"

pyaot_in "$T" stdlib remove --lib "$L"
check "stdlib remove: exit status 0, says how many" eval \
    'status_is 0 && grep -q "3 artifacts removed" "$OUT"'
check "stdlib remove: no artifact left, the sources stay" eval \
    '[ -z "$(artifacts "$L")" ] && [ -f "$L/pkg/part.py" ] && [ -f "$L/shapes.py" ]'
pyaot_in "$T" stdlib status --lib "$L" -q
check "stdlib status after remove: all missing, exit status 1" eval \
    'status_is 1 && grep -q "3 modules: 0 fresh, 3 missing$" "$OUT"'

# ---- a library one cannot write to ----

if [ "$(id -u)" -ne 0 ]; then
    chmod a-w "$L" "$L/pkg"
    pyaot_in "$T" stdlib compile --lib "$L"
    check "a read-only library: exit status 1, says to use a prefix" eval \
        'status_is 1 && stderr_has "set PYTHONPYCACHEPREFIX"'
    chmod u+w "$L" "$L/pkg"
else
    skip "a read-only library: exit status 1, says to use a prefix" \
        "root can write anywhere"
fi
P=$T/prefix
last_cmd="PYTHONPYCACHEPREFIX=$P pyaot stdlib compile --lib $L"
(cd "$T" && PYTHONPYCACHEPREFIX="$P" exec "$PYAOT" stdlib compile --lib "$L") \
    >"$OUT" 2>"$ERR" </dev/null
rc=$?
check "under PYTHONPYCACHEPREFIX: the artifacts go under the prefix" eval \
    'status_is 0 && [ "$(artifacts "$P" | wc -l)" -eq 3 ] && [ -z "$(artifacts "$L")" ]'

# ---- the real library: looked at, not compiled ----

pyaot_in "$T" stdlib status -q
check "stdlib status of this Python's library: one summary line" eval \
    '[ "$(wc -l <"$OUT")" -eq 1 ] && grep -q "^pyaot stdlib: .*[0-9][0-9][0-9] modules: " "$OUT"'

# ---- stopped by a signal ----
# The command runs `pyaot compile` as a child; SIGTERM to the command
# alone must stop that child too (which removes its temporaries), not
# leave it compiling on its own.

mkdir -p "$T/slow"
slow_module "$T/slow/big.py" 300
printf 'def f():\n    return 1\n' >"$T/slow/small.py"
(cd "$T" && PYTHONPYCACHEPREFIX="$T/slowcache" exec "$PYAOT" stdlib compile \
    --lib "$T/slow" -j 2) >"$OUT" 2>"$ERR" &
pid=$!
# until the compiler runs (at most 10 s)
k=0
while [ $k -lt 100 ] && ! pgrep -P $pid >/dev/null 2>&1; do
    sleep 0.1
    k=$((k + 1))
done
kill -TERM $pid
wait $pid
rc=$?
sleep 0.5
last_cmd="pyaot stdlib compile --lib slow -j 2, SIGTERM to it alone"
check "stopped by SIGTERM: ends by it, its compiler stopped, no temporaries" \
    eval '[ $rc -eq 143 ] && ! pgrep -f "compile --cache --jobs=2 $T/slow" \
        >/dev/null && [ -z "$(find "$T/slowcache" -name "*.tmp*" \
        -o -name "*.o" 2>/dev/null)" ]'

# ---- usage errors ----

pyaot_in "$T" stdlib
check "stdlib without an action: exit status 2" status_is 2
pyaot_in "$T" stdlib build
check "stdlib build: exit status 2" status_is 2
pyaot_in "$T" stdlib compile -j 0 --lib "$L"
check "stdlib compile -j 0: exit status 2" status_is 2
pyaot_in "$T" stdlib status --lib "$T/nowhere"
check "stdlib --lib of a missing directory: exit status 1" eval \
    'status_is 1 && stderr_has "no such directory"'

echo "1..$n"
