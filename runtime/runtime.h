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

#endif
