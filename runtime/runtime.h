/* The runtime's internal interface: the shared per-interpreter state, the
 * evaluation hook and the C-stack guard (the frame discipline is
 * frame_v311.h). */
#ifndef PYAOT_RUNTIME_H
#define PYAOT_RUNTIME_H

#include <stdbool.h>
#include <stdint.h>

#include "pyaot/native.h"

typedef pyaot_native_fn *rt_native_fn;

/* Inlined into each caller whatever the compiler's size heuristics say:
 * the helpers that together are the whole of a call's path. */
#define ON_CALL_PATH static inline __attribute__((always_inline))

/* Where a thread's C stack ends, less a margin: a small table keyed by the
 * thread state's id (never reused, unlike its address), so that no
 * artifact needs a thread-local variable of its own. A thread state may
 * run on another OS thread than the one it was made on (3.11's
 * _xxsubinterpreters runs a subinterpreter's code in its first thread
 * state, from whichever thread calls it), so an entry also holds the
 * stack's bounds, and a stack address outside them finds the floor
 * again. */
enum { RT_FLOOR_SLOTS = 16 };
typedef struct rt_stack_floor {
    uint64_t thread_id; /* 0: empty (ids start at 1) */
    char *floor;        /* the lowest address calls may use */
    char *low, *high;   /* the stack's bounds */
} rt_stack_floor;

/* One per interpreter, shared by every artifact through a capsule in the
 * interpreter's dict: the first artifact loaded installs the hook. Its
 * layout is fixed by PYAOT_RUNTIME_ABI (pyaot/native.h), the first field. */
typedef struct rt_shared {
    unsigned abi;
    PyInterpreterState *interp;
    Py_ssize_t extra_index;         /* co_extra slot of native entries */
    _PyFrameEvalFunction previous;  /* the evaluator we chain to */
    _PyFrameEvalFunction evaluator; /* ours, as installed */
    unsigned long long native_calls;
    /* PYAOT_COUNT_ENTRIES set at start-up: entries counted per code object
     * in co_extra slot count_index (-1: not counting). */
    Py_ssize_t count_index;
    rt_stack_floor floors[RT_FLOOR_SLOTS];
} rt_shared;

/* The interpreter's shared state, installing the hook on first use.
 * NULL with an exception set on failure (also for another pyaot ABI). */
rt_shared *rt_shared_get(void);

/* The state of the interpreter `ts` runs in: this artifact's last one
 * when it matches (subinterpreters each have their own). */
extern rt_shared *rt_state;
rt_shared *rt_shared_of_slow(PyThreadState *ts);

static inline rt_shared *rt_shared_of(PyThreadState *ts)
{
    rt_shared *sh = rt_state;
    if (__builtin_expect(sh != NULL && sh->interp == ts->interp, 1))
        return sh;
    return rt_shared_of_slow(ts);
}

/* The native entry of `co`, or NULL. */
static inline rt_native_fn rt_native_entry(rt_shared *sh, PyCodeObject *co)
{
    typedef struct { Py_ssize_t size; void *extras[1]; } code_extra;
    code_extra *x = co->co_extra; /* private to codeobject.c in 3.11 */
    if (!x || !sh || sh->extra_index >= x->size)
        return NULL;
    return (rt_native_fn)x->extras[sh->extra_index];
}

/* Whether a call may run a native entry without the frame evaluator:
 * not while tracing, nor while another PEP 523 evaluator than ours is
 * installed (a debugger's, a profiler's), which must see every frame as
 * it would in the interpreter. */
static inline bool rt_may_skip_evaluator(rt_shared *sh, PyThreadState *ts)
{
    return !ts->cframe->use_tracing && ts->interp->eval_frame == sh->evaluator;
}

/* Counts one native entry into `co` (only when counting is on). */
void rt_count_entry(rt_shared *sh, PyCodeObject *co);

static inline void rt_note_entry(rt_shared *sh, PyCodeObject *co)
{
    sh->native_calls++;
    if (__builtin_expect(sh->count_index >= 0, 0))
        rt_count_entry(sh, co);
}

/* Native entries counted into `co` so far (0 when not counting). */
unsigned long long rt_entry_count(rt_shared *sh, PyCodeObject *co);

/* Whether the C stack of thread `ts` is nearly used up, from its floor
 * in the table (found once per thread); and the error. The GIL
 * guards the table; a thread evicted by another with the same slot only
 * pays the lookup again (cstack.c). */
void rt_find_stack_floor(rt_stack_floor *slot);
PyObject *rt_c_stack_exhausted(void);

static inline bool rt_stack_exhausted(rt_shared *sh, PyThreadState *ts)
{
    char here;
    rt_stack_floor *slot = &sh->floors[ts->id % RT_FLOOR_SLOTS];
    /* Within [low, high): one unsigned comparison. */
    if (__builtin_expect(slot->thread_id != ts->id ||
                             (uintptr_t)&here - (uintptr_t)slot->low >=
                                 (uintptr_t)slot->high - (uintptr_t)slot->low,
                         0)) {
        rt_find_stack_floor(slot);
        slot->thread_id = ts->id;
    }
    return &here < slot->floor;
}

/* -1 with TypeError when `right` is not an exception class or a tuple of
 * them (what an except clause may name), else 0 (ops_exc.c). */
int rt_check_except_type(PyThreadState *tstate, PyObject *right);

/* The vectorcall entry of functions made from code with a native entry. */
PyObject *rt_function_vectorcall(PyObject *callable, PyObject *const *args,
                                 size_t nargsf, PyObject *kwnames);

/* Calls a function with a native entry directly, with positional
 * arguments it binds without *args or **kwargs. Returns 0 when it does
 * not apply (nothing done), else 1 with *result set; the arguments may be
 * moved into the callee's frame (their array entries become NULL). */
int rt_direct_call(PyThreadState *ts, PyObject *callable, PyObject **args,
                   int nargs, PyObject **result);

/* The same with keyword arguments: `npos` positional ones, then one for
 * each name of `kwnames`. The arguments stay the caller's. */
int rt_direct_call_kw(PyThreadState *ts, PyObject *callable, PyObject **args,
                      int npos, PyObject *kwnames, PyObject **result);

/* The same for CALL_FUNCTION_EX: the positional arguments a tuple, the
 * keyword ones an exact dict or NULL; both stay the caller's. */
int rt_direct_call_ex(PyThreadState *ts, PyObject *callable, PyObject *args,
                      PyObject *kwargs, PyObject **result);

/* The same for calling a class whose __new__ is a Python function
 * (called directly, the arguments staying the caller's), or whose
 * instances object.__new__ makes and whose __init__ is a Python
 * function: the instance is allocated and __init__ run directly; `npos`
 * positional arguments, then one for each name of `kwnames` (or NULL).
 * Without keywords __init__'s arguments are moved (their entries become
 * NULL); with them they stay the caller's. */
int rt_class_call(PyThreadState *ts, PyObject *callable, PyObject **args,
                  int npos, PyObject *kwnames, PyObject **result);

/* fn(*args) for what the runtime calls itself (a property's getter, a
 * class's __getitem__): run directly when fn is a native function that
 * takes them as they are, else through vectorcall. The arguments stay
 * the caller's. */
PyObject *rt_call_args(PyThreadState *ts, PyObject *fn, PyObject **args,
                       int nargs);

#endif
