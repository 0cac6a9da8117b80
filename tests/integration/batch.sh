#!/bin/sh
# Compiling many modules at once: directories walked for *.py with their
# layout kept under -o, packages, --exclude, parallel workers (-j), the
# progress and summary lines, and failures within a batch.
#
# Run by the TAP driver as `sh batch.sh` with, in the environment:
#   PYAOT             the compiler program
#   PYTHON            the target python (3.11)
#   PYAOT_EXT_SUFFIX  its extension suffix, e.g. .cpython-311-x86_64-linux-gnu.so
#   PYAOT_SRCDIR      the source tree (unused, for symmetry with errors.sh)
#
# Each check is one TAP line; the plan is printed at the end.

set -u

. "$(dirname "$0")/taplib.sh"

# modules DIR: the files under DIR, sorted, one per line, relative to DIR.
modules() { (cd "$1" && find . -type f | sed 's|^\./||' | LC_ALL=C sort); }

# same_files DIR EXPECTED: DIR holds exactly the files listed in EXPECTED
# (one per line, $EXT written as @).
same_files() {
    modules "$1" >"$T/got"
    printf '%s\n' "$2" | sed "s|@|$EXT|" | LC_ALL=C sort >"$T/want"
    cmp -s "$T/got" "$T/want" && return 0
    extra_diag="missing: $(comm -13 "$T/got" "$T/want" | tr '\n' ' ')
extra: $(comm -23 "$T/got" "$T/want" | tr '\n' ' ')"
    return 1
}

# no_temporaries DIR: nothing named *.tmp<pid> under DIR.
no_temporaries() {
    left=$(find "$1" -name "*$EXT.tmp*")
    [ -z "$left" ] && return 0
    extra_diag="left behind: $left"
    return 1
}

# ---- the source trees ----

S=$T/src
mkdir -p "$S/pkg/sub" "$S/pkg/tests" "$S/pkg/__pycache__" "$S/pkg/.hidden" \
    "$S/elsewhere"
cat >"$S/pkg/__init__.py" <<'EOF'
from . import util
from .util import twice


def hello(n):
    total = 0
    for i in range(n):
        total += twice(i)
    return total
EOF
: >"$S/pkg/sub/__init__.py"
cat >"$S/pkg/sub/mod.py" <<'EOF'
from .. import util
from ..util import twice


def six():
    return twice(3)


def squares(n):
    return [util.square(i) for i in range(n)]
EOF
cat >"$S/pkg/util.py" <<'EOF'
def twice(x):
    return 2 * x


def square(x):
    return x * x
EOF
cat >"$S/pkg/tests/test_x.py" <<'EOF'
def test_x():
    assert 1 + 1 == 2
EOF
# Never compiled: hidden, __pycache__, not .py, a link to a directory.
printf 'x = 1\n' >"$S/pkg/.hidden/h.py"
printf 'x = 1\n' >"$S/pkg/__pycache__/c.py"
printf 'x = 1\n' >"$S/pkg/notes.txt"
printf 'def broken(:\n    pass\n' >"$S/elsewhere/broken.py"
printf 'def fine():\n    return 1\n' >"$S/elsewhere/fine.py"
ln -s ../elsewhere "$S/pkg/link" 2>/dev/null

PKG_SO="pkg/__init__@
pkg/sub/__init__@
pkg/sub/mod@
pkg/tests/test_x@
pkg/util@"

# ---- compile -o out pkg ----

mkdir "$T/out"
pyaot_in "$S" compile -o "$T/out" pkg
check "compile -o out pkg: exit status 0" status_is 0
check "compile -o out pkg: nothing on stdout" eval '[ ! -s "$OUT" ]'
check "compile -o out pkg: writes exactly the package's modules" \
    same_files "$T/out" "$PKG_SO"
extra_diag="stderr: $(cat "$ERR")"
check "compile -o out pkg: summary line" \
    stderr_has "pyaot: 5 modules compiled, "
check "compile -o out pkg: the source tree is untouched" \
    eval '[ -z "$(find "$S" -name "*$EXT*")" ]'

# import_from DIR: imports pkg and pkg.sub.mod from DIR only.
import_from() {
    last_cmd="(cd $(basename "$1")) $PYTHON -c 'import pkg.sub.mod; ...'"
    (cd "$1" && exec "$PYTHON" -c "import sys
sys.path[:] = [p for p in sys.path if p not in ('', '.')]
sys.path.insert(0, '.')
import pkg.sub.mod
import pkg
print('file:', pkg.__file__.endswith('__init__$EXT'))
print('mod file:', pkg.sub.mod.__file__.endswith('mod$EXT'))
print('values:', pkg.hello(4), pkg.sub.mod.six(), pkg.sub.mod.squares(4))
print('util:', pkg.util is sys.modules['pkg.util'], pkg.util.__file__.endswith('$EXT'))
report = {}
for m in (pkg, pkg.sub.mod, pkg.util):
    report.update({m.__name__ + '.' + k: v for k, v in m.__pyaot__.items()})
print('native:', sorted(k for k, v in report.items() if v == 'native'))
print('fallback:', sorted(k for k, v in report.items() if v != 'native'))
") >"$OUT" 2>"$ERR" </dev/null
    rc=$?
}
line_is() {
    got=$(sed -n "${1}p" "$OUT")
    [ "$got" = "$2" ] && return 0
    extra_diag="line $1: $got
wanted: $2"
    return 1
}

# imported DESC DIR: the checks on importing the package from DIR.
imported() {
    import_from "$2"
    check "$1: import pkg.sub.mod works" status_is 0
    check "$1: pkg.__file__ is pkg/__init__$EXT" line_is 1 "file: True"
    check "$1: pkg.sub.mod.__file__ is the extension" line_is 2 \
        "mod file: True"
    check "$1: relative imports work" line_is 3 \
        "values: 12 6 [0, 1, 4, 9]"
    check "$1: pkg.util is the extension too" line_is 4 "util: True True"
    check "$1: every function is native" line_is 5 \
        "native: ['pkg.<module>:1', 'pkg.hello:5', 'pkg.sub.mod.<module>:1', 'pkg.sub.mod.six:5', 'pkg.sub.mod.squares.<locals>.<listcomp>:10', 'pkg.sub.mod.squares:9', 'pkg.util.<module>:1', 'pkg.util.square:5', 'pkg.util.twice:1']"
    check "$1: nothing falls back" line_is 6 "fallback: []"
}
imported "compile -o out pkg" "$T/out"

# ---- --exclude ----

mkdir "$T/ex"
pyaot_in "$S" compile -o "$T/ex" --exclude 'tests/*' pkg
check "--exclude 'tests/*': exit status 0" status_is 0
check "--exclude 'tests/*': the tests are skipped" same_files "$T/ex" \
    "pkg/__init__@
pkg/sub/__init__@
pkg/sub/mod@
pkg/util@"
extra_diag="stderr: $(cat "$ERR")"
check "--exclude 'tests/*': summary counts 4 modules" \
    stderr_has "pyaot: 4 modules compiled, "

mkdir "$T/ex2"
pyaot_in "$S" compile -o "$T/ex2" --exclude tests --exclude util.py \
    --exclude '__init__.py' pkg
check "--exclude a directory and basenames: exit status 0" status_is 0
check "--exclude a directory and basenames: only sub/mod is left" \
    same_files "$T/ex2" "pkg/sub/mod@"

mkdir "$T/ex3"
pyaot_in "$S" compile -o "$T/ex3" --exclude '*' pkg
check "--exclude everything: exit status 1" status_is 1
check "--exclude everything: one line saying so" \
    eval '[ "$(wc -l <"$ERR")" -eq 1 ] && grep -q "^pyaot: pkg: no .py files" "$ERR"'

# ---- -j 1 and -j 3 ----

for j in 1 3; do
    mkdir "$T/j$j"
    pyaot_in "$S" compile -j "$j" -o "$T/j$j" pkg
    check "-j $j: exit status 0" status_is 0
    check "-j $j: the same modules" same_files "$T/j$j" "$PKG_SO"
done
for f in pkg/util pkg/sub/mod; do
    last_cmd=
    check "-j 1 and -j 3 write the same $f$EXT (size)" eval \
        '[ "$(wc -c <"$T/j1/$f$EXT")" -eq "$(wc -c <"$T/j3/$f$EXT")" ]'
done
imported "-j 3" "$T/j3"

# ---- -v with parallel workers: each module's report in one piece ----

mkdir "$T/v"
pyaot_in "$S" compile -v -j 3 -o "$T/v" pkg
check "-v -j 3: exit status 0" status_is 0
# Every report is "PATH:", its native/fallback lines (and what python
# -O and -OO change), then "wrote ...".
last_cmd="pyaot compile -v -j 3 -o v pkg"
check "-v -j 3: reports are not interleaved" awk '
    /^pkg\/.*\.py:$/ { if (cur != "") exit 1; cur = $0; next }
    /^  (native|fallback) / { if (cur == "") exit 1; next }
    /^  python -O+: / { if (cur == "") exit 1; next }
    /^wrote / { if (cur == "") exit 1; cur = ""; reports++; next }
    /^pyaot: 5 modules compiled, 12 functions native, 0 fall back, / {
        summary++; next }
    { exit 1 }
    END { exit !(cur == "" && reports == 5 && summary == 1) }' "$ERR"

# ---- a broken module among good ones ----

B=$T/tree
mkdir -p "$B/sub"
cp -R "$S/pkg" "$B/pkg"
rm -f "$B/pkg/link"
cp "$S/elsewhere/broken.py" "$B/sub/broken.py"
cp "$S/elsewhere/fine.py" "$B/sub/fine.py"
mkdir "$T/bout"
pyaot_in "$T" compile -j 3 -o "$T/bout" tree
check "a broken module: exit status 1" status_is 1
check "a broken module: its error names it" \
    eval 'grep -q "^pyaot: tree/sub/broken.py: line 1: SyntaxError" "$ERR"'
check "a broken module: the others are written, it is not" \
    same_files "$T/bout" "tree/pkg/__init__@
tree/pkg/sub/__init__@
tree/pkg/sub/mod@
tree/pkg/tests/test_x@
tree/pkg/util@
tree/sub/fine@"
check "a broken module: no temporary files" no_temporaries "$T/bout"
extra_diag="stderr: $(cat "$ERR")"
check "a broken module: summary counts 7 modules, 1 failed" \
    stderr_has "pyaot: 7 modules compiled (1 failed), 14 functions native, 0 fall back, "
check "a broken module: two lines on stderr" \
    eval '[ "$(wc -l <"$ERR")" -eq 2 ]'

# ---- without -o: next to the sources ----

pyaot_in "$T" compile tree
check "without -o: exit status 1 (the broken module)" status_is 1
check "without -o: modules next to their sources" eval '
    for f in pkg/__init__ pkg/sub/__init__ pkg/sub/mod pkg/tests/test_x \
        pkg/util sub/fine; do
        [ -f "$B/$f$EXT" ] || exit 1
    done
    [ ! -e "$B/sub/broken$EXT" ]'
check "without -o: no temporary files" no_temporaries "$B"
check "without -o: nothing in hidden or __pycache__ directories" eval \
    '[ -z "$(find "$B/pkg/.hidden" "$B/pkg/__pycache__" -name "*$EXT")" ]'
imported "without -o" "$B"

# ---- files and directories together; duplicates ----

mkdir "$T/mix"
pyaot_in "$S" compile -o "$T/mix" elsewhere/fine.py pkg/sub
check "a file and a directory: exit status 0" status_is 0
check "a file and a directory: fine$EXT at the top, sub/ kept" \
    same_files "$T/mix" "fine@
sub/__init__@
sub/mod@"

mkdir "$T/dup"
pyaot_in "$S" compile -o "$T/dup" pkg/util.py pkg/util.py
check "the same module twice: exit status 1" status_is 1
check "the same module twice: one line naming it" eval \
    '[ "$(grep -c "^pyaot: pkg/util.py: .*overwrite" "$ERR")" -eq 1 ]'
check "the same module twice: written once" same_files "$T/dup" "util@"

# ---- dis on a directory ----

pyaot_in "$S" dis --exclude 'tests/*' pkg
check "dis pkg: exit status 0" status_is 0
check "dis pkg: a heading per module" eval \
    '[ "$(grep -c "^;; pkg/" "$OUT")" -eq 4 ]'
check "dis pkg: lists sub/mod's functions" eval \
    'grep -q "^function pyaot_1_six " "$OUT"'

# ---- usage errors ----

for bad in 0 x -1 2x; do
    pyaot_in "$S" compile -j "$bad" pkg
    check "-j $bad: exit status 2" status_is 2
    check "-j $bad: a 'pyaot: ' line naming it" eval \
        'grep -q "^pyaot: bad number of jobs.*: $bad\$" "$ERR" && [ ! -s "$OUT" ]'
done
check "-j errors: nothing written" eval \
    '[ -z "$(find "$S" -name "*$EXT*")" ]'

# ---- debugging information only with -g ----

mkdir "$T/dbg" "$T/nodbg"
pyaot_in "$S" compile -o "$T/nodbg" pkg/util.py
pyaot_in "$S" compile -g -o "$T/dbg" pkg/util.py
check "-g: exit status 0" status_is 0
check "without -g: no .debug_info section" eval \
    '! readelf -S "$T/nodbg/util$EXT" | grep -q "\.debug_info"'
check "with -g: a .debug_info section" eval \
    'readelf -S "$T/dbg/util$EXT" | grep -q "\.debug_info"'
check "-g: both modules import and work" eval \
    '(cd "$T/dbg" && "$PYTHON" -c "import util; assert util.twice(2) == 4") &&
     (cd "$T/nodbg" && "$PYTHON" -c "import util; assert util.twice(2) == 4")'

# ---- a module that fails in gcc leaves no directory behind ----

mkdir -p "$T/gccfail/src/deep/er" "$T/gccfail/out/keep"
printf 'x = 1\n' >"$T/gccfail/src/deep/er/m.py"
echo 'not an archive' >"$T/gccfail/bogus.a"
last_cmd="PYAOT_RUNTIME=bogus.a pyaot compile -o out src"
(cd "$T/gccfail" && PYAOT_RUNTIME=$T/gccfail/bogus.a "$PYAOT" compile \
    -o out src) >"$OUT" 2>"$ERR" </dev/null
rc=$?
check "gcc fails: exit status 1, code generation failed" eval \
    'status_is 1 && stderr_has "code generation failed"'
check "gcc fails: the directories made for it are gone, others kept" eval \
    '[ "$(cd "$T/gccfail/out" && find . | LC_ALL=C sort | tr "\n" " ")" = ". ./keep " ]'

# ---- __main__.py stays source: runpy needs its code object ----

mkdir -p "$T/app/app"
printf 'def run():\n    return "ran"\n' >"$T/app/app/core.py"
printf 'from .core import run\nprint(run())\n' >"$T/app/app/__main__.py"
: >"$T/app/app/__init__.py"
pyaot_in "$T/app" compile app
check "a package with __main__.py: exit status 0" status_is 0
check "a package with __main__.py: __main__.py is not compiled" same_files \
    "$T/app/app" "__init__.py
__init__@
__main__.py
core.py
core@"
last_cmd="python -m app"
(cd "$T/app" && "$PYTHON" -m app) >"$OUT" 2>"$ERR"
rc=$?
check "python -m on the compiled package runs" eval \
    'status_is 0 && [ "$(cat "$OUT")" = ran ]'

# ---- one module's code split over the spare jobs ----
# Two modules of many functions each, compiled one at a time with -j 3:
# each goes to gcc in parts, linked into one artifact. Their functions
# share names (pyaot_1_f0, ...) but not code; loaded RTLD_GLOBAL, each
# module must still run its own.

mkdir -p "$T/split"
for m in alpha beta; do
    case $m in
    alpha) body='return "alpha%d:" + str(x)' ;;
    beta) body='return str(x * 2) + ":beta%d"' ;;
    esac
    {
        i=0
        while [ $i -lt 40 ]; do
            printf "def f%d(x):\\n    $body\\n\\n\\n" $i $i
            i=$((i + 1))
        done
        printf 'ALL = [f%d(1) for f%d in [%s]]\n' 0 0 \
            "$(i=0; while [ $i -lt 40 ]; do printf 'f%d, ' $i; i=$((i + 1)); done)"
    } >"$T/split/$m.py"
done
pyaot_in "$T/split" compile -j 3 -o out alpha.py
check "split: alpha compiles in parts with -j 3" status_is 0
pyaot_in "$T/split" compile -j 3 -o out beta.py
check "split: beta compiles in parts with -j 3" status_is 0
check "split: no part object files left" eval \
    '[ -z "$(find "$T/split" -name "*.o")" ]'
last_cmd="python: import both, RTLD_GLOBAL"
(cd "$T/split" && "$PYTHON" -c '
import os, sys
sys.setdlopenflags(os.RTLD_NOW | os.RTLD_GLOBAL)
sys.path.insert(0, "out")
import alpha, beta
print(alpha.__file__.endswith(".so"), beta.__file__.endswith(".so"))
print(alpha.ALL[:2], beta.ALL[:2], alpha.f39(2), beta.f39(2))
') >"$OUT" 2>"$ERR"
rc=$?
check "split: both modules, loaded RTLD_GLOBAL, run their own functions" \
    eval 'status_is 0 && out_is "True True
['"'"'alpha0:1'"'"', '"'"'alpha1:1'"'"'] ['"'"'2:beta0'"'"', '"'"'2:beta1'"'"'] alpha39:2 4:beta39"'

# ---- stopped by a signal: no temporaries left ----
# A module big enough to take seconds, compiled in parts, and two small
# ones beside it; SIGINT, then SIGTERM, while it runs.

mkdir -p "$T/stop"
slow_module "$T/stop/big.py" 400
printf 'def f():\n    return 1\n' >"$T/stop/small.py"
for sig in INT TERM; do
    rm -rf "$T/stop/out"
    (cd "$T/stop" && exec "$PYAOT" compile -j 3 -o out big.py small.py) \
        >"$OUT" 2>"$ERR" &
    pid=$!
    sleep 1
    kill -$sig $pid
    wait $pid
    rc=$?
    last_cmd="pyaot compile -j 3 -o out big.py small.py, SIG$sig after 1 s"
    check "stopped by SIG$sig: its exit status, no temporaries left" eval \
        '[ $rc -gt 128 ] && [ -z "$(find "$T/stop/out" -name "*.tmp*" -o -name "*.o" 2>/dev/null)" ]'
done

echo "1..$n"
