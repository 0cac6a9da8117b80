/* The runtime's internal interface: the shared per-interpreter state, the
 * evaluation hook and the C-stack guard (the frame discipline is
 * frame_v311.h). */
#ifndef PYAOT_RUNTIME_H
#define PYAOT_RUNTIME_H

#include <stdbool.h>
#include <stdint.h>

#include "pyaot/native.h"
#include "pyaot/v311/layouts.h"

typedef pyaot_native_fn *rt_native_fn;

/* Inlined into each caller whatever the compiler's size heuristics say:
 * the helpers that together are the whole of a call's path. */
#define ON_CALL_PATH static inline __attribute__((always_inline))

/* The shared state and the C-stack table are part of the native
 * contract (pyaot/native.h): call entries read them. */
enum { RT_FLOOR_SLOTS = PYAOT_FLOOR_SLOTS };
typedef pyaot_stack_floor rt_stack_floor;
typedef pyaot_shared rt_shared;

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

/* What the runtime keeps in `co`'s co_extra slot `index`, or NULL. */
static inline void *rt_code_extra(PyCodeObject *co, Py_ssize_t index)
{
    code_extra_layout *x = co->co_extra;
    if (!x || index >= x->size)
        return NULL;
    return x->extras[index];
}

/* The native entry of `co`, or NULL. */
static inline rt_native_fn rt_native_entry(rt_shared *sh, PyCodeObject *co)
{
    return sh ? (rt_native_fn)rt_code_extra(co, sh->extra_index) : NULL;
}

/* The call entry of `co` (pyaot_enter_fn), or NULL. */
static inline pyaot_enter_fn *rt_call_entry(rt_shared *sh, PyCodeObject *co)
{
    return (pyaot_enter_fn *)rt_code_extra(co, sh->enter_index);
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

/* send() of `arg` (NULL: next()) to a generator or coroutine whose code
 * is native, run here as gen_send_ex2 runs it (generator_resume.c): a
 * PySendResult, *out set as PyIter_Send sets it; RT_RESUME_ELSEWHERE
 * when it is none such, or not resumable so (nothing done). */
enum { RT_RESUME_ELSEWHERE = 2 };
int rt_resume_native(PyThreadState *ts, PyObject *receiver, PyObject *arg,
                     PyObject **out);

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

/* COMPARE_OP's truth for the jump on it (1, 0, or -1 with an exception
 * set): what the sites of rt_compare_truth_cached do for the comparisons
 * they keep nothing for. */
int rt_compare_truth(PyObject *lhs, PyObject *rhs, int oparg);

/* The n stack values (NULL allowed) a helper stole, released. */
static inline void rt_decref_all(PyObject **items, Py_ssize_t n)
{
    for (Py_ssize_t i = 0; i < n; i++)
        Py_XDECREF(items[i]);
}

#endif
