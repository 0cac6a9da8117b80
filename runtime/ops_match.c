/* Runtime helpers for `match` statements: class patterns (MATCH_CLASS),
 * mapping patterns (MATCH_KEYS) and the mapping/sequence tests. 3.11
 * keeps the interpreter's match_class and match_keys private; these give
 * the same results and errors. */
#include "pyaot/helpers.h"

/* MATCH_MAPPING and MATCH_SEQUENCE: whether the subject's type has
 * `flag` (Py_TPFLAGS_MAPPING or Py_TPFLAGS_SEQUENCE), as a bool. */
PyObject *rt_match_type(PyObject *subject, int flag)
{
    return Py_NewRef(PyType_HasFeature(Py_TYPE(subject), (unsigned long)flag)
                         ? Py_True
                         : Py_False);
}

/* One attribute a class pattern names; NULL without an error when the
 * subject lacks it. `seen` catches a name named twice. */
static PyObject *pattern_attr(PyObject *subject, PyTypeObject *type,
                              PyObject *name, PyObject *seen)
{
    int dup = PySet_Contains(seen, name);
    if (dup || (dup == 0 && PySet_Add(seen, name) < 0)) {
        if (dup > 0)
            PyErr_Format(PyExc_TypeError,
                         "%s() got multiple sub-patterns for attribute %R",
                         type->tp_name, name);
        return NULL;
    }
    PyObject *attr = PyObject_GetAttr(subject, name);
    if (!attr && PyErr_ExceptionMatches(PyExc_AttributeError))
        PyErr_Clear();
    return attr;
}

/* The names the positional sub-patterns of a class pattern stand for:
 * __match_args__, or (for the builtins that match themselves) the
 * subject, stood for by an empty tuple with *self set. */
static PyObject *positional_names(PyTypeObject *type, Py_ssize_t nargs,
                                  bool *self)
{
    *self = false;
    PyObject *names = PyObject_GetAttrString((PyObject *)type,
                                             "__match_args__");
    if (names && !PyTuple_CheckExact(names)) {
        PyErr_Format(PyExc_TypeError,
                     "%s.__match_args__ must be a tuple (got %s)",
                     type->tp_name, Py_TYPE(names)->tp_name);
        Py_CLEAR(names);
    } else if (!names && PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear();
        /* _Py_TPFLAGS_MATCH_SELF only counts without __match_args__ */
        *self = PyType_HasFeature(type, _Py_TPFLAGS_MATCH_SELF);
        names = PyTuple_New(0);
    }
    if (!names)
        return NULL;
    Py_ssize_t allowed = *self ? 1 : PyTuple_GET_SIZE(names);
    if (allowed < nargs) {
        PyErr_Format(PyExc_TypeError,
                     "%s() accepts %zd positional sub-pattern%s (%zd given)",
                     type->tp_name, allowed, allowed == 1 ? "" : "s", nargs);
        Py_CLEAR(names);
    }
    return names;
}

/* Appends the attributes that `names` (the first `n` of them) name to
 * `attrs`; -1 on an error, 0 when the subject lacks one, 1 when all were
 * there. */
static int add_attrs(PyObject *attrs, PyObject *subject, PyTypeObject *type,
                     PyObject *names, Py_ssize_t n, PyObject *seen)
{
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *name = PyTuple_GET_ITEM(names, i);
        if (!PyUnicode_CheckExact(name)) {
            PyErr_Format(PyExc_TypeError,
                         "__match_args__ elements must be strings (got %s)",
                         Py_TYPE(name)->tp_name);
            return -1;
        }
        PyObject *attr = pattern_attr(subject, type, name, seen);
        if (!attr)
            return PyErr_Occurred() ? -1 : 0;
        int rc = PyList_Append(attrs, attr);
        Py_DECREF(attr);
        if (rc < 0)
            return -1;
    }
    return 1;
}

/* MATCH_CLASS: the tuple of attributes `nargs` positional sub-patterns
 * and the keyword ones (`kwnames`) match against, or None when the
 * subject is not an instance or lacks one of them. */
PyObject *rt_match_class(PyThreadState *ts, PyObject *subject,
                         PyObject *cls, PyObject *kwnames, int nargs)
{
    (void)ts;
    if (!PyType_Check(cls)) {
        PyErr_SetString(PyExc_TypeError,
                        "called match pattern must be a type");
        return NULL;
    }
    PyTypeObject *type = (PyTypeObject *)cls;
    int is = PyObject_IsInstance(subject, cls);
    if (is <= 0)
        return is < 0 ? NULL : Py_NewRef(Py_None);
    PyObject *seen = PySet_New(NULL);
    PyObject *attrs = seen ? PyList_New(0) : NULL;
    int rc = attrs ? 1 : -1;
    if (rc > 0 && nargs > 0) {
        bool self;
        PyObject *names = positional_names(type, nargs, &self);
        if (!names)
            rc = -1;
        else if (self)
            rc = PyList_Append(attrs, subject) < 0 ? -1 : 1;
        else
            rc = add_attrs(attrs, subject, type, names, nargs, seen);
        Py_XDECREF(names);
    }
    if (rc > 0)
        rc = add_attrs(attrs, subject, type, kwnames,
                       PyTuple_GET_SIZE(kwnames), seen);
    PyObject *result = rc < 0   ? NULL
                       : rc == 0 ? Py_NewRef(Py_None)
                                 : PyList_AsTuple(attrs);
    Py_XDECREF(attrs);
    Py_XDECREF(seen);
    return result;
}

/* MATCH_KEYS: the values of `keys` in the mapping subject, looked up
 * with its get() (so that __missing__ is not called), or None when one
 * is missing. A key named twice is an error. */
PyObject *rt_match_keys(PyThreadState *ts, PyObject *map, PyObject *keys)
{
    (void)ts;
    Py_ssize_t n = PyTuple_GET_SIZE(keys);
    if (n == 0)
        return PyTuple_New(0);
    PyObject *get = PyObject_GetAttr(map, &_Py_ID(get));
    PyObject *seen = get ? PySet_New(NULL) : NULL;
    PyObject *missing = seen ? PyObject_CallNoArgs((PyObject *)&PyBaseObject_Type)
                             : NULL;
    PyObject *values = missing ? PyTuple_New(n) : NULL;
    for (Py_ssize_t i = 0; values && i < n; i++) {
        PyObject *key = PyTuple_GET_ITEM(keys, i);
        int dup = PySet_Contains(seen, key);
        if (dup || PySet_Add(seen, key) < 0) {
            if (dup > 0)
                PyErr_Format(PyExc_ValueError,
                             "mapping pattern checks duplicate key (%R)",
                             key);
            Py_CLEAR(values);
            break;
        }
        PyObject *args[] = {key, missing};
        PyObject *value = PyObject_Vectorcall(get, args, 2, NULL);
        if (!value || value == missing) {
            Py_XDECREF(value);
            Py_SETREF(values, value ? Py_NewRef(Py_None) : NULL);
            break;
        }
        PyTuple_SET_ITEM(values, i, value);
    }
    Py_XDECREF(missing);
    Py_XDECREF(seen);
    Py_XDECREF(get);
    return values;
}
