/* Calls of classes from native code: type_call's work done directly when
 * __new__ or __init__ is a Python function (an instance allocated and
 * __init__'s frame run in place, __new__ given its arguments without a
 * tuple), so that constructing an object costs about one call. */
#include "call_binding.h"
#include "pyaot/v311/layouts.h"

/* object.__new__(tp) as type_call calls it, for a class whose tp_new it
 * is: an instance without a __dict__ (the __slots__ kind) is only
 * allocated; object_new also lays out the inline values of the others,
 * which 3.11 does not export. Abstract classes take object_new's error. */
PyObject *rt_new_instance(PyTypeObject *tp)
{
    if (tp->tp_dictoffset == 0 && !(tp->tp_flags & Py_TPFLAGS_IS_ABSTRACT))
        return tp->tp_alloc(tp, 0);
    PyObject *no_args = PyTuple_New(0);
    PyObject *self = no_args ? tp->tp_new(tp, no_args, NULL) : NULL;
    Py_XDECREF(no_args);
    return self;
}

/* A class call without keywords: the instance allocated, then __init__
 * given it and the positional arguments, which are moved (their entries
 * become NULL), as CALL gives a method its slots (call_python: __init__
 * run in place, or bound the general way). type_call's tuple of
 * arguments is skipped either way. */
static PyObject *construct(PyThreadState *ts, PyTypeObject *tp,
                           PyFunctionObject *init, PyObject **args, int npos)
{
    /* Allocating may collect garbage, which runs code: hold __init__. */
    Py_INCREF(init);
    PyObject *self = rt_new_instance(tp);
    if (!self) {
        Py_DECREF(init);
        return NULL;
    }
    PyObject *slots[BIND_MAX + 1];
    slots[0] = (PyObject *)init; /* the reference taken above */
    slots[1] = Py_NewRef(self);
    for (int i = 0; i < npos; i++) {
        slots[i + 2] = args[i];
        args[i] = NULL;
    }
    return initialized(self, call_python(ts, slots, npos));
}

/* The function that is a class's __new__ when it is written in Python
 * (a staticmethod of a function, which slot_tp_new looks up on the class
 * and calls), borrowed; NULL for any other __new__. */
PyFunctionObject *rt_python_new(PyTypeObject *tp)
{
    PyObject *descr = _PyType_Lookup(tp, &_Py_ID(__new__));
    if (!descr || !Py_IS_TYPE(descr, &PyStaticMethod_Type))
        return NULL;
    PyObject *fn = ((staticmethod_layout *)descr)->sm_callable;
    return fn && PyFunction_Check(fn) ? (PyFunctionObject *)fn : NULL;
}

/* tp_init(self, args, kwargs) as type_call calls it, the tuple and dict
 * made from the caller's arguments; steals `self`. */
PyObject *rt_init_generic(PyObject *self, PyObject **args, int npos,
                          PyObject *kwnames)
{
    PyObject *tuple = PyTuple_New(npos);
    PyObject *kwargs = kwnames ? _PyStack_AsDict(args + npos, kwnames) : NULL;
    int rc = -1;
    if (tuple && (kwargs || !kwnames)) {
        for (int i = 0; i < npos; i++)
            PyTuple_SET_ITEM(tuple, i, Py_NewRef(args[i]));
        rc = Py_TYPE(self)->tp_init(self, tuple, kwargs);
    }
    Py_XDECREF(tuple);
    Py_XDECREF(kwargs);
    if (rc < 0)
        Py_CLEAR(self);
    return self;
}

/* What type_call does once __new__ returned `self` (a new reference,
 * stolen; NULL passed on): an instance of the class is initialized by
 * its type's tp_init, unless that is object's, which then accepts the
 * arguments. */
PyObject *rt_init_after_new(PyTypeObject *tp, PyObject *self, PyObject **args,
                            int npos, PyObject *kwnames)
{
    int nargs = npos + (kwnames ? (int)PyTuple_GET_SIZE(kwnames) : 0);
    if (!self || !PyObject_TypeCheck(self, tp))
        return self;
    PyTypeObject *itp = Py_TYPE(self);
    if (!itp->tp_init ||
        (itp->tp_init == PyBaseObject_Type.tp_init &&
         (nargs == 0 || itp->tp_new != PyBaseObject_Type.tp_new)))
        return self;
    return rt_init_generic(self, args, npos, kwnames);
}

/* Which Python function a call of heap class `tp` runs, as type_call
 * would (its metaclass's call aside): its __new__ (CLASS_NEW), else its
 * __init__ after object.__new__ (CLASS_INIT) or after a C __new__
 * (CLASS_INIT_AFTER_C_NEW), borrowed in *callee; CLASS_OTHERWISE when
 * neither is a Python function. */
class_construction rt_class_construction(PyTypeObject *tp,
                                         PyFunctionObject **callee)
{
    bool object_new = tp->tp_new == PyBaseObject_Type.tp_new;
    if (!object_new && (*callee = rt_python_new(tp)))
        return CLASS_NEW;
    if (tp->tp_init == PyBaseObject_Type.tp_init)
        return CLASS_OTHERWISE;
    PyObject *init = _PyType_Lookup(tp, &_Py_ID(__init__)); /* borrowed */
    if (!init || !PyFunction_Check(init))
        return CLASS_OTHERWISE;
    *callee = (PyFunctionObject *)init;
    return object_new ? CLASS_INIT : CLASS_INIT_AFTER_C_NEW;
}

/* type_call for a class whose __new__ is a Python function: __new__
 * given the class before the arguments, directly when it is native (its
 * parameters bound here, without a tuple or dict), else through
 * vectorcall; then, when it returns an instance, the instance's tp_init
 * as type_call runs it; object's, which then accepts the arguments, is
 * skipped. The arguments stay the caller's. */
static PyObject *construct_with_new(PyThreadState *ts, rt_shared *sh,
                                    PyTypeObject *tp, PyFunctionObject *new_fn,
                                    PyObject **args, int npos,
                                    PyObject *kwnames)
{
    int nargs = npos + (kwnames ? (int)PyTuple_GET_SIZE(kwnames) : 0);
    PyObject *argv[BIND_MAX + 1];
    argv[0] = (PyObject *)tp;
    for (int i = 0; i < nargs; i++)
        argv[i + 1] = args[i];
    Py_INCREF(new_fn); /* it may replace itself on the class */
    PyObject *self;
    bool ran = kwnames ? rt_call_with_keywords(ts, sh, new_fn, argv, npos + 1,
                                            names_of(kwnames), &self)
                       : plain_call(ts, new_fn, argv, npos + 1, false, &self);
    if (!ran)
        self = PyObject_Vectorcall((PyObject *)new_fn, argv, (size_t)npos + 1,
                                   kwnames);
    Py_DECREF(new_fn);
    return rt_init_after_new(tp, self, args, npos, kwnames);
}

/* type_call for a class whose __new__ is a Python function
 * (construct_with_new), or whose instances object.__new__ makes and
 * whose __init__ is a Python function: allocate, then run __init__
 * directly (3.13's CALL_ALLOC_AND_ENTER_INIT does the same); with
 * keywords, only when __init__ has a native entry that binds them
 * here. */
int rt_class_call(PyThreadState *ts, PyObject *callable, PyObject **args,
                  int npos, PyObject *kwnames, PyObject **result)
{
    int nargs = npos + (kwnames ? (int)PyTuple_GET_SIZE(kwnames) : 0);
    /* a class whose metaclass calls it with type_call (type, ABCMeta) */
    if (!PyType_Check(callable) ||
        Py_TYPE(callable)->tp_call != PyType_Type.tp_call || nargs >= BIND_MAX)
        return 0;
    PyTypeObject *tp = (PyTypeObject *)callable;
    rt_shared *sh = rt_shared_of(ts);
    if (!(tp->tp_flags & Py_TPFLAGS_HEAPTYPE) || !sh)
        return 0;
    PyFunctionObject *func;
    switch (rt_class_construction(tp, &func)) {
    case CLASS_NEW:
        *result = construct_with_new(ts, sh, tp, func, args, npos, kwnames);
        return 1;
    case CLASS_INIT:
        break;
    default:
        return 0;
    }
    if (!kwnames) {
        *result = construct(ts, tp, func, args, npos);
        return 1;
    }
    /* With keywords, bound before the instance exists, with a stand-in
     * for self, so that a call __init__ would refuse goes to type_call
     * untouched (self must be a named parameter, put in place below). */
    PyCodeObject *co = (PyCodeObject *)func->func_code;
    rt_native_fn fn = co->co_argcount ? native_callee(ts, sh, co) : NULL;
    if (!fn)
        return 0;
    PyObject *init_args[BIND_MAX];
    init_args[0] = Py_None;
    for (int i = 0; i < nargs; i++)
        init_args[i + 1] = args[i];
    /* Binding and allocating may collect garbage, which runs code: hold
     * __init__ and its code, and run it only if that is still its code
     * (*args and **kwargs are new already). */
    Py_INCREF(func);
    Py_INCREF(co);
    PyObject *bound[BIND_MAX];
    int nparams = rt_bind_arguments(func, co, init_args, npos + 1,
                                    names_of(kwnames), bound);
    for (int i = 1; i < nparams && i < named_params(co); i++)
        Py_INCREF(bound[i]);
    PyObject *self = nparams >= 0 ? rt_new_instance(tp) : NULL;
    bool same = func->func_code == (PyObject *)co;
    PyObject *res = NULL;
    int ran = 0;
    if (self && same) {
        bound[0] = Py_NewRef(self);
        ran = rt_run_bound(ts, sh, func, fn, bound, nparams, &res);
    } else {
        for (int i = 1; i < nparams; i++)
            Py_DECREF(bound[i]);
    }
    Py_DECREF(co);
    Py_DECREF(func);
    if (nparams < 0)
        return 0;
    if (!self) {
        *result = NULL;
        return 1;
    }
    if (!ran) {
        Py_DECREF(self);
        return 0;
    }
    *result = initialized(self, res);
    return 1;
}
