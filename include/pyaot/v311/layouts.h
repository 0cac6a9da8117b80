/* CPython 3.11 object layouts that the inline fast paths read and that
 * the interpreter's public headers do not give: structs private to its
 * .c files, and where an instance keeps its values and __dict__. */
#ifndef PYAOT_V311_LAYOUTS_H
#define PYAOT_V311_LAYOUTS_H

#include "pyaot/pyinternal.h"

/* Objects/codeobject.c: a code object's co_extra, the slots
 * _PyEval_RequestCodeExtraIndex hands out. */
typedef struct { Py_ssize_t size; void *extras[1]; } code_extra_layout;

/* Objects/rangeobject.c */
typedef struct { PyObject_HEAD long index, start, step, len; } rangeiter_layout;

/* Objects/listobject.c */
typedef struct {
    PyObject_HEAD
    Py_ssize_t it_index;
    PyListObject *it_seq;
} listiter_layout;

/* Objects/genobject.c: what an async generator yields, which its asend()
 * unwraps (ASYNC_GEN_WRAP; _PyAsyncGenValueWrapperNew is private). */
typedef struct { PyObject_HEAD PyObject *agw_val; } asyncgen_value_layout;

/* Objects/descrobject.c: a property, whose getter LOAD_ATTR calls. */
typedef struct {
    PyObject_HEAD
    PyObject *prop_get, *prop_set, *prop_del, *prop_doc, *prop_name;
    int getter_doc;
} property_layout;

/* Objects/funcobject.c: a staticmethod, the form a class's __new__
 * takes, whose function class calls call directly. */
typedef struct {
    PyObject_HEAD
    PyObject *sm_callable, *sm_dict;
} staticmethod_layout;

/* Objects/typeobject.c: super(type, obj), whose lookups walk the MRO of
 * obj_type after `type`. */
typedef struct {
    PyObject_HEAD
    PyTypeObject *type;
    PyObject *obj;
    PyTypeObject *obj_type;
} super_layout;

/* An instance of a type with managed dicts has, before its header, its
 * inline values pointer (4 words before) and its __dict__ (3 words). */
#define V311_INLINE_VALUES_OFFSET (-4 * (long)sizeof(PyObject *))
#define V311_MANAGED_DICT_OFFSET (-3 * (long)sizeof(PyObject *))

#endif
