#!/bin/sh
# The runtime's state is per interpreter: a compiled module imported into
# the main interpreter and into a subinterpreter runs natively in both,
# each with its own co_extra slot and counters; and an artifact of another
# runtime ABI refuses to share an interpreter with ours, cleanly.
#
# Run by the TAP driver as `sh interpreters.sh` with PYAOT, PYTHON and
# PYAOT_EXT_SUFFIX in the environment (see errors.sh).

set -u

. "$(dirname "$0")/taplib.sh"

cat >"$T/m.py" <<'PY'
def work(n):
    t = 0
    for i in range(n):
        t += i
    return t
PY
pyaot_in "$T" compile -o out m.py
check "the module compiles" status_is 0

# The main interpreter takes co_extra slot 0 for something else first, so
# pyaot's slot differs between the two interpreters.
cat >"$T/sub.py" <<'PY'
import ctypes, sys
import _xxsubinterpreters as interpreters
out = sys.argv[1]
request = ctypes.pythonapi._PyEval_RequestCodeExtraIndex
request.restype, request.argtypes = ctypes.c_ssize_t, [ctypes.c_void_p]
request(None)
sys.path.insert(0, out)
import m

def entries():
    return m.__pyaot_stats__()["entries"]["work:1"]

print(m.work(10), entries())
sub = interpreters.create()
interpreters.run_string(sub, f"""
import sys
sys.path.insert(0, {out!r})
import m
with open({out!r} + '/sub.txt', 'w') as f:
    f.write('%d %d' % (m.work(100), m.__pyaot_stats__()['entries']['work:1']))
""")
print(open(out + "/sub.txt").read())
print(m.work(10), entries())
interpreters.destroy(sub)
print(m.work(10), entries())
PY
last_cmd="PYAOT_COUNT_ENTRIES=1 python3 sub.py out"
(cd "$T" && PYAOT_COUNT_ENTRIES=1 "$PYTHON" sub.py "$T/out") \
    >"$OUT" 2>"$ERR" </dev/null
rc=$?
check "main interpreter: runs natively before the subinterpreter" \
    eval '[ $rc -eq 0 ] && [ "$(sed -n 1p "$OUT")" = "45 1" ]'
check "subinterpreter: runs natively, counted apart" \
    eval '[ "$(sed -n 2p "$OUT")" = "4950 1" ]'
check "main interpreter: still native after the subinterpreter ran" \
    eval '[ "$(sed -n 3p "$OUT")" = "45 2" ]'
check "main interpreter: still native after it was destroyed" \
    eval '[ "$(sed -n 4p "$OUT")" = "45 3" ]'

# 3.11's _xxsubinterpreters runs a subinterpreter's code in its first
# thread state from whichever OS thread calls it: the C-stack guard must
# not take the stack of the thread that made that state for this one's.
cat >"$T/threads.py" <<'PY'
import sys, threading
import _xxsubinterpreters as interpreters
sub = interpreters.create()
script = f"""
import sys
sys.path.insert(0, {sys.argv[1]!r})
import m
print(m.work(100), "__pyaot__" in vars(m), flush=True)
"""
interpreters.run_string(sub, script)
thread = threading.Thread(target=interpreters.run_string, args=(sub, script))
thread.start()
thread.join()
interpreters.run_string(sub, script)
PY
last_cmd="python3 threads.py out"
(cd "$T" && "$PYTHON" threads.py "$T/out") >"$OUT" 2>"$ERR" </dev/null
rc=$?
check "subinterpreter: natively from another thread too" \
    eval '[ $rc -eq 0 ] && [ ! -s "$ERR" ] &&
          [ "$(cat "$OUT")" = "$(printf "4950 True\n4950 True\n4950 True")" ]'

# Another pyaot's runtime state, as a capsule of the shared name holding
# another ABI number, is already in the interpreter.
cat >"$T/abi.py" <<'PY'
import ctypes, sys
api = ctypes.pythonapi
api.PyInterpreterState_Get.restype = ctypes.c_void_p
api.PyInterpreterState_GetDict.restype = ctypes.py_object
api.PyInterpreterState_GetDict.argtypes = [ctypes.c_void_p]
api.PyCapsule_New.restype = ctypes.py_object
api.PyCapsule_New.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p]
state = (ctypes.c_uint * 64)(999)
name = ctypes.c_char_p(b"pyaot.runtime")
interp_dict = api.PyInterpreterState_GetDict(api.PyInterpreterState_Get())
interp_dict["pyaot.runtime"] = api.PyCapsule_New(
    ctypes.addressof(state), name, None)
sys.path.insert(0, sys.argv[1])
try:
    import m
except ImportError as e:
    print("ImportError:", e)
else:
    print("imported", m.work(3))
PY
last_cmd="python3 abi.py out"
(cd "$T" && "$PYTHON" abi.py "$T/out") >"$OUT" 2>"$ERR" </dev/null
rc=$?
check "another runtime ABI: ImportError naming both ABIs" eval \
    '[ $rc -eq 0 ] && grep -q "^ImportError: pyaot: this module needs pyaot runtime ABI [0-9]*, but modules compiled for ABI 999 are already loaded" "$OUT"'

echo "1..$n"
