#!/bin/sh
# Compiles one example with pyaot and times it interpreted and compiled.
#
# usage: sh examples/run-example.sh [PYAOT] [NAME]
#
#   PYAOT  the pyaot program (default: ../build/compiler/pyaot relative to
#          this script if it exists, else `pyaot` on PATH)
#   NAME   the example, examples/NAME.py (default: primes)
#
# Environment: PYTHON, the Python 3.11 to run (default: python3);
# REPEAT, how many runs of each kind (default: 3; the best time counts).
#
# The example is compiled into a temporary directory.  The interpreted run
# is `python3 -c 'import NAME; NAME.main()'` in examples/; the compiled run
# is the same command in the temporary directory, so that only the
# compiled module is on sys.path.  Both outputs must be identical.

set -u

here=$(cd "$(dirname "$0")" && pwd) || exit 2
PY=${PYTHON:-python3}
REPEAT=${REPEAT:-3}

pyaot=
name=primes
case $# in
0) ;;
1)
    # One argument: an example name, or the compiler.
    if [ -f "$here/$1.py" ]; then
        name=$1
    elif [ -x "$1" ] || command -v "$1" >/dev/null 2>&1; then
        pyaot=$1
    else
        echo "run-example.sh: $1 is neither an example nor a program" >&2
        exit 2
    fi
    ;;
2)
    pyaot=$1
    name=$2
    ;;
*)
    echo "usage: sh run-example.sh [PYAOT] [NAME]" >&2
    exit 2
    ;;
esac

if [ -z "$pyaot" ]; then
    if [ -x "$here/../build/compiler/pyaot" ]; then
        pyaot=$here/../build/compiler/pyaot
    elif command -v pyaot >/dev/null 2>&1; then
        pyaot=$(command -v pyaot)
    else
        echo "run-example.sh: no pyaot found (build it in ../build, or" \
            "give its path as the first argument)" >&2
        exit 2
    fi
fi
case $pyaot in
*/*) pyaot=$(cd "$(dirname "$pyaot")" && pwd)/$(basename "$pyaot") ;;
esac

if [ ! -f "$here/$name.py" ]; then
    echo "run-example.sh: no example $here/$name.py" >&2
    exit 2
fi
ext=$("$PY" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))') ||
    exit 2
if [ -e "$here/$name$ext" ]; then
    echo "run-example.sh: remove $here/$name$ext first: the interpreted run" \
        "would import it" >&2
    exit 2
fi

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP

echo "compiling $name.py with $pyaot"
mkdir "$tmp/out" || exit 2
"$pyaot" compile -v -o "$tmp/out" "$here/$name.py" 2>&1 || {
    echo "run-example.sh: compilation failed" >&2
    exit 1
}

# The compiled run must import the extension, not the source.
where=$(cd "$tmp/out" && "$PY" -c "import sys, io
real, sys.stdout = sys.stdout, io.StringIO()
import $name
real.write($name.__file__)") || exit 1
case $where in
*"$ext") ;;
*)
    echo "run-example.sh: the compiled run imported $where" >&2
    exit 1
    ;;
esac

# timed DIR OUTFILE: runs the example's main() in DIR, stdout to OUTFILE;
# prints the wall-clock time in seconds.
timed() {
    PYTHONDONTWRITEBYTECODE=1 "$PY" -c 'import subprocess, sys, time
with open(sys.argv[2], "wb") as out:
    t = time.perf_counter()
    rc = subprocess.call(sys.argv[3:], cwd=sys.argv[1], stdout=out)
    print("%.3f" % (time.perf_counter() - t))
sys.exit(rc)' "$1" "$2" "$PY" -c "import $name; $name.main()"
}
best() { if [ -z "$1" ] || awk "BEGIN { exit !($2 < $1) }"; then echo "$2"; else echo "$1"; fi; }

echo "running $name.main() $REPEAT times each way"
t_int=
t_nat=
i=0
while [ "$i" -lt "$REPEAT" ]; do
    t=$(timed "$here" "$tmp/interp.out") || {
        echo "run-example.sh: the interpreted run failed" >&2
        exit 1
    }
    t_int=$(best "$t_int" "$t")
    t=$(timed "$tmp/out" "$tmp/compiled.out") || {
        echo "run-example.sh: the compiled run failed" >&2
        exit 1
    }
    t_nat=$(best "$t_nat" "$t")
    if ! cmp -s "$tmp/interp.out" "$tmp/compiled.out"; then
        echo "run-example.sh: the outputs differ:" >&2
        diff "$tmp/interp.out" "$tmp/compiled.out" >&2
        exit 1
    fi
    i=$((i + 1))
done

echo "output (identical both ways):"
sed 's/^/  /' "$tmp/interp.out"
echo "interpreted: $t_int s"
echo "compiled:    $t_nat s"
awk "BEGIN { printf \"speedup:     %.2fx\\n\", $t_int / $t_nat }"
