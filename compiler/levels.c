/* A module's code at python -O and -OO, matched against its -O0 code: a
 * code object the optimisation level leaves as it is (most of them: -O
 * only drops asserts, -OO docstrings too) shares the -O0 one's native
 * function, since native code reads everything else from the frame's own
 * code object. */
#include "compiler.h"
#include <marshal.h>

/* What native code depends on: the bytecode and exception table, every
 * constant but nested code objects (MAKE_FUNCTION loads those at run
 * time; float expressions read constant values when compiling), the
 * names, the frame's layout and the argument shape; and the key the
 * report shows. */
static PyObject *shape_of(PyCodeObject *co)
{
    PyObject *consts = PyTuple_New(PyTuple_GET_SIZE(co->co_consts));
    for (Py_ssize_t i = 0; consts && i < PyTuple_GET_SIZE(co->co_consts); i++) {
        PyObject *k = PyTuple_GET_ITEM(co->co_consts, i);
        PyTuple_SET_ITEM(consts, i, Py_NewRef(PyCode_Check(k) ? Py_Ellipsis : k));
    }
    /* marshal tells 0.0 from -0.0 and 1 from True, as equality does not */
    PyObject *consts_bytes =
        consts ? PyMarshal_WriteObjectToString(consts, Py_MARSHAL_VERSION)
               : NULL;
    Py_XDECREF(consts);
    PyObject *bytecode = consts_bytes ? PyCode_GetCode(co) : NULL;
    PyObject *shape = bytecode
        ? Py_BuildValue("OOOOOiiiiiiOi", bytecode, consts_bytes, co->co_names,
                        co->co_localsplusnames, co->co_exceptiontable,
                        co->co_flags, co->co_argcount, co->co_posonlyargcount,
                        co->co_kwonlyargcount, co->co_stacksize,
                        co->co_nlocalsplus, co->co_qualname,
                        co->co_firstlineno)
        : NULL;
    Py_XDECREF(bytecode);
    Py_XDECREF(consts_bytes);
    return shape;
}

int *pa_match_levels(PyObject *base, PyObject *other)
{
    Py_ssize_t nb = PyList_GET_SIZE(base), no = PyList_GET_SIZE(other);
    int *match = PyMem_Malloc((no + 1) * sizeof *match);
    PyObject *index = PyDict_New();
    int ok = match && index;
    for (Py_ssize_t i = 0; ok && i < nb; i++) {
        PyObject *shape = shape_of((PyCodeObject *)PyList_GET_ITEM(base, i));
        PyObject *at = shape ? PyLong_FromSsize_t(i) : NULL;
        ok = at && PyDict_SetDefault(index, shape, at) != NULL;
        Py_XDECREF(shape);
        Py_XDECREF(at);
    }
    for (Py_ssize_t i = 0; ok && i < no; i++) {
        PyObject *shape = shape_of((PyCodeObject *)PyList_GET_ITEM(other, i));
        PyObject *at = shape ? PyDict_GetItemWithError(index, shape) : NULL;
        ok = shape && (at || !PyErr_Occurred());
        match[i] = at ? (int)PyLong_AsSsize_t(at) : -1;
        Py_XDECREF(shape);
    }
    Py_XDECREF(index);
    if (!ok) {
        PyMem_Free(match);
        if (!PyErr_Occurred())
            PyErr_NoMemory();
        return NULL;
    }
    return match;
}
