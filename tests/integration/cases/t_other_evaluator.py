# Another PEP 523 frame evaluator installed over pyaot's (as a debugger or
# a profiler installs one) sees every Python frame, as it does over the
# interpreter: calls from native code defer to it. CPython's own recorder
# (test_capi's Test_Pep523API) lists the frames it evaluates; the previous
# evaluator (pyaot's, or none) is put back afterwards through the C API.
import ctypes

try:
    import _testinternalcapi
except ImportError:
    _testinternalcapi = None

api = ctypes.pythonapi
api.PyInterpreterState_Get.restype = ctypes.c_void_p
api._PyInterpreterState_GetEvalFrameFunc.restype = ctypes.c_void_p
api._PyInterpreterState_GetEvalFrameFunc.argtypes = [ctypes.c_void_p]
api._PyInterpreterState_SetEvalFrameFunc.argtypes = [ctypes.c_void_p,
                                                      ctypes.c_void_p]


class C:
    def __getitem__(self, key):
        return key


def inner(x=42):
    return x


def outer():
    inner()
    inner(7)
    return C()[1]


def recorded(fn, rounds):
    if _testinternalcapi is None:  # not every build has it: say so
        return "no _testinternalcapi: nothing recorded"
    interp = api.PyInterpreterState_Get()
    saved = api._PyInterpreterState_GetEvalFrameFunc(interp)
    calls = []
    _testinternalcapi.set_eval_frame_record(calls)
    try:
        for _ in range(rounds):
            fn()
    finally:
        api._PyInterpreterState_SetEvalFrameFunc(interp, saved)
    return calls


for _ in range(300):  # warm: the interpreter specialises the calls
    outer()
print(recorded(outer, 3))
print(outer(), [inner(i) for i in range(3)])
