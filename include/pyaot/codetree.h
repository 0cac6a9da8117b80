/* The numbering of a module's code objects that compiler and runtime
 * share: pre-order over co_consts, the top-level code first. */
#ifndef PYAOT_CODETREE_H
#define PYAOT_CODETREE_H

#include <Python.h>

static inline int pyaot_collect_code(PyObject *co, PyObject *list)
{
    if (PyList_Append(list, co) < 0)
        return -1;
    PyObject *consts = ((PyCodeObject *)co)->co_consts;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(consts); i++) {
        PyObject *c = PyTuple_GET_ITEM(consts, i);
        if (PyCode_Check(c) && pyaot_collect_code(c, list) < 0)
            return -1;
    }
    return 0;
}

/* A new list of the code objects of the tree rooted at `top`. */
static inline PyObject *pyaot_code_list(PyObject *top)
{
    PyObject *list = PyList_New(0);
    if (list && pyaot_collect_code(top, list) < 0)
        Py_CLEAR(list);
    return list;
}

#endif
