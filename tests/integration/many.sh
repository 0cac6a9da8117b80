#!/bin/sh
# Many compiled modules in one process, as a whole compiled standard
# library or a large application has: each imports and runs natively, and
# nothing an artifact holds per module (thread-local storage, co_extra
# slots, the shared runtime state) runs out.
#
# Run by the TAP driver as `sh many.sh` with PYAOT, PYTHON and
# PYAOT_EXT_SUFFIX in the environment (see errors.sh).

set -u

. "$(dirname "$0")/taplib.sh"

COUNT=320
mkdir "$T/src"
i=0
while [ $i -lt $COUNT ]; do
    printf 'def value(n):\n    return n * %d + 1\n' $i >"$T/src/m$i.py"
    i=$((i + 1))
done

pyaot_in "$T" compile -O0 -o out src
check "$COUNT modules compile" status_is 0
check "$COUNT modules compile: every module written" eval \
    '[ "$(ls "$T/out/src" | grep -c "$EXT\$")" -eq $COUNT ]'

last_cmd="import $COUNT compiled modules in one process"
PYTHONPATH="$T/out/src" "$PYTHON" -c "
import importlib, sys
total = native = 0
for i in range($COUNT):
    m = importlib.import_module('m%d' % i)
    assert m.__file__.endswith('$EXT'), m.__file__
    total += m.value(2)
    native += m.__pyaot__['value:1'] == 'native'
print(total, native, m.__pyaot_stats__()['native_calls'] >= 2 * $COUNT)
" >"$OUT" 2>"$ERR" </dev/null
rc=$?
want="$(( COUNT * (COUNT - 1) + COUNT )) $COUNT True"
check "all $COUNT import into one process and run natively" eval \
    '[ $rc -eq 0 ] && [ "$(cat "$OUT")" = "$want" ]'

echo "1..$n"
