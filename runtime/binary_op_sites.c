/* BINARY_OP of two instances of one class whose method for the operator
 * is a Python function (a vector's __add__, a Fraction's __mul__). For
 * two instances of one class, PyNumber_Add and the class's slot_nb_add
 * come down to looking the method up and calling it, with no reflected
 * method tried; the site keeps the function while the class keeps its
 * version tag and calls it through its call entry, as a CALL site would.
 * What that leaves out is refused when the site is filled: power (a
 * ternary operation), an in-place operator the class has a method for,
 * and classes that are sequences, whose + and * fall back to
 * concatenation and repetition. */
#include <stddef.h>

#include <opcode.h> /* NB_* operator numbers */

#include "call_binding.h"

/* The method a class defines for binary operator `base` (NB_ADD ..
 * NB_XOR, not in place), and the symbol an error names; NULL for power. */
static PyObject *method_name(int base)
{
    switch (base) {
    case NB_ADD: return &_Py_ID(__add__);
    case NB_AND: return &_Py_ID(__and__);
    case NB_FLOOR_DIVIDE: return &_Py_ID(__floordiv__);
    case NB_LSHIFT: return &_Py_ID(__lshift__);
    case NB_MATRIX_MULTIPLY: return &_Py_ID(__matmul__);
    case NB_MULTIPLY: return &_Py_ID(__mul__);
    case NB_REMAINDER: return &_Py_ID(__mod__);
    case NB_OR: return &_Py_ID(__or__);
    case NB_RSHIFT: return &_Py_ID(__rshift__);
    case NB_SUBTRACT: return &_Py_ID(__sub__);
    case NB_TRUE_DIVIDE: return &_Py_ID(__truediv__);
    case NB_XOR: return &_Py_ID(__xor__);
    default: return NULL;
    }
}

static const char *const symbols[NB_INPLACE_ADD] = {
    [NB_ADD] = "+", [NB_AND] = "&", [NB_FLOOR_DIVIDE] = "//",
    [NB_LSHIFT] = "<<", [NB_MATRIX_MULTIPLY] = "@", [NB_MULTIPLY] = "*",
    [NB_REMAINDER] = "%", [NB_OR] = "|", [NB_POWER] = "**",
    [NB_RSHIFT] = ">>", [NB_SUBTRACT] = "-", [NB_TRUE_DIVIDE] = "/",
    [NB_XOR] = "^",
};

/* The in-place slot of operator `base`, which the class must not fill
 * for its in-place form to be the plain one. */
static binaryfunc inplace_slot(PyNumberMethods *nb, int base)
{
    switch (base) {
    case NB_ADD: return nb->nb_inplace_add;
    case NB_AND: return nb->nb_inplace_and;
    case NB_FLOOR_DIVIDE: return nb->nb_inplace_floor_divide;
    case NB_LSHIFT: return nb->nb_inplace_lshift;
    case NB_MATRIX_MULTIPLY: return nb->nb_inplace_matrix_multiply;
    case NB_MULTIPLY: return nb->nb_inplace_multiply;
    case NB_REMAINDER: return nb->nb_inplace_remainder;
    case NB_OR: return nb->nb_inplace_or;
    case NB_RSHIFT: return nb->nb_inplace_rshift;
    case NB_SUBTRACT: return nb->nb_inplace_subtract;
    case NB_TRUE_DIVIDE: return nb->nb_inplace_true_divide;
    case NB_XOR: return nb->nb_inplace_xor;
    default: return NULL;
    }
}

/* The site filled for class `tp` (whose instances are both operands):
 * with the function when the operator comes down to it, else with NULL,
 * so that the class's instances go the generic way without looking
 * again. */
static void fill(PyThreadState *ts, pyaot_binop_cache *cache,
                 PyTypeObject *tp, int oparg)
{
    int base = oparg >= NB_INPLACE_ADD ? oparg - NB_INPLACE_ADD : oparg;
    PyObject *name = method_name(base);
    PySequenceMethods *sq = tp->tp_as_sequence;
    PyObject *fn = NULL;
    if (name && tp->tp_as_number &&
        !(oparg != base && inplace_slot(tp->tp_as_number, base)) &&
        !(sq && (sq->sq_concat || sq->sq_repeat || sq->sq_inplace_concat ||
                 sq->sq_inplace_repeat)))
        fn = _PyType_Lookup(tp, name); /* borrowed */
    if (!(tp->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG) ||
        !tp->tp_version_tag) {
        cache->type = NULL; /* nothing can be kept for a class without one */
        return;
    }
    rt_shared *sh = rt_shared_of(ts);
    bool python = fn && PyFunction_Check(fn);
    cache->type = tp;
    cache->version = tp->tp_version_tag;
    cache->func = python ? fn : NULL;
    cache->enter =
        python && sh
            ? rt_call_entry(sh, (PyCodeObject *)((PyFunctionObject *)fn)
                                    ->func_code)
            : NULL;
}

/* The error PyNumber_* raise when the method returned NotImplemented. */
static PyObject *unsupported(PyObject *lhs, PyObject *rhs, int oparg)
{
    bool inplace = oparg >= NB_INPLACE_ADD;
    PyErr_Format(PyExc_TypeError,
                 "unsupported operand type(s) for %s%s: '%.100s' and '%.100s'",
                 symbols[inplace ? oparg - NB_INPLACE_ADD : oparg],
                 inplace ? "=" : "", Py_TYPE(lhs)->tp_name,
                 Py_TYPE(rhs)->tp_name);
    return NULL;
}

PyObject *rt_binary_op_cached(PyObject *lhs, PyObject *rhs, int oparg,
                              void *site)
{
    pyaot_binop_cache *cache = site;
    PyTypeObject *tp = Py_TYPE(lhs);
    if (!Py_IS_TYPE(rhs, tp) || !(tp->tp_flags & Py_TPFLAGS_HEAPTYPE) ||
        oparg < 0 || oparg > NB_INPLACE_XOR)
        return rt_binary_op(lhs, rhs, oparg);
    PyThreadState *ts = _PyThreadState_GET();
    if (cache->type != (void *)tp || cache->version != tp->tp_version_tag)
        fill(ts, cache, tp, oparg);
    if (cache->type != (void *)tp || !cache->func)
        return rt_binary_op(lhs, rhs, oparg);
    PyObject *slots[3] = {Py_NewRef((PyObject *)cache->func), Py_NewRef(lhs),
                          Py_NewRef(rhs)};
    pyaot_enter_fn *enter = cache->enter;
    PyObject *res = enter ? enter(ts, slots, 1) : rt_call_py(ts, slots, 1);
    if (res != Py_NotImplemented)
        return res;
    Py_DECREF(res);
    return unsupported(lhs, rhs, oparg);
}
