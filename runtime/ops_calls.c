/* Runtime helpers for calls, function and class creation, imports and
 * iteration, reproducing the interpreter's argument and import errors. */
#include "pyaot/helpers.h"
#include "call_binding.h"
#include "c_calls.h"
#include "internal/pycore_pyerrors.h"

static PyObject *co_name_at(_PyInterpreterFrame *frame, int namei)
{
    return PyTuple_GET_ITEM(frame->f_code->co_names, namei);
}

/* ---- calls ---- */

/* Rewrites the error of merging `kwargs` for a call of func into the
 * messages users see for f(**kwargs): a non-mapping (AttributeError on
 * 'keys') or a repeated keyword (KeyError carrying the bare key). */
static void kwargs_error(PyThreadState *tstate, PyObject *func,
                         PyObject *kwargs)
{
    if (_PyErr_ExceptionMatches(tstate, PyExc_AttributeError)) {
        _PyErr_Clear(tstate);
        PyObject *funcstr = _PyObject_FunctionStr(func);
        if (funcstr != NULL) {
            _PyErr_Format(tstate, PyExc_TypeError,
                          "%U argument after ** must be a mapping, not %.200s",
                          funcstr, Py_TYPE(kwargs)->tp_name);
            Py_DECREF(funcstr);
        }
        return;
    }
    if (!_PyErr_ExceptionMatches(tstate, PyExc_KeyError))
        return;
    PyObject *type, *val, *tb;
    _PyErr_Fetch(tstate, &type, &val, &tb);
    /* Only the raw (unnormalized) one-tuple the merge raises is ours. */
    if (val == NULL || !PyTuple_Check(val) || PyTuple_GET_SIZE(val) != 1) {
        _PyErr_Restore(tstate, type, val, tb);
        return;
    }
    PyObject *funcstr = _PyObject_FunctionStr(func);
    if (funcstr != NULL) {
        _PyErr_Format(tstate, PyExc_TypeError,
                      "%U got multiple values for keyword argument '%S'",
                      funcstr, PyTuple_GET_ITEM(val, 0));
        Py_DECREF(funcstr);
    }
    Py_XDECREF(type);
    Py_XDECREF(val);
    Py_XDECREF(tb);
}

/* rt_call_c for what is not a C function: a bound method split
 * (PRECALL_BOUND_METHOD: self into the spare slot before the arguments),
 * anything with a vectorcall entry through it, a Python class through
 * rt_class_call, the rest through _PyObject_MakeTpCall. */
static __attribute__((noinline)) PyObject *
call_other(PyThreadState *tstate, PyObject **base, int oparg)
{
    int is_meth = base[0] != NULL;
    PyObject *function = base[1 - is_meth];
    PyObject **args = base + 2 - is_meth;
    int nargs = oparg + is_meth;
    PyObject *res;
    if (Py_IS_TYPE(function, &PyMethod_Type) && !is_meth)
        return call_bound_method(tstate, base, oparg);
    if (!vectorcall_of(function) && PyType_Check(function) &&
        rt_class_call(tstate, function, args, nargs, NULL, &res)) {
        for (int i = 0; i < oparg + 2; i++)
            Py_XDECREF(base[i]); /* __init__'s arguments are moved */
        return res;
    }
    res = vectorcall_or_tp_call(tstate, function, args, nargs);
    release_call(base, oparg);
    return res;
}

/* CALL of anything but what generated code found to be exactly a
 * Python function (slots as rt_call takes them, all stolen): C functions
 * through their pointer (c_call), the rest in call_other. */
PyObject *rt_call_c(PyThreadState *tstate, PyObject **base, int oparg)
{
    int is_meth = base[0] != NULL;
    PyObject *res;
    if (!c_call(tstate, base[1 - is_meth], base + 2 - is_meth, oparg + is_meth,
                &res))
        return call_other(tstate, base, oparg);
    release_call(base, oparg);
    return res;
}

PyObject *rt_call(PyThreadState *tstate, PyObject **base, int oparg,
                  PyObject *kwnames)
{
    /* PRECALL's unpacking of a bound method into function and self, which
     * lets the callee take self from the argument array. */
    if (base[0] == NULL && Py_IS_TYPE(base[1], &PyMethod_Type))
        split_bound_method(base);
    int is_meth = base[0] != NULL;
    int total_args = oparg + is_meth;
    PyObject *function = is_meth ? base[0] : base[1];
    PyObject **args = base + 2 - is_meth;
    Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    PyObject *res;
    int npos = (int)(total_args - nkw);
    bool done = nkw == 0
                    ? rt_direct_call(tstate, function, args, total_args, &res) ||
                          c_call(tstate, function, args, total_args, &res)
                    : rt_direct_call_kw(tstate, function, args, npos, kwnames,
                                        &res);
    if (done || rt_class_call(tstate, function, args, npos, kwnames, &res)) {
        for (int i = 0; i < oparg + 2; i++)
            Py_XDECREF(base[i]);
        return res;
    }
    /* args[-1] is a stack slot, so the callee may borrow it. */
    res = PyObject_Vectorcall(
        function, args, (size_t)(total_args - nkw) | PY_VECTORCALL_ARGUMENTS_OFFSET,
        kwnames);
    for (int i = 0; i < oparg + 2; i++)
        Py_XDECREF(base[i]);
    return res;
}

/* A call whose callable was loaded by a builtin's name: generated code
 * may carry it out inline (enum em_known_callee); whatever it does not
 * is an ordinary call. */
PyObject *rt_call_known(PyThreadState *tstate, PyObject **base, int oparg,
                        int known)
{
    (void)known;
    return rt_call(tstate, base, oparg, NULL);
}

PyObject *rt_call_function_ex(PyThreadState *tstate, PyObject *func,
                              PyObject *callargs, PyObject *kwargs)
{
    PyObject *kwdict = NULL;
    if (kwargs != NULL) {
        if (PyDict_CheckExact(kwargs)) {
            kwdict = Py_NewRef(kwargs);
        }
        else {
            kwdict = PyDict_New();
            if (kwdict == NULL)
                return NULL;
            if (_PyDict_MergeEx(kwdict, kwargs, 2) < 0) {
                Py_DECREF(kwdict);
                kwargs_error(tstate, func, kwargs);
                return NULL;
            }
        }
    }
    PyObject *args;
    if (PyTuple_CheckExact(callargs)) {
        args = Py_NewRef(callargs);
    }
    else {
        if (Py_TYPE(callargs)->tp_iter == NULL && !PySequence_Check(callargs)) {
            /* Reached with no exception set in practice; cleared anyway so
             * that the function's name can be computed. */
            _PyErr_Clear(tstate);
            PyObject *funcstr = _PyObject_FunctionStr(func);
            if (funcstr != NULL) {
                _PyErr_Format(tstate, PyExc_TypeError,
                              "%U argument after * must be an iterable, "
                              "not %.200s",
                              funcstr, Py_TYPE(callargs)->tp_name);
                Py_DECREF(funcstr);
            }
            Py_XDECREF(kwdict);
            return NULL;
        }
        args = PySequence_Tuple(callargs);
        if (args == NULL) {
            Py_XDECREF(kwdict);
            return NULL;
        }
    }
    PyObject *res;
    if (!rt_direct_call_ex(tstate, func, args, kwdict, &res))
        res = PyObject_Call(func, args, kwdict);
    Py_DECREF(args);
    Py_XDECREF(kwdict);
    return res;
}

/* DICT_MERGE lives here because it shares the f(**kwargs) messages. */
int rt_dict_merge(PyThreadState *tstate, PyObject *func, PyObject *dict,
                  PyObject *update)
{
    if (_PyDict_MergeEx(dict, update, 2) < 0) {
        kwargs_error(tstate, func, update);
        return -1;
    }
    return 0;
}

/* ---- functions and classes ---- */

PyObject *rt_make_function(_PyInterpreterFrame *frame, PyObject **items,
                           int flags)
{
    int nextra = !!(flags & 1) + !!(flags & 2) + !!(flags & 4) + !!(flags & 8);
    PyObject *code = items[nextra];
    PyFunctionObject *func =
        (PyFunctionObject *)PyFunction_New(code, frame->f_globals);
    Py_DECREF(code);
    if (func == NULL) {
        for (int i = 0; i < nextra; i++)
            Py_DECREF(items[i]);
        return NULL;
    }
    /* Stored as the compiler built them: annotations stay a flat tuple that
     * the function turns into a dict on first access. */
    int i = 0;
    if (flags & 1)
        func->func_defaults = items[i++];
    if (flags & 2)
        func->func_kwdefaults = items[i++];
    if (flags & 4)
        func->func_annotations = items[i++];
    if (flags & 8)
        func->func_closure = items[i++];
    /* Native code is entered from C without the hook's detour (3.12
     * names this PyFunction_SetVectorcall). */
    if (rt_native_entry(rt_shared_of(PyThreadState_GET()),
                        (PyCodeObject *)func->func_code))
        func->vectorcall = rt_function_vectorcall;
    return (PyObject *)func;
}

PyObject *rt_load_build_class(PyThreadState *tstate,
                              _PyInterpreterFrame *frame)
{
    PyObject *builtins = frame->f_builtins;
    PyObject *bc;
    if (PyDict_CheckExact(builtins)) {
        bc = _PyDict_GetItemWithError(builtins, &_Py_ID(__build_class__));
        if (bc == NULL) {
            if (!_PyErr_Occurred(tstate))
                _PyErr_SetString(tstate, PyExc_NameError,
                                 "__build_class__ not found");
            return NULL;
        }
        return Py_NewRef(bc);
    }
    bc = PyObject_GetItem(builtins, &_Py_ID(__build_class__));
    if (bc == NULL && _PyErr_ExceptionMatches(tstate, PyExc_KeyError))
        _PyErr_SetString(tstate, PyExc_NameError, "__build_class__ not found");
    return bc;
}

int rt_setup_annotations(PyThreadState *tstate, _PyInterpreterFrame *frame)
{
    PyObject *locals = frame->f_locals;
    if (locals == NULL) {
        _PyErr_Format(tstate, PyExc_SystemError,
                      "no locals found when setting up annotations");
        return -1;
    }
    PyObject *key = &_Py_ID(__annotations__);
    int exact = PyDict_CheckExact(locals);
    if (exact) {
        if (_PyDict_GetItemWithError(locals, key) != NULL)
            return 0;
        if (_PyErr_Occurred(tstate))
            return -1;
    }
    else {
        PyObject *ann = PyObject_GetItem(locals, key);
        if (ann != NULL) {
            Py_DECREF(ann);
            return 0;
        }
        if (!_PyErr_ExceptionMatches(tstate, PyExc_KeyError))
            return -1;
        _PyErr_Clear(tstate);
    }
    PyObject *ann = PyDict_New();
    if (ann == NULL)
        return -1;
    int err = exact ? PyDict_SetItem(locals, key, ann)
                    : PyObject_SetItem(locals, key, ann);
    Py_DECREF(ann);
    return err != 0 ? -1 : 0;
}

int rt_print_expr(PyThreadState *tstate, PyObject *v)
{
    PyObject *hook = PySys_GetObject("displayhook");
    if (hook == NULL) {
        _PyErr_SetString(tstate, PyExc_RuntimeError, "lost sys.displayhook");
        return -1;
    }
    PyObject *res = PyObject_CallOneArg(hook, v);
    if (res == NULL)
        return -1;
    Py_DECREF(res);
    return 0;
}

/* ---- imports ---- */

PyObject *rt_import_name(PyThreadState *tstate, _PyInterpreterFrame *frame,
                         int namei, PyObject *level, PyObject *fromlist)
{
    PyObject *name = co_name_at(frame, namei);
    PyObject *import_func =
        _PyDict_GetItemWithError(frame->f_builtins, &_Py_ID(__import__));
    if (import_func == NULL) {
        if (!_PyErr_Occurred(tstate))
            _PyErr_SetString(tstate, PyExc_ImportError, "__import__ not found");
        return NULL;
    }
    PyObject *locals = frame->f_locals != NULL ? frame->f_locals : Py_None;
    /* The stock __import__ is called directly, skipping argument parsing. */
    if (import_func == tstate->interp->import_func) {
        int ilevel = _PyLong_AsInt(level);
        if (ilevel == -1 && _PyErr_Occurred(tstate))
            return NULL;
        return PyImport_ImportModuleLevelObject(name, frame->f_globals, locals,
                                                fromlist, ilevel);
    }
    /* The builtins dict only lends it; the call may replace it. */
    Py_INCREF(import_func);
    PyObject *args[5] = {name, frame->f_globals, locals, fromlist, level};
    PyObject *res = PyObject_Vectorcall(import_func, args, 5, NULL);
    Py_DECREF(import_func);
    return res;
}

/* The ImportError of `from module import name` when name is missing;
 * pkgname (stolen, may be NULL) is the module's __name__. */
static void cannot_import(PyThreadState *tstate, PyObject *module,
                          PyObject *name, PyObject *pkgname)
{
    PyObject *pkgpath = PyModule_GetFilenameObject(module);
    PyObject *shown = pkgname;
    if (shown == NULL) {
        shown = PyUnicode_FromString("<unknown module name>");
        if (shown == NULL) {
            Py_XDECREF(pkgpath);
            return;
        }
    }
    PyObject *msg;
    if (pkgpath == NULL || !PyUnicode_Check(pkgpath)) {
        _PyErr_Clear(tstate);
        msg = PyUnicode_FromFormat(
            "cannot import name %R from %R (unknown location)", name, shown);
        /* PyErr_SetImportError copes with a NULL msg or name. */
        PyErr_SetImportError(msg, pkgname, NULL);
    }
    else {
        PyObject *spec = PyObject_GetAttr(module, &_Py_ID(__spec__));
        const char *fmt = _PyModuleSpec_IsInitializing(spec)
            ? "cannot import name %R from partially initialized module %R "
              "(most likely due to a circular import) (%S)"
            : "cannot import name %R from %R (%S)";
        Py_XDECREF(spec);
        msg = PyUnicode_FromFormat(fmt, name, shown, pkgpath);
        PyErr_SetImportError(msg, pkgname, pkgpath);
    }
    Py_XDECREF(msg);
    Py_DECREF(shown);
    Py_XDECREF(pkgpath);
}

PyObject *rt_import_from(PyThreadState *tstate, _PyInterpreterFrame *frame,
                         int namei, PyObject *module)
{
    PyObject *name = co_name_at(frame, namei);
    PyObject *x;
    if (_PyObject_LookupAttr(module, name, &x) != 0)
        return x;
    /* A submodule that is still being imported (circular relative import)
     * is not an attribute yet, but is already in sys.modules. */
    PyObject *pkgname = PyObject_GetAttr(module, &_Py_ID(__name__));
    if (pkgname != NULL && !PyUnicode_Check(pkgname))
        Py_CLEAR(pkgname);
    if (pkgname == NULL) {
        cannot_import(tstate, module, name, NULL);
        return NULL;
    }
    PyObject *fullname = PyUnicode_FromFormat("%U.%U", pkgname, name);
    if (fullname == NULL) {
        Py_DECREF(pkgname);
        return NULL;
    }
    x = PyImport_GetModule(fullname);
    Py_DECREF(fullname);
    if (x == NULL && !_PyErr_Occurred(tstate)) {
        cannot_import(tstate, module, name, pkgname);
        return NULL;
    }
    Py_DECREF(pkgname);
    return x;
}

/* Copies the public names of module into locals: those in __all__, or
 * else the __dict__ keys not starting with an underscore. */
static int import_all_from(PyThreadState *tstate, PyObject *locals,
                           PyObject *module)
{
    PyObject *all;
    if (_PyObject_LookupAttr(module, &_Py_ID(__all__), &all) < 0)
        return -1;
    int from_dict = all == NULL;
    if (from_dict) {
        PyObject *dict;
        if (_PyObject_LookupAttr(module, &_Py_ID(__dict__), &dict) < 0)
            return -1;
        if (dict == NULL) {
            _PyErr_SetString(tstate, PyExc_ImportError,
                             "from-import-* object has no __dict__ and no __all__");
            return -1;
        }
        all = PyMapping_Keys(dict);
        Py_DECREF(dict);
        if (all == NULL)
            return -1;
    }

    int err = 0;
    /* Indexed until IndexError, so any sequence works as __all__. */
    for (Py_ssize_t pos = 0; err == 0; pos++) {
        PyObject *name = PySequence_GetItem(all, pos);
        if (name == NULL) {
            if (_PyErr_ExceptionMatches(tstate, PyExc_IndexError))
                _PyErr_Clear(tstate);
            else
                err = -1;
            break;
        }
        if (!PyUnicode_Check(name)) {
            PyObject *modname = PyObject_GetAttr(module, &_Py_ID(__name__));
            if (modname != NULL) {
                if (!PyUnicode_Check(modname))
                    _PyErr_Format(tstate, PyExc_TypeError,
                                  "module __name__ must be a string, not %.100s",
                                  Py_TYPE(modname)->tp_name);
                else
                    _PyErr_Format(tstate, PyExc_TypeError,
                                  "%s in %U.%s must be str, not %.100s",
                                  from_dict ? "Key" : "Item", modname,
                                  from_dict ? "__dict__" : "__all__",
                                  Py_TYPE(name)->tp_name);
                Py_DECREF(modname);
            }
            Py_DECREF(name);
            err = -1;
            break;
        }
        if (from_dict) {
            if (PyUnicode_READY(name) == -1) {
                Py_DECREF(name);
                err = -1;
                break;
            }
            if (PyUnicode_READ_CHAR(name, 0) == '_') {
                Py_DECREF(name);
                continue;
            }
        }
        PyObject *value = PyObject_GetAttr(module, name);
        if (value == NULL)
            err = -1;
        else if (PyDict_CheckExact(locals))
            err = PyDict_SetItem(locals, name, value);
        else
            err = PyObject_SetItem(locals, name, value);
        Py_DECREF(name);
        Py_XDECREF(value);
    }
    Py_DECREF(all);
    return err;
}

int rt_import_star(PyThreadState *tstate, _PyInterpreterFrame *frame,
                   PyObject *module)
{
    /* `import *` is only legal at module level, where there are no fast
     * locals to sync with the locals mapping. */
    PyObject *locals = frame->f_locals;
    if (locals == NULL) {
        _PyErr_SetString(tstate, PyExc_SystemError,
                         "no locals found during 'import *'");
        return -1;
    }
    return import_all_from(tstate, locals, module);
}

/* ---- iteration ---- */

PyObject *rt_get_iter(PyObject *obj)
{
    return PyObject_GetIter(obj);
}

int rt_for_iter(PyThreadState *tstate, PyObject *iter, PyObject **out)
{
    if (Py_IS_TYPE(iter, &PyGen_Type)) {
        int r = rt_resume_native(tstate, iter, NULL, out);
        if (r == PYGEN_RETURN)
            Py_XDECREF(*out); /* what return gives a loop is dropped */
        if (r != RT_RESUME_ELSEWHERE)
            return r == PYGEN_NEXT ? 1 : r;
    }
    PyObject *next = Py_TYPE(iter)->tp_iternext(iter);
    if (next != NULL) {
        out[0] = next;
        return 1;
    }
    if (_PyErr_Occurred(tstate)) {
        if (!_PyErr_ExceptionMatches(tstate, PyExc_StopIteration))
            return -1;
        _PyErr_Clear(tstate);
    }
    return 0;
}
