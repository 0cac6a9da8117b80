/* What the runtime's call paths share (direct_call.c, keyword_sites.c,
 * class_calls.c): binding arguments to a native function's parameters and
 * running its frame in place. Inline: it is on every call's path. */
#ifndef PYAOT_CALL_BINDING_H
#define PYAOT_CALL_BINDING_H

#include "c_calls.h"
#include "frame_v311.h"
#include "pyaot/helpers.h"

/* Call shapes that are not "run the frame with these locals": *args and
 * **kwargs take a tuple and a dict built by rt_bind_arguments. (Calling a
 * generator function runs its native code up to RETURN_GENERATOR, which
 * moves the frame into the generator it returns.) */
enum { NOT_DIRECT = CO_VARARGS | CO_VARKEYWORDS };

/* The most parameters bound here; a function with more takes the
 * interpreter's binding. */
enum { BIND_MAX = 24 };

/* The parameters rt_bind_arguments binds to the caller's references: the
 * named ones; *args and **kwargs come after them, new objects. */
static inline int named_params(PyCodeObject *co)
{
    return co->co_argcount + co->co_kwonlyargcount;
}

/* The names of keyword arguments, whose values follow the positional
 * ones: a KW_NAMES tuple's items, or the keys of CALL_FUNCTION_EX's
 * dict. */
typedef struct {
    PyObject *const *names;
    int n;
} kw_names;

static inline kw_names names_of(PyObject *kwnames)
{
    if (!kwnames)
        return (kw_names){NULL, 0};
    return (kw_names){((PyTupleObject *)kwnames)->ob_item,
                      (int)PyTuple_GET_SIZE(kwnames)};
}

/* The native entry of `func` when a call may skip vectorcall: not while
 * tracing or under another evaluator (rt_may_skip_evaluator), and only
 * for functions' frames (optimized), whose binding is done here. */
ON_CALL_PATH rt_native_fn native_callee(PyThreadState *ts, rt_shared *sh,
                                        PyCodeObject *co)
{
    rt_native_fn fn = rt_native_entry(sh, co);
    if (!fn || !rt_may_skip_evaluator(sh, ts) || !(co->co_flags & CO_OPTIMIZED))
        return NULL;
    return fn;
}

/* The code objects whose frames take positional arguments as they are:
 * optimized, without *args, **kwargs or keyword-only parameters. */
static inline bool plain_parameters(PyCodeObject *co)
{
    return (co->co_flags & (CO_OPTIMIZED | CO_VARARGS | CO_VARKEYWORDS)) ==
               CO_OPTIMIZED &&
           co->co_kwonlyargcount == 0;
}

/* Whether `nargs` positional arguments fill `func`'s parameters: no
 * more than its code's, its defaults for the rest. */
static inline bool takes_positional(PyFunctionObject *func, PyCodeObject *co,
                                    int nargs)
{
    PyObject *defaults = func->func_defaults;
    int argcount = co->co_argcount;
    return nargs <= argcount &&
           (nargs == argcount ||
            (defaults && argcount - nargs <= PyTuple_GET_SIZE(defaults)));
}

/* The native entry to run `func` with `nargs` positional arguments as
 * they are: all its parameters, or the first ones with defaults for the
 * rest. NULL when the call is not of that kind. */
ON_CALL_PATH rt_native_fn plain_target(PyThreadState *ts, rt_shared *sh,
                                       PyFunctionObject *func, int nargs)
{
    PyCodeObject *co = (PyCodeObject *)func->func_code;
    rt_native_fn fn = rt_native_entry(sh, co);
    if (!fn || !plain_parameters(co) || !takes_positional(func, co, nargs) ||
        !rt_may_skip_evaluator(sh, ts))
        return NULL;
    return fn;
}

/* The hot case of every call: a native callee given its positional
 * parameters (plain_target). Its frame is pushed, filled (the arguments
 * moved in, or new references when the caller keeps them) and run in the
 * caller's C frame record, as 3.11's interpreter runs the frames of the
 * calls it inlines. False when the call is not of that kind (nothing
 * done). */
ON_CALL_PATH bool plain_call(PyThreadState *ts, PyFunctionObject *func,
                             PyObject **args, int nargs, bool move,
                             PyObject **result)
{
    rt_shared *sh = rt_shared_of(ts);
    rt_native_fn fn = plain_target(ts, sh, func, nargs);
    _PyInterpreterFrame *frame;
    if (!fn || !(frame = rt_frame_push(ts, func)))
        return false;
    PyCodeObject *co = (PyCodeObject *)func->func_code;
    int argcount = co->co_argcount;
    PyObject **locals = frame->localsplus;
    for (int i = 0; i < nargs; i++)
        locals[i] = move ? args[i] : Py_NewRef(args[i]);
    if (nargs < argcount) {
        PyObject *defaults = func->func_defaults;
        int first_default = argcount - (int)PyTuple_GET_SIZE(defaults);
        for (int i = nargs; i < argcount; i++)
            locals[i] = Py_NewRef(PyTuple_GET_ITEM(defaults, i - first_default));
    }
    for (int i = argcount; i < co->co_nlocalsplus; i++)
        locals[i] = NULL;
    rt_note_entry(sh, co);
    *result = rt_run_native_inlined(ts, sh, frame, fn);
    rt_frame_pop(ts, frame);
    return true;
}

/* CALL of a Python function (slots as rt_call_py takes them, all
 * stolen) through its code object's call entry when it has one, else
 * rt_call_py: for the runtime's own calls of a function it holds (a
 * bound method split, a class's __init__). */
static inline PyObject *call_python(PyThreadState *ts, PyObject **base,
                                    int oparg)
{
    PyFunctionObject *func = (PyFunctionObject *)base[base[0] ? 0 : 1];
    rt_shared *sh = rt_shared_of(ts);
    pyaot_enter_fn *enter =
        sh ? rt_call_entry(sh, (PyCodeObject *)func->func_code) : NULL;
    return enter ? enter(ts, base, oparg) : rt_call_py(ts, base, oparg);
}

/* CALL of the bound method in base[1] (no LOAD_METHOD pair below it):
 * split as PRECALL_BOUND_METHOD splits it, then its function called with
 * self first, a Python function through its call entry. */
static inline PyObject *call_bound_method(PyThreadState *ts, PyObject **base,
                                          int oparg)
{
    split_bound_method(base);
    return PyFunction_Check(base[0]) ? call_python(ts, base, oparg)
                                     : rt_call_c(ts, base, oparg);
}

/* The name of the attribute of self that property getter `fget` only
 * returns (borrowed from its code), or NULL when it does anything else
 * (trivial_getters.c). */
PyObject *rt_getter_attribute(PyObject *fget);

/* object.__new__(tp) as type_call calls it, for a class whose tp_new it
 * is (class_calls.c). */
PyObject *rt_new_instance(PyTypeObject *tp);

/* The function that is a class's __new__ when it is written in Python,
 * borrowed; NULL for any other __new__ (class_calls.c). */
PyFunctionObject *rt_python_new(PyTypeObject *tp);

/* The truth of a comparison's result (stolen; NULL: -1, its error), the
 * bools without a call, as the COMPARE_OP_*_JUMP instructions take it. */
static inline int truth_taken(PyObject *res)
{
    if (!res)
        return -1;
    int truth = res == Py_True ? 1 : res == Py_False ? 0 : PyObject_IsTrue(res);
    Py_DECREF(res);
    return truth;
}

/* Which Python function a call of a heap class runs (class_calls.c). */
typedef enum {
    CLASS_OTHERWISE,        /* neither __new__ nor __init__ is one */
    CLASS_NEW,              /* its __new__ */
    CLASS_INIT,             /* its __init__, after object.__new__ */
    CLASS_INIT_AFTER_C_NEW, /* its __init__, after a C __new__ */
} class_construction;
class_construction rt_class_construction(PyTypeObject *tp,
                                         PyFunctionObject **callee);

/* What type_call does once __new__ returned `self` (stolen): tp_init run
 * when it must be, given the call's arguments (class_calls.c). */
PyObject *rt_init_after_new(PyTypeObject *tp, PyObject *self, PyObject **args,
                            int npos, PyObject *kwnames);

/* The end of a class call: __init__'s result checked, as type_call
 * checks it. */
static inline PyObject *initialized(PyObject *self, PyObject *res)
{
    if (res && res != Py_None) {
        PyErr_Format(PyExc_TypeError,
                     "__init__() should return None, not '%.200s'",
                     Py_TYPE(res)->tp_name);
        Py_CLEAR(res);
    }
    if (!res) {
        Py_DECREF(self);
        return NULL;
    }
    Py_DECREF(res);
    return self;
}

/* The parameter that keyword `name` names: its index among the named
 * parameters from `first` to `end`, or -1. */
int rt_keyword_index(PyCodeObject *co, PyObject *name, int first, int end);

/* The default of keyword-only parameter `name` (borrowed), or NULL. */
PyObject *rt_keyword_default(PyObject *kwdefaults, PyObject *name);

/* Binds positional and keyword arguments to the parameters of `func`
 * into `bound` (BIND_MAX entries); the number of slots filled, or -1 when
 * the interpreter's binding must run (and raise what it raises). */
int rt_bind_arguments(PyFunctionObject *func, PyCodeObject *co,
                      PyObject *const *args, int npos, kw_names kw,
                      PyObject **bound);

/* Runs `func` with its parameters bound (references it takes over); 0
 * when the data stack's chunk is full. */
int rt_run_bound(PyThreadState *ts, rt_shared *sh, PyFunctionObject *func,
                 rt_native_fn fn, PyObject **bound, int nparams,
                 PyObject **result);

/* Runs `func` with keyword arguments when its parameters bind here: 1
 * with *result set, else 0 (nothing done); the arguments stay the
 * caller's. */
int rt_call_with_keywords(PyThreadState *ts, rt_shared *sh,
                          PyFunctionObject *func, PyObject *const *args,
                          int npos, kw_names kw, PyObject **result);

#endif
