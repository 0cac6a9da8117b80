#!/bin/sh
# tests/conformance/whole_compare.py, which decides whole.sh's verdict,
# on small regrtest logs in the formats regrtest writes (progress lines
# with and without -j's time and load, the summary's lists): a test that
# passes interpreted and not compiled is a regression unless listed as
# known; other differences are reported and not counted.
#
# Run by the TAP driver as `sh whole_compare.sh` with PYAOT, PYTHON and
# PYAOT_SRCDIR in the environment (see errors.sh).

set -u

. "$(dirname "$0")/taplib.sh"

COMPARE=$PYAOT_SRCDIR/tests/conformance/whole_compare.py

# log FILE OUTCOME-OF-test_b OUTCOME-OF-test_c: a -j run of four tests
# in which test_a passes and test_d is skipped.
log() {
    {
        echo "0:00:00 load avg: 1.50 Run 4 tests in parallel using 2 worker processes"
        echo "0:00:01 load avg: 1.50 [1/4] test_a passed"
        echo "0:00:02 load avg: 1.50 [2/4] test_b $2"
        echo "0:00:03 load avg: 1.50 [3/4/1] test_c $3 -- running (1): test_d (30 sec)"
        echo "0:00:04 load avg: 1.50 [4/4/1] test_d skipped"
        echo
        echo "== Tests result: FAILURE =="
        echo
        passed=1
        failed=""
        for t in "test_b $2" "test_c $3"; do
            case $t in
            *passed) passed=$((passed + 1)) ;;
            *) failed="$failed ${t%% *}" ;;
            esac
        done
        echo "$passed tests OK."
        if [ -n "$failed" ]; then
            echo
            echo "$(echo $failed | wc -w) tests failed:"
            echo "   $failed"
        fi
        echo
        echo "1 test skipped:"
        echo "    test_d"
    } >"$1"
}

compare() {
    last_cmd="whole_compare.py $*"
    "$PYTHON" "$COMPARE" "$@" >"$OUT" 2>"$ERR"
    rc=$?
}
out_has() { grep -qF -e "$1" "$OUT"; }

log "$T/same" passed passed
compare "$T/same" "$T/same"
check "equal logs: no difference, exit 0" status_is 0
check "the counts come from progress lines and lists" \
    out_has "interpreted: 3 passed, 1 skipped"

log "$T/interp" passed "failed (2 failures)"
log "$T/compiled" failed "failed (2 failures)"
compare "$T/interp" "$T/compiled"
check "a test that passes only interpreted fails the comparison" status_is 1
check "and is named as a regression" out_has "test_b"
check "a test that fails in both is no difference" sh -c "! grep -q test_c '$OUT'"

printf '# comment\ntest_b an extension property\n' >"$T/known"
compare "$T/interp" "$T/compiled" "$T/known"
check "a known difference is reported, not counted" status_is 0
check "with its cause" out_has "known: an extension property"

compare "$T/compiled" "$T/interp"
check "passing only compiled is no regression" status_is 0

# Without -j: no time and load before the brackets.
sed 's/^0:00:0[0-9] load avg: 1.50 //' "$T/interp" >"$T/serial"
compare "$T/serial" "$T/compiled"
check "progress lines of a serial run are read too" status_is 1

echo "1..$n"
exit 0
