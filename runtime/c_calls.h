/* Calls of C callables the way 3.11's specialised PRECALLs make them,
 * shared by rt_call_c (ops_calls.c) and the call sites that remember the
 * kind of C callable they call (c_call_sites.c). Inline: it is on every
 * such call's path. */
#ifndef PYAOT_C_CALLS_H
#define PYAOT_C_CALLS_H

#include "runtime.h"

/* A METH_VARARGS C function given its arguments as a tuple (and no
 * keywords), the recursion depth counted as _PyObject_MakeTpCall counts
 * it. */
PyObject *rt_varargs_call(PyThreadState *tstate, PyMethodDef *def,
                          PyObject *self, PyObject **args, Py_ssize_t nargs);

/* CALL of anything but a Python function (slots as rt_call takes them,
 * all stolen): C functions through their pointer (c_call), the rest the
 * general way (ops_calls.c). */
PyObject *rt_call_c(PyThreadState *tstate, PyObject **base, int oparg);

/* The vectorcall entry of `callable`, or NULL (PyVectorcall_Function,
 * which 3.11 does not inline). Python classes have none in 3.11. */
ON_CALL_PATH vectorcallfunc vectorcall_of(PyObject *callable)
{
    PyTypeObject *tp = Py_TYPE(callable);
    if (!PyType_HasFeature(tp, Py_TPFLAGS_HAVE_VECTORCALL))
        return NULL;
    return *(vectorcallfunc *)((char *)callable + tp->tp_vectorcall_offset);
}

/* A call of `callable` without keywords as PyObject_Vectorcall makes it:
 * through its vectorcall entry, else tp_call (args[-1] is a stack slot
 * the callee may borrow). */
ON_CALL_PATH PyObject *vectorcall_or_tp_call(PyThreadState *tstate,
                                             PyObject *callable,
                                             PyObject **args, int nargs)
{
    vectorcallfunc vc = vectorcall_of(callable);
    return vc ? vc(callable, args,
                   (size_t)nargs | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL)
              : _PyObject_MakeTpCall(tstate, callable, args, nargs, NULL);
}

/* PRECALL_BOUND_METHOD: the bound method in base[1] (no LOAD_METHOD pair
 * below it) split into its function, in base[0], and self in its place,
 * so that the function takes self from the argument array. */
ON_CALL_PATH void split_bound_method(PyObject **base)
{
    PyObject *bound = base[1];
    base[0] = Py_NewRef(PyMethod_GET_FUNCTION(bound));
    base[1] = Py_NewRef(PyMethod_GET_SELF(bound));
    Py_DECREF(bound);
}

/* list.append(item) as 3.11's _PyList_AppendTakeRef does it (private):
 * into the spare capacity when there is some. */
ON_CALL_PATH int list_append(PyObject *list, PyObject *item)
{
    PyListObject *l = (PyListObject *)list;
    Py_ssize_t n = Py_SIZE(l);
    if (l->allocated > n) {
        PyList_SET_ITEM(l, n, Py_NewRef(item));
        Py_SET_SIZE(l, n + 1);
        return 0;
    }
    return PyList_Append(list, item);
}

/* A METH_O or METH_NOARGS C function called through its pointer: these
 * count a recursion level, as the interpreter's calls of them do. */
ON_CALL_PATH PyObject *counted_call(PyThreadState *tstate, PyCFunction cfunc,
                                    PyObject *self, PyObject *arg)
{
    if (_Py_EnterRecursiveCallTstate(tstate, " while calling a Python object"))
        return NULL;
    PyObject *res = cfunc(self, arg);
    _Py_LeaveRecursiveCallTstate(tstate);
    return res;
}

/* len(o), isinstance(o, cls) and list.append(item) as their specialised
 * PRECALLs compute them. */
/* len(o): the sizes of exact lists, tuples, strs and dicts read where
 * their length slots read them (3.11's PRECALL_NO_KW_LEN calls
 * PyObject_Length for all), the int from the cache of small ones when it
 * is one (rt_long_from_i64). */
ON_CALL_PATH PyObject *len_of(PyObject *o)
{
    PyTypeObject *tp = Py_TYPE(o);
    Py_ssize_t n;
    if (tp == &PyList_Type || tp == &PyTuple_Type)
        n = Py_SIZE(o);
    else if (tp == &PyUnicode_Type && PyUnicode_IS_READY(o))
        n = PyUnicode_GET_LENGTH(o);
    else if (tp == &PyDict_Type)
        n = ((PyDictObject *)o)->ma_used;
    else if ((n = PyObject_Length(o)) < 0)
        return NULL;
    return rt_long_from_i64(n);
}

ON_CALL_PATH PyObject *isinstance_of(PyObject *o, PyObject *cls)
{
    int r = PyObject_IsInstance(o, cls);
    return r < 0 ? NULL : Py_NewRef(r ? Py_True : Py_False);
}

ON_CALL_PATH PyObject *appended(PyObject *list, PyObject *item)
{
    return list_append(list, item) < 0 ? NULL : Py_NewRef(Py_None);
}

/* A C function taking METH_FASTCALL (with or without METH_KEYWORDS: no
 * keywords here), METH_O or METH_NOARGS called through its pointer, as
 * 3.11's specialised PRECALLs call it, or METH_VARARGS given a tuple.
 * The recursion depth moves as there: the O, NOARGS and VARARGS forms
 * count a level, the fast ones do not (test_support reads the depth
 * across next()). Returns 0 for other flags or a wrong count (nothing
 * done). */
ON_CALL_PATH int c_function_call(PyThreadState *tstate, PyMethodDef *def,
                                PyObject *self, PyObject **args,
                                Py_ssize_t nargs, PyObject **result)
{
    PyCFunction cfunc = def->ml_meth;
    switch (def->ml_flags) {
    case METH_FASTCALL:
        *result = ((_PyCFunctionFast)(void (*)(void))cfunc)(self, args, nargs);
        return 1;
    case METH_FASTCALL | METH_KEYWORDS:
        *result = ((_PyCFunctionFastWithKeywords)(void (*)(void))cfunc)(
            self, args, nargs, NULL);
        return 1;
    case METH_O:
    case METH_NOARGS:
        if (nargs != (def->ml_flags == METH_O))
            return 0;
        *result = counted_call(tstate, cfunc, self, nargs ? args[0] : NULL);
        return 1;
    case METH_VARARGS:
    case METH_VARARGS | METH_KEYWORDS:
        /* the tuple _PyObject_MakeTpCall makes for cfunction_call
         * (object.__new__(cls) is one of these) */
        *result = rt_varargs_call(tstate, def, self, args, nargs);
        return 1;
    default:
        return 0;
    }
}

/* The C callables 3.11's specialised PRECALLs call without the general
 * path, by the callable's type: builtin functions (PRECALL_NO_KW_LEN and
 * _ISINSTANCE, which the interpreter keeps at hand, then
 * PRECALL_BUILTIN_FAST(_WITH_KEYWORDS), PRECALL_NO_KW_BUILTIN_O), method
 * descriptors given an instance of exactly their type
 * (PRECALL_NO_KW_LIST_APPEND, then ..._METHOD_DESCRIPTOR_FAST, _O,
 * _NOARGS) and the classes str, tuple and type given one argument
 * (PRECALL_NO_KW_STR_1, _TUPLE_1, _TYPE_1). Returns 0 when `function` is
 * none of them (nothing done). */
ON_CALL_PATH int c_call(PyThreadState *tstate, PyObject *function,
                       PyObject **args, Py_ssize_t nargs, PyObject **result)
{
    PyTypeObject *type = Py_TYPE(function);
    struct callable_cache *cache = &tstate->interp->callable_cache;
    if (type == &PyCFunction_Type) {
        if (function == cache->len && nargs == 1) {
            *result = len_of(args[0]);
            return 1;
        }
        if (function == cache->isinstance && nargs == 2) {
            *result = isinstance_of(args[0], args[1]);
            return 1;
        }
        return c_function_call(tstate, ((PyCFunctionObject *)function)->m_ml,
                               PyCFunction_GET_SELF(function), args, nargs,
                               result);
    }
    if (type == &PyMethodDescr_Type) {
        PyMethodDescrObject *descr = (PyMethodDescrObject *)function;
        if (nargs < 1 || !Py_IS_TYPE(args[0], descr->d_common.d_type))
            return 0;
        if (function == cache->list_append && nargs == 2) {
            *result = appended(args[0], args[1]);
            return 1;
        }
        return c_function_call(tstate, descr->d_method, args[0], args + 1,
                               nargs - 1, result);
    }
    if (type == &PyType_Type && nargs == 1) {
        if (function == (PyObject *)&PyType_Type) {
            *result = Py_NewRef(Py_TYPE(args[0]));
            return 1;
        }
        if (function == (PyObject *)&PyUnicode_Type) {
            *result = PyObject_Str(args[0]);
            return 1;
        }
        if (function == (PyObject *)&PyTuple_Type) {
            *result = PySequence_Tuple(args[0]);
            return 1;
        }
    }
    return 0;
}

/* The slots of a finished call released (rt_call_c's; base[0] is the
 * only one that may be NULL). */
ON_CALL_PATH void release_call(PyObject **base, int oparg)
{
    Py_XDECREF(base[0]);
    for (int i = 1; i < oparg + 2; i++)
        Py_DECREF(base[i]);
}

#endif
