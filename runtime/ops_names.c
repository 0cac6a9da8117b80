/* Runtime helpers for name access: LOAD/STORE/DELETE_NAME and _GLOBAL,
 * cells and free variables, with the interpreter's NameError messages. */
#include "pyaot/helpers.h"
#include "internal/pycore_pyerrors.h"

#define NAME_ERROR_MSG "name '%.200s' is not defined"
#define UNBOUNDLOCAL_ERROR_MSG \
    "cannot access local variable '%s' where it is not associated with a value"
#define UNBOUNDFREE_ERROR_MSG \
    "cannot access free variable '%s' where it is not associated with a" \
    " value in enclosing scope"

static PyObject *co_name_at(_PyInterpreterFrame *frame, int namei)
{
    return PyTuple_GET_ITEM(frame->f_code->co_names, namei);
}

/* Sets exc with the name formatted in; a NameError also gets its `name`
 * attribute, which the traceback printer uses for suggestions. */
static void name_error(PyThreadState *tstate, PyObject *exc, const char *fmt,
                       PyObject *name)
{
    if (name == NULL)
        return;
    const char *utf8 = PyUnicode_AsUTF8(name);
    if (utf8 == NULL)
        return;
    _PyErr_Format(tstate, exc, fmt, utf8);
    if (exc != PyExc_NameError)
        return;
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    if (PyErr_GivenExceptionMatches(value, PyExc_NameError)
        && ((PyNameErrorObject *)value)->name == NULL) {
        /* A failure here is dropped: the NameError is restored anyway. */
        (void)PyObject_SetAttr(value, &_Py_ID(name), name);
    }
    PyErr_Restore(type, value, tb);
}

/* The error for an empty cell or cell-less free slot: locals and cells
 * owned by this code raise UnboundLocalError, free variables NameError. */
static void unbound_deref_error(PyThreadState *tstate, PyCodeObject *co,
                                int idx)
{
    if (_PyErr_Occurred(tstate))
        return;
    PyObject *name = PyTuple_GET_ITEM(co->co_localsplusnames, idx);
    if (idx < co->co_nplaincellvars + co->co_nlocals)
        name_error(tstate, PyExc_UnboundLocalError, UNBOUNDLOCAL_ERROR_MSG,
                   name);
    else
        name_error(tstate, PyExc_NameError, UNBOUNDFREE_ERROR_MSG, name);
}

/* ns[name] as a new reference; NULL without an exception when absent.
 * Exact dicts skip the KeyError round trip, as the interpreter does. */
static PyObject *ns_lookup(PyThreadState *tstate, PyObject *ns,
                           PyObject *name)
{
    if (PyDict_CheckExact(ns))
        return Py_XNewRef(PyDict_GetItemWithError(ns, name));
    PyObject *v = PyObject_GetItem(ns, name);
    if (v == NULL && _PyErr_ExceptionMatches(tstate, PyExc_KeyError))
        _PyErr_Clear(tstate);
    return v;
}

PyObject *rt_load_name(PyThreadState *tstate, _PyInterpreterFrame *frame,
                       int namei)
{
    PyObject *name = co_name_at(frame, namei);
    PyObject *locals = frame->f_locals;
    if (locals == NULL) {
        _PyErr_Format(tstate, PyExc_SystemError,
                      "no locals when loading %R", name);
        return NULL;
    }
    PyObject *v = ns_lookup(tstate, locals, name);
    if (v != NULL || _PyErr_Occurred(tstate))
        return v;
    /* Globals are read as a plain dict even for dict subclasses. */
    v = PyDict_GetItemWithError(frame->f_globals, name);
    if (v != NULL)
        return Py_NewRef(v);
    if (_PyErr_Occurred(tstate))
        return NULL;
    v = ns_lookup(tstate, frame->f_builtins, name);
    if (v == NULL && !_PyErr_Occurred(tstate))
        name_error(tstate, PyExc_NameError, NAME_ERROR_MSG, name);
    return v;
}

int rt_store_name(PyThreadState *tstate, _PyInterpreterFrame *frame,
                  int namei, PyObject *v)
{
    PyObject *name = co_name_at(frame, namei);
    PyObject *ns = frame->f_locals;
    if (ns == NULL) {
        _PyErr_Format(tstate, PyExc_SystemError,
                      "no locals found when storing %R", name);
        return -1;
    }
    if (PyDict_CheckExact(ns))
        return PyDict_SetItem(ns, name, v);
    return PyObject_SetItem(ns, name, v);
}

int rt_delete_name(PyThreadState *tstate, _PyInterpreterFrame *frame,
                   int namei)
{
    PyObject *name = co_name_at(frame, namei);
    PyObject *ns = frame->f_locals;
    if (ns == NULL) {
        _PyErr_Format(tstate, PyExc_SystemError,
                      "no locals when deleting %R", name);
        return -1;
    }
    if (PyObject_DelItem(ns, name) != 0) {
        /* Any failure becomes a NameError, as in the interpreter. */
        name_error(tstate, PyExc_NameError, NAME_ERROR_MSG, name);
        return -1;
    }
    return 0;
}

PyObject *rt_load_global(PyThreadState *tstate, _PyInterpreterFrame *frame,
                         int namei)
{
    PyObject *name = co_name_at(frame, namei);
    PyObject *v = ns_lookup(tstate, frame->f_globals, name);
    if (v != NULL || _PyErr_Occurred(tstate))
        return v;
    v = ns_lookup(tstate, frame->f_builtins, name);
    if (v == NULL && !_PyErr_Occurred(tstate))
        name_error(tstate, PyExc_NameError, NAME_ERROR_MSG, name);
    return v;
}

int rt_store_global(PyThreadState *tstate, _PyInterpreterFrame *frame,
                    int namei, PyObject *v)
{
    (void)tstate;
    return PyDict_SetItem(frame->f_globals, co_name_at(frame, namei), v);
}

int rt_delete_global(PyThreadState *tstate, _PyInterpreterFrame *frame,
                     int namei)
{
    PyObject *name = co_name_at(frame, namei);
    if (PyDict_DelItem(frame->f_globals, name) != 0) {
        if (_PyErr_ExceptionMatches(tstate, PyExc_KeyError))
            name_error(tstate, PyExc_NameError, NAME_ERROR_MSG, name);
        return -1;
    }
    return 0;
}

int rt_unbound_local(PyThreadState *tstate, _PyInterpreterFrame *frame,
                     int idx)
{
    name_error(tstate, PyExc_UnboundLocalError, UNBOUNDLOCAL_ERROR_MSG,
               PyTuple_GetItem(frame->f_code->co_localsplusnames, idx));
    return -1;
}

int rt_make_cell(PyThreadState *tstate, _PyInterpreterFrame *frame, int idx)
{
    (void)tstate;
    /* The slot may already hold a value: an argument, or one stored by
     * PyFrame_LocalsToFast; the cell takes it over. */
    PyObject *initial = frame->localsplus[idx];
    PyObject *cell = PyCell_New(initial);
    if (cell == NULL)
        return -1;
    frame->localsplus[idx] = cell;
    Py_XDECREF(initial);
    return 0;
}

void rt_copy_free_vars(_PyInterpreterFrame *frame, int n)
{
    PyCodeObject *co = frame->f_code;
    PyObject *closure = frame->f_func->func_closure;
    int offset = co->co_nlocals + co->co_nplaincellvars;
    for (int i = 0; i < n; i++)
        frame->localsplus[offset + i] = Py_NewRef(PyTuple_GET_ITEM(closure, i));
}

PyObject *rt_load_deref(PyThreadState *tstate, _PyInterpreterFrame *frame,
                        int idx)
{
    PyObject *value = PyCell_GET(frame->localsplus[idx]);
    if (value == NULL) {
        unbound_deref_error(tstate, frame->f_code, idx);
        return NULL;
    }
    return Py_NewRef(value);
}

PyObject *rt_load_classderef(PyThreadState *tstate,
                             _PyInterpreterFrame *frame, int idx)
{
    PyObject *name = PyTuple_GET_ITEM(frame->f_code->co_localsplusnames, idx);
    PyObject *locals = frame->f_locals;
    if (locals == NULL) {
        /* The interpreter only asserts this; fail cleanly instead. */
        _PyErr_Format(tstate, PyExc_SystemError,
                      "no locals when loading %R", name);
        return NULL;
    }
    PyObject *value = ns_lookup(tstate, locals, name);
    if (value != NULL || _PyErr_Occurred(tstate))
        return value;
    return rt_load_deref(tstate, frame, idx);
}

void rt_store_deref(_PyInterpreterFrame *frame, int idx, PyObject *v)
{
    PyObject *cell = frame->localsplus[idx];
    PyObject *old = PyCell_GET(cell);
    PyCell_SET(cell, v);
    Py_XDECREF(old);
}

int rt_delete_deref(PyThreadState *tstate, _PyInterpreterFrame *frame,
                    int idx)
{
    PyObject *cell = frame->localsplus[idx];
    PyObject *old = PyCell_GET(cell);
    if (old == NULL) {
        unbound_deref_error(tstate, frame->f_code, idx);
        return -1;
    }
    PyCell_SET(cell, NULL);
    Py_DECREF(old);
    return 0;
}
