/* The runtime's internal interface: the shared per-interpreter state, the
 * evaluation hook, and the frame discipline around native functions. */
#ifndef PYAOT_RUNTIME_H
#define PYAOT_RUNTIME_H

#include "pyaot/pyinternal.h"

typedef PyObject *(*rt_native_fn)(PyThreadState *, _PyInterpreterFrame *);

/* One per interpreter, shared by every artifact through a capsule in the
 * interpreter's dict: the first artifact loaded installs the hook. */
typedef struct rt_shared {
    Py_ssize_t extra_index;         /* co_extra slot of native entries */
    _PyFrameEvalFunction previous;  /* the evaluator we chain to */
    unsigned long long native_calls;
} rt_shared;

/* The interpreter's shared state, installing the hook on first use.
 * NULL with an exception set on failure. */
rt_shared *rt_shared_get(void);

/* This artifact's view of the shared state (set by rt_shared_get). */
extern rt_shared *rt_state;

/* The native entry of `co`, or NULL. */
static inline rt_native_fn rt_native_entry(PyCodeObject *co)
{
    typedef struct { Py_ssize_t size; void *extras[1]; } code_extra;
    code_extra *x = co->co_extra; /* private to codeobject.c in 3.11 */
    if (!x || !rt_state || rt_state->extra_index >= x->size)
        return NULL;
    return (rt_native_fn)x->extras[rt_state->extra_index];
}

/* Runs `fn` on `frame` as _PyEval_EvalFrameDefault would: frame linked
 * into the thread's chain, recursion counted. The caller pops it. */
PyObject *rt_run_native(PyThreadState *ts, _PyInterpreterFrame *frame,
                        rt_native_fn fn);

/* Calls a function with a native entry directly, with positional
 * arguments it takes without binding work. Returns 0 when it does not
 * apply (nothing done), else 1 with *result set; the arguments are moved
 * into the callee's frame (the array entries become NULL). */
int rt_direct_call(PyThreadState *ts, PyObject *callable, PyObject **args,
                   int nargs, PyObject **result);

#endif
