/* The PEP 523 frame-evaluation hook: code objects with a native entry in
 * co_extra run natively, everything else goes to the chained evaluator. */
#include <pthread.h>

#include "runtime.h"
#include "pyaot/abi.h"

rt_shared *rt_state;

/* With a frame-evaluation hook installed, 3.11 runs every Python call on
 * the C stack, so a high recursion limit can exhaust it: stop at a margin
 * above the thread's stack end with RecursionError instead of crashing. */
enum { STACK_MARGIN = 256 * 1024 };
static _Thread_local char *stack_floor __attribute__((tls_model("initial-exec")));

static char *find_stack_floor(void)
{
    pthread_attr_t attr;
    void *addr;
    size_t size;
    char *floor = (char *)1; /* unknown: never trips */
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        /* Small thread stacks (threading.stack_size) get a quarter. */
        if (pthread_attr_getstack(&attr, &addr, &size) == 0)
            floor = (char *)addr +
                    (size / 4 < STACK_MARGIN ? size / 4 : STACK_MARGIN);
        pthread_attr_destroy(&attr);
    }
    return floor;
}

static bool stack_exhausted(void)
{
    char here;
    if (!stack_floor)
        stack_floor = find_stack_floor();
    return &here < stack_floor;
}

/* What _PyEval_EvalFrameDefault does around a frame: link it into the
 * thread's frame chain with a C-stack cframe and count recursion. The
 * caller clears and pops the frame afterwards. */
PyObject *rt_run_native(PyThreadState *ts, _PyInterpreterFrame *frame,
                        rt_native_fn fn)
{
    _PyCFrame cframe;
    _PyCFrame *prev = ts->cframe;
    cframe.use_tracing = prev->use_tracing;
    cframe.previous = prev;
    ts->cframe = &cframe;
    frame->is_entry = true;
    frame->previous = prev->current_frame;
    cframe.current_frame = frame;

    PyObject *result;
    if (_Py_EnterRecursiveCallTstate(ts, "")) {
        ts->recursion_remaining--;
        result = NULL;
    } else if (stack_exhausted()) {
        PyErr_SetString(PyExc_RecursionError,
                        "maximum recursion depth exceeded (C stack)");
        result = NULL;
    } else {
        result = fn(ts, frame);
    }
    _Py_LeaveRecursiveCallTstate(ts);
    ts->cframe = cframe.previous;
    ts->cframe->use_tracing = cframe.use_tracing;
    return result;
}

static PyObject *eval_frame(PyThreadState *ts, _PyInterpreterFrame *frame,
                            int throwflag)
{
    rt_native_fn fn = rt_native_entry(frame->f_code);
    /* Tracing and profiling need the interpreter's per-line events, and a
     * throw into a frame only happens to generators (not lowered yet). */
    if (fn && !throwflag && !ts->cframe->use_tracing) {
        rt_state->native_calls++;
        return rt_run_native(ts, frame, fn);
    }
    if (stack_exhausted()) {
        PyErr_SetString(PyExc_RecursionError,
                        "maximum recursion depth exceeded (C stack)");
        return NULL;
    }
    if (rt_state->previous)
        return rt_state->previous(ts, frame, throwflag);
    return _PyEval_EvalFrameDefault(ts, frame, throwflag);
}

rt_shared *rt_shared_get(void)
{
    PyInterpreterState *interp = PyInterpreterState_Get();
    PyObject *dict = PyInterpreterState_GetDict(interp);
    if (!dict) {
        PyErr_SetString(PyExc_ImportError, "pyaot: no interpreter dict");
        return NULL;
    }
    PyObject *cap = PyDict_GetItemString(dict, PYAOT_CAPSULE_NAME);
    if (cap)
        return rt_state = PyCapsule_GetPointer(cap, PYAOT_CAPSULE_NAME);

    /* Lives as long as the process: the hook may outlive every module. */
    rt_shared *sh = PyMem_RawCalloc(1, sizeof *sh);
    if (!sh)
        return (rt_shared *)PyErr_NoMemory();
    sh->extra_index = _PyEval_RequestCodeExtraIndex(NULL);
    if (sh->extra_index < 0) {
        PyMem_RawFree(sh);
        PyErr_SetString(PyExc_ImportError, "pyaot: no co_extra slot left");
        return NULL;
    }
    cap = PyCapsule_New(sh, PYAOT_CAPSULE_NAME, NULL);
    if (!cap || PyDict_SetItemString(dict, PYAOT_CAPSULE_NAME, cap) < 0) {
        Py_XDECREF(cap);
        PyMem_RawFree(sh);
        return NULL;
    }
    Py_DECREF(cap);
    /* Chain whatever evaluator is there (another JIT, a debugger's). */
    if (interp->eval_frame != NULL && interp->eval_frame != eval_frame)
        sh->previous = interp->eval_frame;
    rt_state = sh;
    _PyInterpreterState_SetEvalFrameFunc(interp, eval_frame);
    return sh;
}
