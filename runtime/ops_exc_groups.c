/* Runtime helpers for `except*`: CHECK_EG_MATCH splits the exception
 * being handled by one clause's types, PREP_RERAISE_STAR makes what the
 * clauses raised and re-raised into the one exception raised on. 3.11
 * keeps the interpreter's versions private (ceval.c, exceptions.c); these
 * give the same results and errors. */
#include "runtime.h"
#include "pyaot/helpers.h"

static bool is_group(PyObject *e)
{
    return PyObject_TypeCheck(e, (PyTypeObject *)PyExc_BaseExceptionGroup);
}

/* What an except* clause may name: exception classes, not groups. */
static int check_star_type(PyThreadState *ts, PyObject *right)
{
    if (rt_check_except_type(ts, right) < 0)
        return -1;
    bool tuple = PyTuple_Check(right);
    Py_ssize_t n = tuple ? PyTuple_GET_SIZE(right) : 1;
    for (Py_ssize_t i = 0; i < n; i++) {
        int sub = PyObject_IsSubclass(
            tuple ? PyTuple_GET_ITEM(right, i) : right,
            PyExc_BaseExceptionGroup);
        if (sub) {
            if (sub > 0)
                PyErr_SetString(PyExc_TypeError,
                                "catching ExceptionGroup with except* is "
                                "not allowed. Use except instead.");
            return -1;
        }
    }
    return 0;
}

/* The part of `exc` the types match (*match) and the rest (*rest): None
 * and None when nothing matches; a bare exception that matches is
 * wrapped in a group. */
static int split_group(PyObject *exc, PyObject *types, PyObject **match,
                       PyObject **rest)
{
    *match = *rest = NULL;
    if (!Py_IsNone(exc) && PyErr_GivenExceptionMatches(exc, types)) {
        if (is_group(exc)) {
            *match = Py_NewRef(exc);
        } else {
            PyObject *one = PyTuple_Pack(1, exc);
            *match = one ? PyObject_CallFunction(PyExc_BaseExceptionGroup,
                                                 "sO", "", one)
                         : NULL;
            Py_XDECREF(one);
        }
        *rest = Py_NewRef(Py_None);
        return *match ? 0 : -1;
    }
    if (Py_IsNone(exc) || !is_group(exc)) {
        *match = Py_NewRef(Py_None);
        *rest = Py_NewRef(Py_None);
        return 0;
    }
    PyObject *pair = PyObject_CallMethod(exc, "split", "(O)", types);
    if (!pair)
        return -1;
    *match = Py_NewRef(PyTuple_GET_ITEM(pair, 0));
    *rest = Py_NewRef(PyTuple_GET_ITEM(pair, 1));
    Py_DECREF(pair);
    return 0;
}

/* CHECK_EG_MATCH, taking both values over: out = [exc, None] when the
 * clause matches nothing, else [rest, match] with match the exception
 * being handled (sys.exc_info()). */
int rt_check_eg_match(PyThreadState *ts, PyObject *exc, PyObject *types,
                      PyObject **out)
{
    PyObject *match, *rest;
    int rc = check_star_type(ts, types) < 0 ? -1
             : split_group(exc, types, &match, &rest);
    Py_DECREF(types);
    if (rc < 0) {
        Py_DECREF(exc);
        return -1;
    }
    if (Py_IsNone(match)) {
        Py_DECREF(rest);
        out[0] = exc;
        out[1] = match;
        return 0;
    }
    out[0] = rest;
    out[1] = match;
    PyErr_SetExcInfo(NULL, Py_NewRef(match), NULL);
    Py_DECREF(exc);
    return 0;
}

/* ---- PREP_RERAISE_STAR ---- */

/* Whether a clause re-raised (part of) the original: the same traceback,
 * cause, context and notes objects. */
static bool same_metadata(PyObject *a, PyObject *b)
{
    PyBaseExceptionObject *x = (PyBaseExceptionObject *)a;
    PyBaseExceptionObject *y = (PyBaseExceptionObject *)b;
    return x->notes == y->notes && x->traceback == y->traceback &&
           x->cause == y->cause && x->context == y->context;
}

/* Adds the addresses of the leaf exceptions of `exc` to `leaves`. */
static int add_leaves(PyObject *exc, PyObject *leaves)
{
    if (!is_group(exc)) {
        PyObject *id = PyLong_FromVoidPtr(exc);
        int rc = id ? PySet_Add(leaves, id) : -1;
        Py_XDECREF(id);
        return rc;
    }
    PyObject *excs = ((PyBaseExceptionGroupObject *)exc)->excs;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(excs); i++) {
        if (Py_EnterRecursiveCall(" in except* re-raise"))
            return -1;
        int rc = add_leaves(PyTuple_GET_ITEM(excs, i), leaves);
        Py_LeaveRecursiveCall();
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* A group like `orig` (made by its derive(), with its traceback, cause,
 * context and a copy of its notes) holding `excs`. */
static PyObject *derived(PyObject *orig, PyObject *excs)
{
    PyObject *eg = PyObject_CallMethod(orig, "derive", "(O)", excs);
    if (eg && !is_group(eg)) {
        PyErr_SetString(PyExc_TypeError,
                        "derive must return an instance of "
                        "BaseExceptionGroup");
        Py_CLEAR(eg);
    }
    if (!eg)
        return NULL;
    PyObject *tb = PyException_GetTraceback(orig);
    int rc = tb ? PyException_SetTraceback(eg, tb) : 0;
    Py_XDECREF(tb);
    PyException_SetContext(eg, PyException_GetContext(orig));
    PyException_SetCause(eg, PyException_GetCause(orig));
    PyObject *notes = NULL;
    if (rc == 0 && _PyObject_LookupAttr(orig, &_Py_ID(__notes__), &notes) < 0)
        rc = -1;
    if (notes && PySequence_Check(notes)) {
        PyObject *copy = PySequence_List(notes);
        rc = copy ? PyObject_SetAttr(eg, &_Py_ID(__notes__), copy) : -1;
        Py_XDECREF(copy);
    }
    Py_XDECREF(notes);
    if (rc < 0)
        Py_CLEAR(eg);
    return eg;
}

/* The part of `exc` whose leaves are in `leaves`: the leaf itself, a
 * group derived from exc's with the parts of its members, or NULL (no
 * error set) when none is. */
static PyObject *projection(PyObject *exc, PyObject *leaves)
{
    if (!is_group(exc)) {
        PyObject *id = PyLong_FromVoidPtr(exc);
        int in = id ? PySet_Contains(leaves, id) : -1;
        Py_XDECREF(id);
        return in > 0 ? Py_NewRef(exc) : NULL;
    }
    PyObject *excs = ((PyBaseExceptionGroupObject *)exc)->excs;
    PyObject *kept = PyList_New(0);
    for (Py_ssize_t i = 0; kept && i < PyTuple_GET_SIZE(excs); i++) {
        if (Py_EnterRecursiveCall(" in except* re-raise")) {
            Py_CLEAR(kept);
            break;
        }
        PyObject *part = projection(PyTuple_GET_ITEM(excs, i), leaves);
        Py_LeaveRecursiveCall();
        if (part ? PyList_Append(kept, part) < 0 : PyErr_Occurred() != NULL)
            Py_CLEAR(kept);
        Py_XDECREF(part);
    }
    PyObject *result = kept && PyList_GET_SIZE(kept) ? derived(exc, kept)
                                                      : NULL;
    Py_XDECREF(kept);
    return result;
}

/* The original group cut down to the leaves that the clauses re-raised
 * (`reraised`), or None. */
static PyObject *reraised_part(PyObject *orig, PyObject *reraised)
{
    PyObject *leaves = PySet_New(NULL);
    for (Py_ssize_t i = 0; leaves && i < PyList_GET_SIZE(reraised); i++)
        if (add_leaves(PyList_GET_ITEM(reraised, i), leaves) < 0)
            Py_CLEAR(leaves);
    if (!leaves)
        return NULL;
    PyObject *part = projection(orig, leaves);
    Py_DECREF(leaves);
    if (!part && !PyErr_Occurred())
        part = Py_NewRef(Py_None);
    return part;
}

/* PREP_RERAISE_STAR: what the except* clauses raised (`excs`: the new
 * exceptions they raised and the parts of `orig` they re-raised or did
 * not handle) as the exception to raise on, or None. */
PyObject *rt_prep_reraise_star(PyObject *orig, PyObject *excs)
{
    Py_ssize_t n = PyList_GET_SIZE(excs);
    if (n == 0)
        return Py_NewRef(Py_None);
    if (!is_group(orig)) /* a bare exception: one clause ran */
        return Py_NewRef(PyList_GET_ITEM(excs, 0));
    PyObject *raised = PyList_New(0), *reraised = PyList_New(0);
    PyObject *result = NULL, *kept = NULL;
    for (Py_ssize_t i = 0; raised && reraised && i < n; i++) {
        PyObject *e = PyList_GET_ITEM(excs, i);
        if (!Py_IsNone(e) &&
            PyList_Append(same_metadata(e, orig) ? reraised : raised, e) < 0)
            goto done;
    }
    if (!raised || !reraised || !(kept = reraised_part(orig, reraised)))
        goto done;
    if (PyList_GET_SIZE(raised) == 0) {
        result = Py_NewRef(kept);
        goto done;
    }
    if (!Py_IsNone(kept) && PyList_Append(raised, kept) < 0)
        goto done;
    if (PyList_GET_SIZE(raised) == 1)
        result = Py_NewRef(PyList_GET_ITEM(raised, 0));
    else
        result = PyObject_CallFunction(PyExc_BaseExceptionGroup, "sO", "",
                                       raised);
done:
    Py_XDECREF(kept);
    Py_XDECREF(raised);
    Py_XDECREF(reraised);
    return result;
}
