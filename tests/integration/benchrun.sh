#!/bin/sh
# bench/run itself: one benchmark, one run per mode, the hook-overhead
# measurement and the JSON report, so a broken driver fails here rather
# than in a session's measurements.
#
# Run by the TAP driver as `sh benchrun.sh` with PYAOT, PYTHON,
# PYAOT_SRCDIR and PYAOT_EXT_SUFFIX in the environment (see errors.sh).

set -u

. "$(dirname "$0")/taplib.sh"

: "${PYAOT_SRCDIR:?set PYAOT_SRCDIR to the source tree}"

last_cmd="bench/run --only fib -r 1 --json report.json"
(cd "$T" && exec "$PYTHON" "$PYAOT_SRCDIR/bench/run" --pyaot "$PYAOT" \
    --python "$PYTHON" --only fib -r 1 --json report.json) \
    >"$OUT" 2>"$ERR" </dev/null
rc=$?
check "bench/run --only fib: exit status 0" status_is 0

# field PYTHON-EXPRESSION: evaluated with the report as `r`.
field() {
    "$PYTHON" -c "import json, sys; r = json.load(open(sys.argv[1])); \
print($1)" "$T/report.json" 2>&1
}
has() { [ "$(field "$1")" = "$2" ]; }

check "the report names one benchmark, fib" has \
    "[b['benchmark'] for b in r['benchmarks']]" "['fib']"
check "fib ran natively, same checksums (status ok)" has \
    "r['benchmarks'][0]['status']" "ok"
check "fib has a speedup (interpreted / compiled median)" has \
    "[abs(b['speedup'] - b['interpreted_median'] / b['compiled_median']) < 1e-9 for b in r['benchmarks']]" \
    "[True]"
check "the hook overhead was measured" has \
    "r['hook_overhead']['status']" "ok"
check "the printed table has the geometric mean" \
    grep -q "^geometric mean speedup: " "$OUT"

echo "1..$n"
