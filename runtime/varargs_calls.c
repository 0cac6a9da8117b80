/* Calls of METH_VARARGS C functions, which take their arguments as a
 * tuple (re's Match.group, str.format, ...). The interpreter makes a
 * tuple for each call and frees it after; here a tuple the callee did
 * not keep (ours alone again when it returns) waits emptied for the next
 * call of as many arguments. */
#include "c_calls.h"

/* One spare tuple for each small number of arguments, untracked by the
 * collector from when it is made, so that gc.get_objects() never shows
 * one with empty items (a call's arguments the collector then counts as
 * held from outside, which can only keep them alive, and the caller
 * holds them anyway). Read and written with the GIL held; a callee that
 * releases it took the tuple out first. */
enum { SPARE_MAX_ARGS = 3 };
static PyObject *spare_tuples[SPARE_MAX_ARGS + 1];

/* A tuple for `nargs` arguments, its items to be set. */
static PyObject *args_tuple(Py_ssize_t nargs)
{
    if (nargs == 0 || nargs > SPARE_MAX_ARGS)
        return PyTuple_New(nargs);
    PyObject *tuple = spare_tuples[nargs];
    if (tuple) {
        spare_tuples[nargs] = NULL;
        return tuple;
    }
    tuple = PyTuple_New(nargs);
    if (tuple)
        PyObject_GC_UnTrack(tuple);
    return tuple;
}

/* The arguments' tuple after the call: kept for the next call when no
 * one else holds it, else given back to the collector and released. */
static void release_args_tuple(PyObject *tuple, Py_ssize_t nargs)
{
    if (nargs == 0 || nargs > SPARE_MAX_ARGS) {
        Py_DECREF(tuple);
        return;
    }
    if (Py_REFCNT(tuple) != 1) {
        /* the callee keeps it: cycles through it must be collectable */
        if (!PyObject_GC_IsTracked(tuple))
            PyObject_GC_Track(tuple);
        Py_DECREF(tuple);
        return;
    }
    /* The items released one by one, each slot emptied first: a
     * destructor may call again (and find no spare, or leave one). */
    PyObject **items = ((PyTupleObject *)tuple)->ob_item;
    for (Py_ssize_t i = 0; i < nargs; i++)
        Py_CLEAR(items[i]);
    if (spare_tuples[nargs])
        Py_DECREF(tuple);
    else
        spare_tuples[nargs] = tuple;
}

/* Out of line: it keeps the C calls' path short. */
__attribute__((noinline)) PyObject *
rt_varargs_call(PyThreadState *tstate, PyMethodDef *def, PyObject *self,
                PyObject **args, Py_ssize_t nargs)
{
    PyObject *tuple = args_tuple(nargs);
    if (!tuple)
        return NULL;
    for (Py_ssize_t i = 0; i < nargs; i++)
        PyTuple_SET_ITEM(tuple, i, Py_NewRef(args[i]));
    PyObject *res = NULL;
    if (!_Py_EnterRecursiveCallTstate(tstate, " while calling a Python object")) {
        res = def->ml_flags & METH_KEYWORDS
                  ? ((PyCFunctionWithKeywords)(void (*)(void))def->ml_meth)(
                        self, tuple, NULL)
                  : def->ml_meth(self, tuple);
        _Py_LeaveRecursiveCallTstate(tstate);
    }
    release_args_tuple(tuple, nargs);
    return res;
}
