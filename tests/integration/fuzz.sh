#!/bin/sh
# Damaged inputs: thousands of mutated .pyc files (truncated, bits
# flipped in the header and in the marshalled code, bytes replaced,
# inserted, removed) through `pyaot dis` (decoding, analysis, lowering)
# and a share of them through `pyaot compile`; hundreds of mutated cached
# artifacts (the stamp or anything else damaged) through the import hook.
# Every one must end in a clean error, a fallback or the source: never a
# crash, never a hang.
#
# PYAOT_FUZZ_SEED picks other mutations (default 1); PYAOT_FUZZ_PYC and
# PYAOT_FUZZ_ARTIFACTS how many of each (default 3000 and 200).
#
# Run by the TAP driver as `sh fuzz.sh` with PYAOT, PYTHON,
# PYAOT_SRCDIR and PYAOT_EXT_SUFFIX in the environment (see errors.sh).

set -u

. "$(dirname "$0")/taplib.sh"

SEED=${PYAOT_FUZZ_SEED:-1}
NPYC=${PYAOT_FUZZ_PYC:-3000}
NART=${PYAOT_FUZZ_ARTIFACTS:-200}
COMPILED=300 # of the .pyc files, also through pyaot compile
DRIVER=$PYAOT_SRCDIR/tests/integration/fuzz_driver.py

mkdir "$T/src" "$T/pyc" "$T/art"
cat >"$T/src/fz.py" <<'EOF'
import sys


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y


def numbers(n):
    total = 0.0
    for i in range(n):
        if i % 3 == 0:
            total += i * 0.5
        elif i % 3 == 1:
            total -= i // 2
        else:
            continue
    return total


def gen(items):
    for item in items:
        try:
            yield item * 2
        except ValueError:
            yield None
        finally:
            pass


def shapes(v):
    match v:
        case Point(x=0, y=y):
            return "axis %s" % y
        case [a, *rest]:
            return "seq %s %d" % (a, len(rest))
        case {"k": k}:
            return "map %s" % k
        case _:
            return "other"


def closures(k):
    def add(j):
        return j + k
    return [add(j) for j in range(k)], {j: add(j) for j in range(3)}


def main():
    return (numbers(10), list(gen([1, 2])), shapes(Point(0, 3)),
            shapes([1, 2, 3]), closures(3), sys.version_info[0])
EOF

# the reference result, from source
(cd "$T/src" && "$PYTHON" -c 'import fz; print(fz.main())') >"$T/want" 2>&1

# ---- .pyc files ----

"$PYTHON" -c 'import py_compile, sys
py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)' \
    "$T/src/fz.py" "$T/fz.pyc"
"$PYTHON" "$DRIVER" pyc "$SEED" "$NPYC" "$T/fz.pyc" "$T/pyc" >"$T/pyc.txt"
check "$NPYC mutated .pyc files written" \
    eval '[ "$(ls "$T/pyc" | wc -l)" -eq "$NPYC" ]'

# Decoding, analysis and lowering of every one, in batches of 100: a
# batch that crashes or hangs names its mutations.
bad=""
i=0
while [ $i -lt "$NPYC" ]; do
    files=""
    j=$i
    while [ $j -lt $((i + 100)) ] && [ $j -lt "$NPYC" ]; do
        files="$files $T/pyc/m$j.pyc"
        j=$((j + 1))
    done
    timeout 120 "$PYAOT" dis $files >/dev/null 2>"$T/dis.err" </dev/null
    s=$?
    if [ $s -ge 124 ]; then
        bad="$bad m$i..m$((j - 1)) (status $s)"
    fi
    i=$j
done
last_cmd="pyaot dis on batches of the mutated .pyc files"
check "pyaot dis: every damaged .pyc ends in an error or a listing, no crash or hang" \
    eval '[ -z "$bad" ]'
[ -n "$bad" ] && echo "# failed batches:$bad"

# A share of them compiled for real (gcc included), each in its own
# process: a crash there is reported by the batch driver.
files=""
i=0
while [ $i -lt $COMPILED ]; do
    files="$files $T/pyc/m$i.pyc"
    i=$((i + 1))
done
mkdir "$T/out"
last_cmd="pyaot compile -O0 -j 2 -o out <$COMPILED damaged .pyc files>"
timeout 900 "$PYAOT" compile -O0 -j 2 -o "$T/out" $files \
    >"$OUT" 2>"$ERR" </dev/null
rc=$?
check "pyaot compile: $COMPILED damaged .pyc files, exit status 0 or 1" \
    eval '[ "$rc" -le 1 ]'
check "pyaot compile: no compiler process crashed or hung" \
    eval '! grep -q "killed by signal\|timed out" "$ERR"'
check "pyaot compile: every failure is one clean line per file" \
    eval '! grep -v "^pyaot: " "$ERR" | grep -q .'

# ---- cached artifacts ----

mkdir "$T/cache"
cp "$T/src/fz.py" "$T/cache/"
pyaot_in "$T" compile --cache cache/fz.py
check "the artifact to damage compiles" status_is 0
art=$(ls "$T/cache/__pycache__/"*.pyaot.so)
"$PYTHON" "$DRIVER" artifact "$SEED" "$NART" "$art" "$T/art" >"$T/art.txt"

crashed=""
wrong=""
i=0
while [ $i -lt "$NART" ]; do
    (cd "$T/art/$i" && PYTHONPATH="$PYAOT_SRCDIR/runtime" timeout 60 \
        "$PYTHON" -c 'import pyaot.hook, fz; print(fz.main())') \
        >"$T/a.out" 2>"$T/a.err" </dev/null
    s=$?
    if [ $s -ne 0 ]; then
        crashed="$crashed $i(status $s: $(sed -n "$((i + 1))p" "$T/art.txt"))"
    elif ! cmp -s "$T/a.out" "$T/want" ||
         grep -v "PyaotWarning\|^  *warnings\.\|^$" "$T/a.err" | grep -q .; then
        wrong="$wrong $i"
    fi
    i=$((i + 1))
done
last_cmd="python -c 'import pyaot.hook, fz' over $NART damaged artifacts"
check "the hook: no damaged artifact crashes or hangs the import" \
    eval '[ -z "$crashed" ]'
[ -n "$crashed" ] && echo "# crashed:$crashed"
check "the hook: each damaged artifact is refused with a warning, the source runs" \
    eval '[ -z "$wrong" ]'
[ -n "$wrong" ] && echo "# wrong results:$wrong"

echo "1..$n"
exit 0
