# Shared by the TAP test scripts (errors.sh, batch.sh): the environment
# they need, a scratch directory removed on exit, TAP output helpers and
# a runner for pyaot. Sourced, not run.

: "${PYAOT:?set PYAOT to the pyaot program}"
: "${PYTHON:=python3}"
: "${PYAOT_EXT_SUFFIX:?set PYAOT_EXT_SUFFIX to the extension suffix}"

abs() {
    case $1 in
    /*) echo "$1" ;;
    */*) echo "$(pwd)/$1" ;;
    *) echo "$1" ;; # a command name, found on PATH
    esac
}
PYAOT=$(abs "$PYAOT")
PYTHON=$(abs "$PYTHON")
EXT=$PYAOT_EXT_SUFFIX

T=$(mktemp -d) || { echo "Bail out! mktemp -d failed"; exit 1; }
cleanup() { chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

OUT=$T/stdout
ERR=$T/stderr
n=0
rc=0
last_cmd=
extra_diag=

# ---- TAP ----

ok() { n=$((n + 1)); echo "ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
diag_file() { [ -s "$2" ] && { echo "# $1:"; sed 's/^/#   /' "$2"; }; }
not_ok() {
    n=$((n + 1))
    echo "not ok $n - $1"
    if [ -n "$last_cmd" ]; then
        echo "# command: $last_cmd"
        echo "# exit status: $rc"
        diag_file stderr "$ERR"
        diag_file stdout "$OUT"
    fi
    [ -n "${2-}" ] && echo "$2" | sed 's/^/# /'
    return 0
}
check() {
    check_desc=$1
    shift
    if "$@"; then
        ok "$check_desc"
    else
        not_ok "$check_desc" "${extra_diag-}"
    fi
    extra_diag=
}

# pyaot_in DIR ARGS...: runs pyaot in DIR; sets rc, fills $OUT and $ERR.
pyaot_in() {
    d=$1
    shift
    last_cmd="(cd $(basename "$d")) pyaot $*"
    (cd "$d" && exec "$PYAOT" "$@") >"$OUT" 2>"$ERR" </dev/null
    rc=$?
}

# slow_module FILE N: writes a module of N functions with comprehensions,
# which takes seconds to compile (N=300: about two), for tests that stop
# a compile while it runs.
slow_module() {
    i=0
    while [ $i -lt "$2" ]; do
        printf 'def g%d(x, y):\n    return [x * k + y for k in range(%d) if k %% 3]\n\n\n' \
            $i $i
        i=$((i + 1))
    done >"$1"
}

status_is() { [ "$rc" -eq "$1" ]; }
stderr_has() { grep -qF -e "$1" "$ERR"; }
# out_is TEXT: stdout was exactly TEXT (and a newline).
out_is() {
    printf '%s\n' "$1" >"$T/want"
    cmp -s "$OUT" "$T/want" && return 0
    extra_diag="wanted stdout:
$1"
    return 1
}
