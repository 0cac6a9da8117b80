#!/bin/sh
# Reference-leak check of the differential corpus, as TAP.
#
# Builds a pyaot that targets the Py_REF_DEBUG interpreter python3.11-dbg
# (Debian package python3.11-dbg), compiles every
# tests/integration/cases/t_*.py with it, and runs refcount_driver.py on each
# case: the module is loaded again and again and sys.gettotalrefcount() is
# read around each round, compiled and interpreted.  A case passes when the
# compiled module keeps no more references per round than the interpreted
# one (some cases keep a few legitimately, interpreted too).
#
#   ok 1 - debug-target pyaot builds
#   ok 2 - driver flags an injected leak
#   ok N - t_x refs: compiled +0/round, interpreted +0/round
#
# Environment:
#   PYAOT_SRCDIR          the source tree (required; set by `make check`)
#   PYAOT_BUILDDIR        where to build the debug-target pyaot (default: a
#                         temporary directory, removed afterwards); a build
#                         configured there for the same python is reused
#   PYAOT_DBG_PYTHON      the debug interpreter (default: python3.11-dbg)
#   PYAOT_REFCOUNT_JOBS   cases compiled and measured at once (default: 2)
#   PYAOT_REFCOUNT_ROUNDS measured rounds per case (default: 5; warm-up: 3)
#   PYAOT_REFCOUNT_CASES  space-separated case names to check (default: all)
#   PYAOT_REFCOUNT_OPT    pyaot optimisation option (default: -O1, as
#                         shipped; -O0 compiles the corpus ~3x faster)
#
# Always exits 0: the result is in the TAP stream.

DBG_PYTHON=${PYAOT_DBG_PYTHON:-python3.11-dbg}
JOBS=${PYAOT_REFCOUNT_JOBS:-2}
ROUNDS=${PYAOT_REFCOUNT_ROUNDS:-5}
OPT=${PYAOT_REFCOUNT_OPT:--O1}
WARMUP=3
COMPILE_TIMEOUT=600
RUN_TIMEOUT=300

if ! command -v "$DBG_PYTHON" >/dev/null 2>&1; then
    echo "1..0 # SKIP $DBG_PYTHON not installed"
    exit 0
fi
if ! "$DBG_PYTHON" -c 'import sys; sys.gettotalrefcount' >/dev/null 2>&1
then
    echo "1..0 # SKIP $DBG_PYTHON has no sys.gettotalrefcount"
    exit 0
fi
if [ -z "$PYAOT_SRCDIR" ] || [ ! -f "$PYAOT_SRCDIR/configure" ]; then
    echo "1..1"
    echo "not ok 1 - debug-target pyaot builds"
    echo "# PYAOT_SRCDIR must name a source tree with a configure script" \
         "(run autogen.sh there)"
    exit 0
fi
SRCDIR=$(cd "$PYAOT_SRCDIR" && pwd)
HERE=$SRCDIR/tests/integration
DRIVER=$HERE/refcount_driver.py
CASEDIR=$HERE/cases

if command -v timeout >/dev/null 2>&1; then
    with_timeout() { t=$1; shift; timeout "$t" "$@"; }
else
    with_timeout() { shift; "$@"; }
fi

# Prints FILE (or its last 30 lines) as TAP comments.
diag_file() {
    if [ -s "$1" ]; then
        n=$(wc -l < "$1")
        [ "$n" -gt 30 ] && echo "# ... ($((n - 30)) lines before)"
        tail -n 30 "$1" | sed 's/^/# /'
    fi
}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/pyaot-refcount.XXXXXX") || {
    echo "1..0 # SKIP cannot make a temporary directory"
    exit 0
}
WORKERS=
cleanup() {
    for p in $WORKERS; do kill "$p" 2>/dev/null; done
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# ---- the cases ------------------------------------------------------------
if [ -n "$PYAOT_REFCOUNT_CASES" ]; then
    set --
    for n in $PYAOT_REFCOUNT_CASES; do set -- "$@" "$CASEDIR/${n%.py}.py"; done
else
    set -- "$CASEDIR"/t_*.py
    [ -f "$1" ] || set --
fi
NCASES=$#
echo "1..$((NCASES + 2))"

# ---- 1: the debug-target pyaot ---------------------------------------------
# A configure run out of the tree is refused when the source tree itself is
# configured ("source directory already configured; run make distclean
# there first"); then the tree is copied and built in place in the copy.
build_pyaot() {
    (
        unset MAKEFLAGS MFLAGS MAKELEVEL
        if [ -n "$PYAOT_BUILDDIR" ]; then
            mkdir -p "$PYAOT_BUILDDIR" || exit 1
            BUILD=$(cd "$PYAOT_BUILDDIR" && pwd)
        else
            BUILD=$TMP/build
            mkdir "$BUILD" || exit 1
        fi
        echo "$BUILD" > "$TMP/builddir"
        if [ -f "$SRCDIR/config.status" ] && [ "$BUILD" != "$SRCDIR" ]; then
            echo "the source tree is configured in place; building the" \
                 "debug-target pyaot in a copy of it"
            BUILD=$TMP/src
            echo "$BUILD" > "$TMP/builddir"
            mkdir "$BUILD" || exit 1
            for f in "$SRCDIR"/* "$SRCDIR"/.[!.]*; do
                [ -e "$f" ] || continue
                case ${f##*/} in
                    .git) ;;
                    *) cp -pR "$f" "$BUILD"/ || exit 1 ;;
                esac
            done
            cd "$BUILD" &&
                ./configure PYTHON="$DBG_PYTHON" --quiet &&
                make clean >/dev/null &&
                make -j2 --quiet V=0
            exit
        fi
        cd "$BUILD" || exit 1
        suffix=$("$DBG_PYTHON" -c 'import sysconfig
print(sysconfig.get_config_var("EXT_SUFFIX"))')
        if [ -f config.status ] && [ -x compiler/pyaot ] &&
           grep -q "^S\[\"PYTHON_EXT_SUFFIX\"\]=\"$suffix\"\$" config.status
        then
            make -j2 --quiet V=0        # a previous debug build: update it
            exit
        fi
        "$SRCDIR/configure" PYTHON="$DBG_PYTHON" --quiet &&
            make -j2 --quiet V=0
    ) > "$TMP/build.log" 2>&1
}

if build_pyaot && BUILD=$(cat "$TMP/builddir") &&
   [ -x "$BUILD/compiler/pyaot" ]; then
    PYAOT=$BUILD/compiler/pyaot
    echo "ok 1 - debug-target pyaot builds"
    grep -v '^ar: ' "$TMP/build.log" | grep -v '^ *[A-Z][A-Z]* ' |
        sed 's/^/# /'
else
    echo "not ok 1 - debug-target pyaot builds"
    echo "# $SRCDIR/configure PYTHON=$DBG_PYTHON; make"
    diag_file "$TMP/build.log"
    if [ -f "$TMP/builddir" ] && [ -f "$(cat "$TMP/builddir")/config.log" ]
    then
        echo "# config.log:"
        grep -v '^|' "$(cat "$TMP/builddir")/config.log" > "$TMP/cl" || :
        diag_file "$TMP/cl"
    fi
    i=2
    echo "not ok $i - driver flags an injected leak # not run: no compiler"
    for c; do
        i=$((i + 1))
        name=$(basename "$c" .py)
        echo "not ok $i - $name refs # not run: no compiler"
    done
    exit 0
fi

# Compiles CASE.py into DIR and runs the driver; writes the TAP line (and
# comment lines) to OUT.  NUM is the test number.
check_case() {
    check_case_tap "$@" > "$4.tmp" 2>&1
    mv "$4.tmp" "$4"
}

check_case_tap() {
    num=$1 cf=$2 dir=$3
    name=$(basename "$cf" .py)
    if [ ! -f "$cf" ]; then
        echo "not ok $num - $name refs"
        echo "# no such case: $cf"
        return
    fi
    mkdir -p "$dir"
    if ! with_timeout $COMPILE_TIMEOUT "$PYAOT" compile "$OPT" "$cf" \
            -o "$dir" > "$dir/compile.log" 2>&1; then
        echo "not ok $num - $name refs # compile failed"
        echo "# $PYAOT compile $OPT $cf -o $dir"
        diag_file "$dir/compile.log"
        return
    fi
    PYTHONHASHSEED=0 PYTHONDONTWRITEBYTECODE=1 PYTHONIOENCODING=utf-8 \
        with_timeout $RUN_TIMEOUT "$DBG_PYTHON" "$DRIVER" \
        --warmup $WARMUP --rounds "$ROUNDS" \
        "$dir" "$name" "$(dirname "$cf")" \
        > "$dir/run.out" 2> "$dir/run.err" < /dev/null
    rc=$?
    summary=$(sed -n 's/^refs: //p' "$dir/run.out")
    case $rc in
        0) echo "ok $num - $name refs: $summary" ;;
        1) echo "not ok $num - $name refs: $summary (leak)" ;;
        2) echo "not ok $num - $name refs # driver error" ;;
        124) echo "not ok $num - $name refs # timed out" \
                  "after $RUN_TIMEOUT s" ;;
        *) if [ "$rc" -gt 128 ]; then
               echo "not ok $num - $name refs # crashed" \
                    "(signal $((rc - 128)))"
           else
               echo "not ok $num - $name refs # driver exit status $rc"
           fi ;;
    esac
    sed 's/^/# /' "$dir/run.out" | grep -v '^# refs: '
    diag_file "$dir/run.err"
}

# ---- 2: the driver sees a leak that only the compiled module has ---------
mkdir "$TMP/inject" "$TMP/res"
cat > "$TMP/inject/t_injected_leak.py" <<'EOF'
import ctypes
keep = object()
if "__pyaot__" in globals():   # only in the compiled module
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(keep))
EOF
(
    check_case 2 "$TMP/inject/t_injected_leak.py" "$TMP/inject/out" \
        "$TMP/inject/result"
) &
WORKERS=$!

# ---- 3..: the cases, JOBS at a time ----------------------------------------
j=0
while [ $j -lt "$JOBS" ]; do
    (
        i=0
        for c; do
            if [ $((i % JOBS)) -eq $j ]; then
                check_case $((i + 3)) "$c" "$TMP/c$i" "$TMP/res/$i"
                rm -rf "$TMP/c$i"
            fi
            i=$((i + 1))
        done
    ) &
    WORKERS="$WORKERS $!"
    j=$((j + 1))
done

# Waits for FILE and prints it; a missing result once every worker is
# gone becomes a 'not ok'.
show() {
    while [ ! -f "$1" ]; do
        alive=
        for p in $WORKERS; do kill -0 "$p" 2>/dev/null && alive=1; done
        if [ -z "$alive" ] && [ ! -f "$1" ]; then
            echo "not ok $2 - $3 # no result (worker died)"
            return
        fi
        sleep 1
    done
    cat "$1"
}

res=$TMP/inject/result
show "$res" 2 t_injected_leak > "$TMP/inject/shown"
# The injected leak must be flagged: invert the case's verdict.
if grep -q '^not ok 2 - .*(leak)$' "$TMP/inject/shown"; then
    echo "ok 2 - driver flags an injected leak"
else
    echo "not ok 2 - driver flags an injected leak"
fi
sed -n 's/^#/#/p' "$TMP/inject/shown"

i=0
for c; do
    show "$TMP/res/$i" $((i + 3)) "$(basename "$c" .py)"
    i=$((i + 1))
done
wait
exit 0
