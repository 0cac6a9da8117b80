/* Property getters that only return an attribute of self
 * (`def x(self): return self._x`), the commonest kind: a property site
 * reads that attribute itself where it is stored without running code
 * (runtime/caches.c), which is all the getter would do. */
#include "call_binding.h"
#include "opcode.h"
#include "internal/pycore_code.h" /* INLINE_CACHE_ENTRIES_LOAD_ATTR */

/* 3.11's bytecode of such a getter: RESUME, LOAD_FAST 0, LOAD_ATTR with
 * its cache entries, RETURN_VALUE. */
static bool returns_attribute(const unsigned char *code, Py_ssize_t n,
                              int *namei)
{
    int caches = INLINE_CACHE_ENTRIES_LOAD_ATTR;
    if (n != 2 * (4 + caches) || code[0] != RESUME || code[1] != 0 ||
        code[2] != LOAD_FAST || code[3] != 0 || code[4] != LOAD_ATTR ||
        code[6 + 2 * caches] != RETURN_VALUE)
        return false;
    for (int i = 0; i < caches; i++)
        if (code[6 + 2 * i] != CACHE)
            return false;
    *namei = code[5];
    return true;
}

PyObject *rt_getter_attribute(PyObject *fget)
{
    if (!PyFunction_Check(fget))
        return NULL;
    PyCodeObject *co = (PyCodeObject *)((PyFunctionObject *)fget)->func_code;
    if (co->co_argcount != 1 || co->co_kwonlyargcount != 0 ||
        co->co_nlocalsplus != 1 || co->co_nfreevars != 0 ||
        (co->co_flags & (CO_VARARGS | CO_VARKEYWORDS | CO_GENERATOR |
                         CO_COROUTINE | CO_ASYNC_GENERATOR |
                         CO_ITERABLE_COROUTINE)))
        return NULL;
    PyObject *bytes = PyCode_GetCode(co); /* unquickened */
    int namei = 0;
    bool simple = bytes && PyBytes_Check(bytes) &&
                  returns_attribute((unsigned char *)PyBytes_AS_STRING(bytes),
                                    PyBytes_GET_SIZE(bytes), &namei);
    Py_XDECREF(bytes);
    PyErr_Clear();
    return simple && namei < PyTuple_GET_SIZE(co->co_names)
               ? PyTuple_GET_ITEM(co->co_names, namei)
               : NULL;
}
