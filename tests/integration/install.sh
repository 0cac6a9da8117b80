#!/bin/sh
# `make install` and `make uninstall`: the program, the runtime, the man
# page and the pyaot Python package in a site-packages directory (here a
# venv's), with `python -m pyaot`, PYAOT=1, `pyaot hook install` and the
# Python API working from the installed files, and nothing left after
# uninstall.
#
# Run by the TAP driver as `sh install.sh` with PYAOT, PYTHON,
# PYAOT_EXT_SUFFIX, PYAOT_SRCDIR and PYAOT_TOP_BUILDDIR (the configured build
# tree, whose `make install` is run with prefix and pythondir overridden).

set -u

. "$(dirname "$0")/taplib.sh"

: "${PYAOT_TOP_BUILDDIR:?set PYAOT_TOP_BUILDDIR to the build tree}"
P=$T/prefix
"$PYTHON" -m venv --without-pip "$T/venv" >/dev/null 2>&1
VPY=$T/venv/bin/python
SITE=$("$VPY" -c 'import sysconfig; print(sysconfig.get_path("purelib"))')
ls -A "$SITE" | LC_ALL=C sort >"$T/site.before"
W=$T/work
mkdir "$W"
printf 'def f(x):\n    return x + 1\n' >"$W/mod.py"
printf 'def g(x):\n    return x * 2\n' >"$W/mod2.py"
printf 'def broken(:\n' >"$W/bad.py"

# make_in TARGET: make TARGET in the build tree, installing under $T.
make_in() {
    last_cmd="make $1 prefix=\$T/prefix pyaot_pythondir=\$SITE"
    env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL ${MAKE:-make} -s \
        -C "$PYAOT_TOP_BUILDDIR" "$1" prefix="$P" pyaot_pythondir="$SITE" \
        >"$OUT" 2>"$ERR" </dev/null
    rc=$?
}
# vpy ARGS...: the venv's python in $W, with the installed runtime.
vpy() {
    last_cmd="venv python $*"
    (cd "$W" && exec env PYAOT_RUNTIME="$P/lib/pyaot/libpyaot_rt.a" \
        "$VPY" "$@") >"$OUT" 2>"$ERR" </dev/null
    rc=$?
}

make_in install
check "make install: exit status 0" status_is 0
for f in bin/pyaot lib/pyaot/libpyaot_rt.a share/man/man1/pyaot.1; do
    check "make install: \$prefix/$f" eval '[ -f "$P/$f" ]'
done
for f in pyaot/__init__.py pyaot/__main__.py pyaot/hook.py pyaot/cli.py \
    pyaot/status.py pyaot/wheel.py pyaot/setuptools.py pyaot/_config.py \
    pyaot-env.pth; do
    check "make install: site-packages/$f" eval '[ -f "$SITE/$f" ]'
done
check "make install: _config.py names the installed compiler" eval \
    'grep -qF "COMPILER = '"'$P/bin/pyaot'"'" "$SITE/pyaot/_config.py"'

vpy -m pyaot --version
check "python -m pyaot --version: the installed program's" eval \
    'status_is 0 && grep -q "^pyaot [0-9.]* (for Python 3.11" "$OUT"'
"$P/bin/pyaot" --help >"$T/help" 2>&1
vpy -m pyaot --help
check "python -m pyaot --help: the program's help" eval \
    'status_is 0 && cmp -s "$OUT" "$T/help"'
vpy -m pyaot frobnicate
check "python -m pyaot with a bad command: exit status 2" eval \
    'status_is 2 && stderr_has "pyaot: unknown command: frobnicate"'

vpy -m pyaot compile --cache mod.py
check "python -m pyaot compile --cache: exit status 0" eval \
    'status_is 0 && [ -f "$W/__pycache__/mod.$("$PYTHON" -c "import sys; print(sys.implementation.cache_tag)").pyaot.so" ]'
vpy -m pyaot status mod.py
check "python -m pyaot status: fresh" eval \
    'status_is 0 && grep -q "^fresh    mod.py$" "$OUT"'
last_cmd="installed pyaot status mod.py"
(cd "$W" && PYAOT_PYTHONDIR=$SITE "$P/bin/pyaot" status mod.py) >"$OUT" 2>"$ERR"
rc=$?
check "the installed program's status: the same" eval \
    'status_is 0 && grep -q "^fresh    mod.py$" "$OUT"'

native='import sys, mod; print("pyaot.hook" in sys.modules, hasattr(mod, "__pyaot__"), mod.f(1))'
vpy -c "$native"
check "installed: no hook unless asked" out_is "False False 2"
PYAOT=1 vpy -c "$native"
check "installed: PYAOT=1 turns the hook on at start-up" out_is "True True 2"
vpy -m pyaot hook install
check "python -m pyaot hook install: into the venv's site-packages" eval \
    'status_is 0 && [ -f "$SITE/pyaot-hook.pth" ]'
vpy -c "$native"
check "installed: the hook's .pth turns it on" out_is "True True 2"

mkdir "$W/out"
vpy -c 'import pyaot
pyaot.compile(["mod2.py"], output="out", opt_level=1)
import sys; sys.path.insert(0, "out")
import mod2; print(mod2.g(4), hasattr(mod2, "__pyaot__"))
try:
    pyaot.compile("bad.py")
except pyaot.CompileError as e:
    print("CompileError", e.status)'
check "the Python API: pyaot.compile() and CompileError" \
    out_is "8 True
CompileError 1"

make_in uninstall
check "make uninstall: exit status 0" status_is 0
check "make uninstall: nothing left under the prefix" eval \
    '[ -z "$(find "$P" -type f)" ]'
ls -A "$SITE" | LC_ALL=C sort >"$T/site.after"
extra_diag="site-packages now: $(cat "$T/site.after" | tr '\n' ' ')"
check "make uninstall: site-packages as before (hook .pth included)" \
    cmp -s "$T/site.before" "$T/site.after"
vpy -c 'print("ok")'
check "after uninstall, the venv's Python starts cleanly" eval \
    'status_is 0 && out_is ok && [ ! -s "$ERR" ]'

echo "1..$n"
