/* The PEP 523 frame-evaluation hook: code objects with a native entry in
 * co_extra run natively, everything else goes to the chained evaluator. */
#include <stdlib.h>

#include "frame_v311.h"
#include "pyaot/native.h"

rt_shared *rt_state;

static PyObject *eval_frame(PyThreadState *ts, _PyInterpreterFrame *frame,
                            int throwflag)
{
    rt_shared *sh = rt_shared_of(ts);
    if (!sh)
        return _PyEval_EvalFrameDefault(ts, frame, throwflag);
    rt_native_fn fn = rt_native_entry(sh, frame->f_code);
    /* Tracing and profiling need the interpreter's per-line events; a
     * generator's frame moves between the two freely, since both keep a
     * suspended frame the same way. */
    if (fn && !ts->cframe->use_tracing) {
        rt_note_entry(sh, frame->f_code);
        return rt_run_native(ts, sh, frame, fn, throwflag);
    }
    return rt_run_interpreted(ts, sh, frame, throwflag);
}

/* The capsule's state, or NULL without an exception when there is none
 * yet; NULL with ImportError when it belongs to another runtime ABI. */
static rt_shared *find_shared(PyObject *dict)
{
    PyObject *cap = PyDict_GetItemString(dict, PYAOT_CAPSULE_NAME);
    if (!cap)
        return NULL;
    rt_shared *sh = PyCapsule_GetPointer(cap, PYAOT_CAPSULE_NAME);
    if (sh && sh->abi != PYAOT_RUNTIME_ABI) {
        PyErr_Format(PyExc_ImportError,
                     "pyaot: this module needs pyaot runtime ABI %u, but "
                     "modules compiled for ABI %u are already loaded; "
                     "compile all modules with the same pyaot",
                     (unsigned)PYAOT_RUNTIME_ABI, sh->abi);
        return NULL;
    }
    return sh;
}

rt_shared *rt_shared_of_slow(PyThreadState *ts)
{
    PyObject *dict = PyInterpreterState_GetDict(ts->interp);
    rt_shared *sh = dict ? find_shared(dict) : NULL;
    PyErr_Clear();
    /* NULL only while an interpreter is torn down (its dict is gone). */
    if (sh)
        rt_state = sh;
    return sh;
}

static Py_ssize_t new_extra_index(void)
{
    Py_ssize_t i = _PyEval_RequestCodeExtraIndex(NULL);
    if (i < 0)
        PyErr_SetString(PyExc_ImportError, "pyaot: no co_extra slot left");
    return i;
}

rt_shared *rt_shared_get(void)
{
    PyInterpreterState *interp = PyInterpreterState_Get();
    PyObject *dict = PyInterpreterState_GetDict(interp);
    if (!dict) {
        PyErr_SetString(PyExc_ImportError, "pyaot: no interpreter dict");
        return NULL;
    }
    rt_shared *sh = find_shared(dict);
    if (sh || PyErr_Occurred())
        return sh ? (rt_state = sh) : NULL;

    /* Lives as long as the process: the hook may outlive every module. */
    sh = PyMem_RawCalloc(1, sizeof *sh);
    if (!sh)
        return (rt_shared *)PyErr_NoMemory();
    sh->abi = PYAOT_RUNTIME_ABI;
    sh->interp = interp;
    sh->count_index = -1;
    sh->dict_version = (UINT64_C(1) << 63) |
                       ((uint64_t)(PyInterpreterState_GetID(interp) & 0xffff) << 47);
    const char *count = getenv("PYAOT_COUNT_ENTRIES");
    if ((sh->extra_index = new_extra_index()) < 0 ||
        (sh->enter_index = new_extra_index()) < 0 ||
        (count && *count && *count != '0' &&
         (sh->count_index = new_extra_index()) < 0)) {
        PyMem_RawFree(sh);
        return NULL;
    }
    PyObject *cap = PyCapsule_New(sh, PYAOT_CAPSULE_NAME, NULL);
    if (!cap || PyDict_SetItemString(dict, PYAOT_CAPSULE_NAME, cap) < 0) {
        Py_XDECREF(cap);
        PyMem_RawFree(sh);
        return NULL;
    }
    Py_DECREF(cap);
    /* Chain whatever evaluator is there (another JIT, a debugger's). */
    if (interp->eval_frame != NULL && interp->eval_frame != eval_frame)
        sh->previous = interp->eval_frame;
    sh->evaluator = eval_frame;
    rt_state = sh;
    _PyInterpreterState_SetEvalFrameFunc(interp, eval_frame);
    return sh;
}

/* The count lives in the code object's co_extra slot as an integer. */
void rt_count_entry(rt_shared *sh, PyCodeObject *co)
{
    void *n = NULL;
    if (_PyCode_GetExtra((PyObject *)co, sh->count_index, &n) < 0 ||
        _PyCode_SetExtra((PyObject *)co, sh->count_index,
                         (void *)((uintptr_t)n + 1)) < 0)
        PyErr_Clear(); /* a count lost to a failed allocation */
}

unsigned long long rt_entry_count(rt_shared *sh, PyCodeObject *co)
{
    void *n = NULL;
    if (sh->count_index < 0 ||
        _PyCode_GetExtra((PyObject *)co, sh->count_index, &n) < 0) {
        PyErr_Clear();
        return 0;
    }
    return (uintptr_t)n;
}
