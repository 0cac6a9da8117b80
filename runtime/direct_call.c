/* Calls from native code into functions that have a native entry too:
 * the frame is pushed on the thread's data stack and the entry called,
 * skipping vectorcall, _PyEval_Vector and the hook, as 3.11's interpreter
 * skips them for Python-to-Python calls. */
#include <limits.h>

#include "frame_v311.h"

/* Call shapes that are not "run the frame with these locals": calling a
 * generator or coroutine function makes an object (whatever runs its
 * frame later), and *args, **kwargs and keyword-only parameters need the
 * interpreter's argument binding. */
enum {
    NOT_DIRECT = CO_VARARGS | CO_VARKEYWORDS | CO_GENERATOR | CO_COROUTINE |
                 CO_ASYNC_GENERATOR | CO_ITERABLE_COROUTINE
};

/* direct_target and enter are inlined into each caller: together they
 * are the whole of a call's path. */
#define ON_CALL_PATH static inline __attribute__((always_inline))

/* The native entry to run `func` with `nargs` positional arguments
 * directly, or NULL when that call needs the interpreter's binding. */
ON_CALL_PATH rt_native_fn direct_target(PyThreadState *ts, rt_shared *sh,
                                        PyFunctionObject *func, int nargs)
{
    PyCodeObject *co = (PyCodeObject *)func->func_code;
    rt_native_fn fn = rt_native_entry(sh, co);
    if (!fn || ts->cframe->use_tracing || (co->co_flags & NOT_DIRECT) ||
        !(co->co_flags & CO_OPTIMIZED) || co->co_kwonlyargcount)
        return NULL;
    PyObject *defaults = func->func_defaults;
    int ndefaults = defaults ? (int)PyTuple_GET_SIZE(defaults) : 0;
    if (nargs > co->co_argcount || nargs < co->co_argcount - ndefaults)
        return NULL;
    return fn;
}

/* Pushes the frame, moves the arguments in (or copies them, when the
 * caller keeps its references), runs it, pops it. 0 when the data
 * stack's chunk is full (nothing done). */
ON_CALL_PATH int enter_with(PyThreadState *ts, rt_shared *sh,
                            PyFunctionObject *func, rt_native_fn fn,
                            PyObject **args, int nargs, PyObject **result,
                            bool move)
{
    PyCodeObject *co = (PyCodeObject *)func->func_code;
    _PyInterpreterFrame *frame = rt_frame_push(ts, func);
    if (!frame)
        return 0;
    int argcount = co->co_argcount;
    PyObject *defaults = func->func_defaults;
    int first_default = defaults ? argcount - (int)PyTuple_GET_SIZE(defaults)
                                 : argcount;
    PyObject **locals = frame->localsplus;
    for (int i = 0; i < nargs; i++) {
        if (move) {
            locals[i] = args[i];
            args[i] = NULL;
        } else {
            locals[i] = Py_NewRef(args[i]);
        }
    }
    for (int i = nargs; i < argcount; i++)
        locals[i] = Py_NewRef(PyTuple_GET_ITEM(defaults, i - first_default));
    for (int i = argcount; i < co->co_nlocalsplus; i++)
        locals[i] = NULL;
    rt_note_entry(sh, co);
    *result = rt_run_native(ts, sh, frame, fn);
    rt_frame_pop(ts, frame);
    return 1;
}

ON_CALL_PATH int enter(PyThreadState *ts, rt_shared *sh,
                       PyFunctionObject *func, rt_native_fn fn,
                       PyObject **args, int nargs, PyObject **result)
{
    return enter_with(ts, sh, func, fn, args, nargs, result, true);
}

/* The vectorcall entry MAKE_FUNCTION gives functions whose code has a
 * native entry: callers in C (and the interpreter, which calls through
 * it while a frame-evaluation hook is set) reach the native code without
 * _PyEval_Vector's general binding and the hook. */
PyObject *rt_function_vectorcall(PyObject *callable, PyObject *const *args,
                                 size_t nargsf, PyObject *kwnames)
{
    PyFunctionObject *func = (PyFunctionObject *)callable;
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    PyThreadState *ts = PyThreadState_GET();
    rt_shared *sh = rt_shared_of(ts);
    rt_native_fn fn;
    PyObject *res;
    if (!kwnames && sh && nargs <= INT_MAX &&
        (fn = direct_target(ts, sh, func, (int)nargs)) &&
        enter_with(ts, sh, func, fn, (PyObject **)args, (int)nargs, &res,
                   false))
        return res;
    return _PyFunction_Vectorcall(callable, args, nargsf, kwnames);
}

int rt_direct_call(PyThreadState *ts, PyObject *callable, PyObject **args,
                   int nargs, PyObject **result)
{
    if (!PyFunction_Check(callable))
        return 0;
    PyFunctionObject *func = (PyFunctionObject *)callable;
    rt_shared *sh = rt_shared_of(ts);
    rt_native_fn fn = sh ? direct_target(ts, sh, func, nargs) : NULL;
    return fn ? enter(ts, sh, func, fn, args, nargs, result) : 0;
}

/* CALL of what generated code found to be exactly a Python function
 * (slots as rt_call takes them, all stolen): run directly when it has a
 * native entry that takes these arguments as they are, else through
 * vectorcall (the interpreter's binding, or the hook). */
PyObject *rt_call_py(PyThreadState *ts, PyObject **base, int oparg)
{
    int is_meth = base[0] != NULL;
    PyFunctionObject *func = (PyFunctionObject *)base[1 - is_meth];
    PyObject **args = base + 2 - is_meth;
    int nargs = oparg + is_meth;
    rt_shared *sh = rt_shared_of(ts);
    rt_native_fn fn = sh ? direct_target(ts, sh, func, nargs) : NULL;
    PyObject *res;
    if (!fn || !enter(ts, sh, func, fn, args, nargs, &res))
        res = PyObject_Vectorcall((PyObject *)func, args,
                                  (size_t)nargs | PY_VECTORCALL_ARGUMENTS_OFFSET,
                                  NULL);
    for (int i = 0; i < oparg + 2; i++)
        Py_XDECREF(base[i]);
    return res;
}

enum { CLASS_CALL_MAX_ARGS = 8 };

/* type_call for a class whose instances object.__new__ makes and whose
 * __init__ is a Python function with a native entry: allocate, then run
 * __init__ directly (3.13's CALL_ALLOC_AND_ENTER_INIT does the same). */
int rt_class_call(PyThreadState *ts, PyObject *callable, PyObject **args,
                  int nargs, PyObject **result)
{
    if (!PyType_Check(callable) || Py_TYPE(callable) != &PyType_Type ||
        nargs >= CLASS_CALL_MAX_ARGS)
        return 0;
    PyTypeObject *tp = (PyTypeObject *)callable;
    if (!(tp->tp_flags & Py_TPFLAGS_HEAPTYPE) ||
        tp->tp_new != PyBaseObject_Type.tp_new ||
        tp->tp_init == PyBaseObject_Type.tp_init)
        return 0;
    PyObject *init = _PyType_Lookup(tp, &_Py_ID(__init__)); /* borrowed */
    rt_shared *sh = rt_shared_of(ts);
    if (!sh || !init || !PyFunction_Check(init))
        return 0;
    PyFunctionObject *func = (PyFunctionObject *)init;
    rt_native_fn fn = direct_target(ts, sh, func, nargs + 1);
    if (!fn)
        return 0;
    /* object.__new__ itself, as type_call calls it (it also lays out the
     * instance's inline values and refuses abstract classes); allocating
     * may collect garbage, running code, hence the reference. */
    Py_INCREF(func);
    PyObject *no_args = PyTuple_New(0);
    PyObject *self = no_args ? tp->tp_new(tp, no_args, NULL) : NULL;
    Py_XDECREF(no_args);
    if (!self) {
        Py_DECREF(func);
        *result = NULL;
        return 1;
    }
    PyObject *init_args[CLASS_CALL_MAX_ARGS];
    init_args[0] = Py_NewRef(self);
    for (int i = 0; i < nargs; i++)
        init_args[i + 1] = Py_NewRef(args[i]);
    PyObject *res;
    int ran = enter(ts, sh, func, fn, init_args, nargs + 1, &res);
    Py_DECREF(func);
    if (!ran) {
        for (int i = 0; i <= nargs; i++)
            Py_DECREF(init_args[i]);
        Py_DECREF(self);
        return 0;
    }
    if (res && res != Py_None) {
        PyErr_Format(PyExc_TypeError,
                     "__init__() should return None, not '%.200s'",
                     Py_TYPE(res)->tp_name);
        Py_CLEAR(res);
    }
    if (!res)
        Py_CLEAR(self);
    else
        Py_DECREF(res);
    *result = self;
    return 1;
}
