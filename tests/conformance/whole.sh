#!/bin/sh
# CPython's whole regression suite, twice on the same machine: interpreted,
# then with the whole standard library and the test package compiled by
# pyaot (cached artifacts under a pycache prefix, the import hook on in
# every process the tests start); prints both results and the tests whose
# outcome differs (whole_compare.py). Manual, not part of `make check`.
#
# usage: PYAOT=path/to/pyaot [PYTHON=python3] [JOBS=2] [WORK=dir]
#            [TESTARGS='...'] [KNOWN=whole_known.txt] [INTERPRETED=log]
#            tests/conformance/whole.sh
#
# INTERPRETED names the log of an earlier interpreted run on this machine
# (WORK/interpreted.log of a previous run, same TESTARGS) to compare
# against instead of running the suite interpreted again: after a change
# to pyaot only the compiled half needs repeating.
# TESTARGS go to both regrtest runs (default: --timeout 900, as CPython's
# buildbots: a test that hangs here, as test__xxsubinterpreters does on
# these machines interpreted too, is stopped and counted as failed; add
# e.g. '-u all,-network' for more resources, or name tests). WORK keeps
# the artifacts (compiling again there only compiles what changed),
# the logs and the comparison. Exit status 0 when every test that passes
# interpreted passes compiled, apart from those KNOWN lists with a cause.
set -u
set -f

PYTHON=${PYTHON:-python3}
JOBS=${JOBS:-2}
TESTARGS=${TESTARGS-"--timeout 900"}
HERE=$(cd "$(dirname "$0")" && pwd)
KNOWN=${KNOWN:-$HERE/whole_known.txt}
: "${PYAOT:?set PYAOT to the pyaot compiler}"
case $PYAOT in /*) ;; *) PYAOT=$(pwd)/$PYAOT ;; esac
PYAOT_PYTHONDIR=${PYAOT_PYTHONDIR:-$(cd "$HERE/../../runtime" && pwd)}
WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/pyaot-whole.XXXXXX")}
mkdir -p "$WORK/empty" "$WORK/cache" "$WORK/pyc"
STDLIB=$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')

now() { date +%s; }
say() { echo "whole: $*"; }

# ---- 1: the library and its tests, compiled ----
# Test data that is not Python (bad syntax on purpose, non-identifier
# names) fails to compile and is counted; __main__.py files stay source.
say "compiling $STDLIB and its tests (artifacts in $WORK/cache)"
PYTHONPYCACHEPREFIX=$WORK/cache "$PYAOT" stdlib compile --tests -j "$JOBS" \
    --lib "$STDLIB" >"$WORK/compile.log" 2>&1
say "$(grep '^pyaot stdlib: compiled\|fresh already' "$WORK/compile.log")"
say "modules that did not compile: $(grep -c '^pyaot: /' "$WORK/compile.log")"

# The hook in every Python the tests start: a user-site .pth (read even
# under -E), with the artifacts' pycache prefix in the environment.
HOOKBASE=$WORK/hook
usersite=$(PYTHONUSERBASE=$HOOKBASE "$PYTHON" -c \
    'import site; print(site.getusersitepackages())')
mkdir -p "$usersite"
printf '%s\nimport pyaot.hook\n' "$PYAOT_PYTHONDIR" >"$usersite/pyaot-hook.pth"

# ---- 2: the suite, interpreted, then compiled ----
t0=$(now)
if [ -n "${INTERPRETED:-}" ]; then
    say "the suite, interpreted: the earlier run's log $INTERPRETED"
    [ "$INTERPRETED" -ef "$WORK/interpreted.log" ] ||
        cp "$INTERPRETED" "$WORK/interpreted.log" || exit 2
else
    say "the suite, interpreted (log: $WORK/interpreted.log)"
    (cd "$WORK/empty" && PYTHONPYCACHEPREFIX=$WORK/pyc \
        "$PYTHON" -m test -j "$JOBS" $TESTARGS) >"$WORK/interpreted.log" 2>&1
fi
t1=$(now)
say "interpreted run: $((t1 - t0)) s"
say "the suite, compiled (log: $WORK/compiled.log)"
(cd "$WORK/empty" && PYTHONPYCACHEPREFIX=$WORK/cache \
    PYTHONUSERBASE=$HOOKBASE "$PYTHON" -m test -j "$JOBS" $TESTARGS) \
    >"$WORK/compiled.log" 2>&1
t2=$(now)
say "compiled run: $((t2 - t1)) s"
# How many modules the compiled run's main process took from artifacts.
(cd "$WORK/empty" && PYTHONPYCACHEPREFIX=$WORK/cache \
    PYTHONUSERBASE=$HOOKBASE "$PYTHON" -c '
import sys, test.libregrtest, test.support
n = sum(1 for m in list(sys.modules.values())
        if (getattr(m, "__cached__", None) or "").endswith(".pyaot.so"))
print("whole: modules loaded from artifacts by regrtest itself:", n)')

# ---- 3: the difference ----
"$PYTHON" "$HERE/whole_compare.py" "$WORK/interpreted.log" \
    "$WORK/compiled.log" "$KNOWN" >"$WORK/comparison.txt"
status=$?
cat "$WORK/comparison.txt"
exit $status
