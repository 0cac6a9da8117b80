#!/bin/sh
# python -O and -OO: a compiled module runs the code of the level the
# interpreter runs at (asserts, docstrings and __debug__ as from source),
# natively where the level leaves a function's code as it is or compiled
# it again; never an artifact's code at the wrong level. Also a module
# compiled from a .pyc (its one level, whatever -O says, as a sourceless
# import), and cached artifacts loaded by the hook under -O.
#
# Run by the TAP driver as `sh levels.sh` with PYAOT, PYTHON and
# PYAOT_EXT_SUFFIX in the environment (see errors.sh).

set -u

. "$(dirname "$0")/taplib.sh"

mkdir "$T/src"
cat >"$T/src/lv.py" <<'EOF'
"""Module docstring."""


def checked(x):
    """Doc of checked."""
    assert x > 0, "not positive"
    return x * 2


def documented(y):
    """Doc of documented."""
    return y + 1


def plain(z):
    if __debug__:
        z += 100
    return z - 1


class Box:
    """Doc of Box."""

    def get(self):
        return 7


def report():
    try:
        c = checked(-1)
    except AssertionError as e:
        c = "AssertionError: %s" % e
    return [__doc__, checked.__doc__, documented.__doc__, Box.__doc__,
            __debug__, c, documented(1), plain(1), Box().get()]
EOF

ALL_NATIVE="['native']"

run() { # run FLAGS DIR: prints lv.report() and the statuses of lv
    last_cmd="python $1 (PYTHONPATH=$2)"
    PYTHONPATH=$2 "$PYTHON" $1 -c '
import lv
print(lv.report())
print(sorted(set(getattr(lv, "__pyaot__", {"source": 1}).values())))
print(lv.__file__.endswith(".py"))' >"$OUT" 2>"$ERR" </dev/null
    rc=$?
}

pyaot_in "$T" compile -v -o out src/lv.py
check "compiles, at every level" status_is 0
check "-v counts what -O and -OO change" eval \
    'grep -q "python -O: 3 code objects differ, 3 compiled for it" "$ERR" &&
     grep -q "python -OO: .* the others run in the interpreter" "$ERR"'

for flags in "" -O -OO; do
    run "$flags" "$T/src"
    head -1 "$OUT" >"$T/want$flags"
    run "$flags" "$T/out"
    check "python $flags: the same results as from source" eval \
        'status_is 0 && [ "$(head -1 "$OUT")" = "$(cat "$T/want$flags")" ] &&
         [ "$(sed -n 3p "$OUT")" = False ]'
done
run "" "$T/out"
check "python: every function native" eval \
    '[ "$(sed -n 2p "$OUT")" = "$ALL_NATIVE" ]'
run -O "$T/out"
check "python -O: every function native (asserts compiled out)" eval \
    '[ "$(sed -n 2p "$OUT")" = "$ALL_NATIVE" ] &&
     head -1 "$OUT" | grep -q "False, -2,"'
run -OO "$T/out"
check "python -OO: docstrings gone; the changed functions interpreted" eval \
    'head -1 "$OUT" | grep -q "^\[None, None, None, None, False" &&
     sed -n 2p "$OUT" | grep -q "interpreted under python -OO" &&
     sed -n 2p "$OUT" | grep -q "native"'

pyaot_in "$T" compile --all-levels -o all src/lv.py
check "--all-levels compiles" status_is 0
run -OO "$T/all"
check "--all-levels: python -OO runs natively, docstrings gone" eval \
    '[ "$(sed -n 2p "$OUT")" = "$ALL_NATIVE" ] &&
     [ "$(head -1 "$OUT")" = "$(cat "$T/want-OO")" ]'

# A .pyc has the one level it was compiled at, whatever -O says (as
# CPython runs a sourceless .pyc).
"$PYTHON" -O -c 'import py_compile, sys
py_compile.compile(sys.argv[1], cfile=sys.argv[2])' "$T/src/lv.py" \
    "$T/lv.pyc"
mkdir "$T/pyc"
pyaot_in "$T" compile -o pyc lv.pyc
check "a .pyc compiled with -O compiles" status_is 0
run "" "$T/pyc"
check "...and runs its own level (no asserts) under plain python" eval \
    'head -1 "$OUT" | grep -q "False, -2,"'

# Cached artifacts: the hook takes them under -O too.
mkdir "$T/cache"
cp "$T/src/lv.py" "$T/cache/"
pyaot_in "$T" compile --cache cache/lv.py
check "--cache compiles" status_is 0
last_cmd="python -O with the hook"
(cd "$T/cache" && PYTHONPATH="$PYAOT_SRCDIR/runtime" "$PYTHON" -O -c '
import pyaot.hook, lv
print(lv.report()[4:6], lv.__cached__.endswith(".pyaot.so"),
      set(lv.__pyaot__.values()))') >"$OUT" 2>"$ERR" </dev/null
rc=$?
check "the hook loads the artifact under -O, with -O's code" \
    out_is "[False, -2] True {'native'}"

echo "1..$n"
exit 0
