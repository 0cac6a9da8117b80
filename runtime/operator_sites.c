/* BINARY_OP and COMPARE_OP of two instances of one class whose method
 * for the operator is a Python function (a vector's __add__, a
 * Fraction's __mul__, a Decimal's __lt__). For two instances of one
 * class, PyNumber_Add and the class's slot_nb_add come down to looking
 * the method up and calling it, with no reflected method tried first;
 * PyObject_RichCompare and slot_tp_richcompare likewise, the reflected
 * method and the default coming after NotImplemented. The site keeps
 * the function while the class keeps its version tag and calls it
 * through its call entry, as a CALL site would. What that leaves out is
 * refused when the site is filled: power (a ternary operation), an
 * in-place operator the class has a method for, and classes that are
 * sequences, whose + and * fall back to concatenation and repetition. */
#include "binary_operators.h"
#include "call_binding.h"

#define OPERATOR(nb, name, sym, field)                                          \
    [nb] = {&_Py_ID(name), sym, offsetof(PyNumberMethods, nb_##field),       \
            offsetof(PyNumberMethods, nb_inplace_##field)}

const rt_binary_operator rt_binary_operators[NB_INPLACE_ADD] = {
    OPERATOR(NB_ADD, __add__, "+", add),
    OPERATOR(NB_AND, __and__, "&", and),
    OPERATOR(NB_FLOOR_DIVIDE, __floordiv__, "//", floor_divide),
    OPERATOR(NB_LSHIFT, __lshift__, "<<", lshift),
    OPERATOR(NB_MATRIX_MULTIPLY, __matmul__, "@", matrix_multiply),
    OPERATOR(NB_MULTIPLY, __mul__, "*", multiply),
    OPERATOR(NB_REMAINDER, __mod__, "%", remainder),
    OPERATOR(NB_OR, __or__, "|", or),
    [NB_POWER] = {NULL, "**", offsetof(PyNumberMethods, nb_power),
                  offsetof(PyNumberMethods, nb_inplace_power)},
    OPERATOR(NB_RSHIFT, __rshift__, ">>", rshift),
    OPERATOR(NB_SUBTRACT, __sub__, "-", subtract),
    OPERATOR(NB_TRUE_DIVIDE, __truediv__, "/", true_divide),
    OPERATOR(NB_XOR, __xor__, "^", xor),
};

/* The site filled for class `tp` (whose instances are both operands)
 * with its method `name` when that is a Python function, else with NULL
 * (name NULL too), so that the class's instances go the generic way
 * without looking again. */
static void fill(PyThreadState *ts, pyaot_operator_cache *cache,
                 PyTypeObject *tp, PyObject *name)
{
    PyObject *fn = name ? _PyType_Lookup(tp, name) : NULL; /* borrowed */
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

/* The function the site keeps for operands `lhs` and `rhs`, filled by
 * `name_of` when the site does not know their class yet; NULL: the
 * generic path. */
static inline PyObject *
kept_method(PyThreadState *ts, pyaot_operator_cache *cache, PyObject *lhs,
            PyObject *rhs, int oparg, PyObject *(*name_of)(PyTypeObject *, int))
{
    PyTypeObject *tp = Py_TYPE(lhs);
    if (cache->type == (void *)tp && cache->version == tp->tp_version_tag)
        return Py_IS_TYPE(rhs, tp) ? cache->func : NULL;
    if (!Py_IS_TYPE(rhs, tp) || !(tp->tp_flags & Py_TPFLAGS_HEAPTYPE))
        return NULL;
    fill(ts, cache, tp, name_of(tp, oparg));
    return cache->type == (void *)tp ? cache->func : NULL;
}

/* Whether the operands may be two instances of one class (of Python). */
static inline bool one_class(PyObject *lhs, PyObject *rhs)
{
    return Py_IS_TYPE(rhs, Py_TYPE(lhs)) &&
           (Py_TYPE(lhs)->tp_flags & Py_TPFLAGS_HEAPTYPE);
}

/* The kept function called with the operands (references of its own). */
static PyObject *call_kept(PyThreadState *ts, pyaot_operator_cache *cache,
                           PyObject *fn, PyObject *lhs, PyObject *rhs)
{
    PyObject *slots[3] = {Py_NewRef(fn), Py_NewRef(lhs), Py_NewRef(rhs)};
    pyaot_enter_fn *enter = cache->enter;
    return enter ? enter(ts, slots, 1) : rt_call_py(ts, slots, 1);
}

/* ---- BINARY_OP ---- */

/* The method of `tp` that operator `oparg` between two of its instances
 * comes down to, or NULL when it comes down to more. */
static PyObject *binary_method(PyTypeObject *tp, int oparg)
{
    int base = oparg >= NB_INPLACE_ADD ? oparg - NB_INPLACE_ADD : oparg;
    PySequenceMethods *sq = tp->tp_as_sequence;
    if (!tp->tp_as_number ||
        (oparg != base &&
         rt_number_slot(tp->tp_as_number,
                        rt_binary_operators[base].inplace_slot)) ||
        (sq && (sq->sq_concat || sq->sq_repeat || sq->sq_inplace_concat ||
                sq->sq_inplace_repeat)))
        return NULL;
    return rt_binary_operators[base].method;
}

/* The error PyNumber_* raise when the method returned NotImplemented. */
static PyObject *unsupported(PyObject *lhs, PyObject *rhs, int oparg)
{
    bool inplace = oparg >= NB_INPLACE_ADD;
    PyErr_Format(PyExc_TypeError,
                 "unsupported operand type(s) for %s%s: '%.100s' and '%.100s'",
                 rt_binary_operators[inplace ? oparg - NB_INPLACE_ADD : oparg]
                     .symbol,
                 inplace ? "=" : "", Py_TYPE(lhs)->tp_name,
                 Py_TYPE(rhs)->tp_name);
    return NULL;
}

PyObject *rt_binary_op_cached(PyObject *lhs, PyObject *rhs, int oparg,
                              void *site)
{
    if (!one_class(lhs, rhs) || oparg < 0 || oparg > NB_INPLACE_XOR)
        return rt_binary_op(lhs, rhs, oparg);
    PyThreadState *ts = _PyThreadState_GET();
    PyObject *fn = kept_method(ts, site, lhs, rhs, oparg, binary_method);
    if (!fn)
        return rt_binary_op(lhs, rhs, oparg);
    PyObject *res = call_kept(ts, site, fn, lhs, rhs);
    if (res != Py_NotImplemented)
        return res;
    Py_DECREF(res);
    return unsupported(lhs, rhs, oparg);
}

/* ---- COMPARE_OP ---- */

static PyObject *compare_method(PyTypeObject *tp, int op)
{
    (void)tp;
    switch (op) {
    case Py_LT: return &_Py_ID(__lt__);
    case Py_LE: return &_Py_ID(__le__);
    case Py_EQ: return &_Py_ID(__eq__);
    case Py_NE: return &_Py_ID(__ne__);
    case Py_GT: return &_Py_ID(__gt__);
    case Py_GE: return &_Py_ID(__ge__);
    default: return NULL;
    }
}

/* What PyObject_RichCompare does for two instances of one class once the
 * method returned NotImplemented: the reflected method (through the
 * class's slot), then identity for == and !=, else TypeError. */
static PyObject *compare_rest(PyObject *v, PyObject *w, int op)
{
    static const int swapped[] = {Py_GT, Py_GE, Py_EQ, Py_NE, Py_LT, Py_LE};
    static const char *const symbols[] = {"<", "<=", "==", "!=", ">", ">="};
    richcmpfunc f = Py_TYPE(w)->tp_richcompare;
    if (f) {
        PyObject *res = f(w, v, swapped[op]);
        if (res != Py_NotImplemented)
            return res;
        Py_DECREF(res);
    }
    if (op == Py_EQ || op == Py_NE)
        return Py_NewRef((v == w) == (op == Py_EQ) ? Py_True : Py_False);
    PyErr_Format(PyExc_TypeError,
                 "'%s' not supported between instances of '%.100s' and "
                 "'%.100s'",
                 symbols[op], Py_TYPE(v)->tp_name, Py_TYPE(w)->tp_name);
    return NULL;
}

/* The comparison through the kept function, a recursion level counted
 * around it as PyObject_RichCompare counts one. */
static PyObject *compare_kept(PyThreadState *ts, pyaot_operator_cache *cache,
                              PyObject *fn, PyObject *lhs, PyObject *rhs,
                              int op)
{
    if (_Py_EnterRecursiveCallTstate(ts, " in comparison"))
        return NULL;
    PyObject *res = call_kept(ts, cache, fn, lhs, rhs);
    if (res == Py_NotImplemented) {
        Py_DECREF(res);
        res = compare_rest(lhs, rhs, op);
    }
    _Py_LeaveRecursiveCallTstate(ts);
    return res;
}

/* The comparison by the method the site keeps for the operands' class;
 * *kept false (nothing done) when the site keeps none for them. */
static PyObject *compare_at_site(PyObject *lhs, PyObject *rhs, int op,
                                 void *site, bool *kept)
{
    *kept = false;
    if (!one_class(lhs, rhs) || op < Py_LT || op > Py_GE)
        return NULL;
    PyThreadState *ts = _PyThreadState_GET();
    PyObject *fn = kept_method(ts, site, lhs, rhs, op, compare_method);
    *kept = fn != NULL;
    return fn ? compare_kept(ts, site, fn, lhs, rhs, op) : NULL;
}

PyObject *rt_compare_op_cached(PyObject *lhs, PyObject *rhs, int op,
                               void *site)
{
    bool kept;
    PyObject *res = compare_at_site(lhs, rhs, op, site, &kept);
    return kept ? res : rt_compare_op(lhs, rhs, op);
}

int rt_compare_truth_cached(PyObject *lhs, PyObject *rhs, int op, void *site)
{
    bool kept;
    PyObject *res = compare_at_site(lhs, rhs, op, site, &kept);
    return kept ? truth_taken(res) : rt_compare_truth(lhs, rhs, op);
}
