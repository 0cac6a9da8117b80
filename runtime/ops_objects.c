/* Runtime helpers for object operations: attributes, subscripts, operators,
 * building and unpacking containers, and f-string formatting. */
#include <limits.h>

#include "pyaot/helpers.h"
#include "binary_operators.h"
#include "call_binding.h"
#include "internal/pycore_long.h"
#include "internal/pycore_object.h"
#include "internal/pycore_pyerrors.h"
#include "opcode.h"

static PyObject *co_name_at(_PyInterpreterFrame *frame, int namei)
{
    return PyTuple_GET_ITEM(frame->f_code->co_names, namei);
}

/* ---- attributes and subscripts ---- */

PyObject *rt_load_attr(_PyInterpreterFrame *frame, int namei, PyObject *owner)
{
    return PyObject_GetAttr(owner, co_name_at(frame, namei));
}

int rt_store_attr(_PyInterpreterFrame *frame, int namei, PyObject *owner,
                  PyObject *v)
{
    return PyObject_SetAttr(owner, co_name_at(frame, namei), v);
}

int rt_load_method(_PyInterpreterFrame *frame, int namei, PyObject *obj,
                   PyObject **out)
{
    PyObject *meth = NULL;
    int found = _PyObject_GetMethod(obj, co_name_at(frame, namei), &meth);
    if (meth == NULL)
        return -1;
    if (found) {
        /* An unbound method: call it with obj as self, no bound object. */
        out[0] = meth;
        out[1] = Py_NewRef(obj);
    }
    else {
        out[0] = NULL;
        out[1] = meth;
    }
    return 0;
}

int rt_delete_attr(_PyInterpreterFrame *frame, int namei, PyObject *owner)
{
    return PyObject_SetAttr(owner, co_name_at(frame, namei), NULL);
}

/* The __getitem__ of a class that defines it as a Python function
 * (borrowed), or NULL. */
static PyObject *python_getitem(PyObject *container)
{
    PyTypeObject *tp = Py_TYPE(container);
    if (!(tp->tp_flags & Py_TPFLAGS_HEAPTYPE))
        return NULL;
    PyObject *getitem = _PyType_Lookup(tp, &_Py_ID(__getitem__));
    return getitem && Py_IS_TYPE(getitem, &PyFunction_Type) ? getitem : NULL;
}

/* Exact dicts straight to the dict, as 3.11's BINARY_SUBSCR_DICT and
 * STORE_SUBSCR_DICT (a subclass may define __missing__ or override
 * __getitem__ and __setitem__). */
PyObject *rt_binary_subscr(PyObject *container, PyObject *sub)
{
    if (PyDict_CheckExact(container)) {
        PyObject *v = PyDict_GetItemWithError(container, sub);
        if (v)
            return Py_NewRef(v);
        if (!PyErr_Occurred())
            _PyErr_SetKeyError(sub);
        return NULL;
    }
    /* 3.11's BINARY_SUBSCR_GETITEM: the function called directly (its
     * frame run in place when it is native), without slot_mp_subscript's
     * second lookup and method binding. */
    PyObject *getitem = python_getitem(container);
    if (getitem) {
        /* through its call entry: CALL's slots, all references of their
         * own (the class may drop the function while it runs) */
        PyObject *slots[3] = {Py_NewRef(getitem), Py_NewRef(container),
                              Py_NewRef(sub)};
        return call_python(_PyThreadState_GET(), slots, 1);
    }
    return PyObject_GetItem(container, sub);
}

int rt_store_subscr(PyObject *container, PyObject *sub, PyObject *v)
{
    if (PyDict_CheckExact(container))
        return PyDict_SetItem(container, sub, v);
    return PyObject_SetItem(container, sub, v);
}

int rt_delete_subscr(PyObject *container, PyObject *sub)
{
    return PyObject_DelItem(container, sub);
}

PyObject *rt_build_slice(PyObject *start, PyObject *stop, PyObject *step)
{
    PyObject *slice = PySlice_New(start, stop, step);
    Py_DECREF(start);
    Py_DECREF(stop);
    Py_XDECREF(step);
    return slice;
}

/* ---- operators ---- */

/* `**` never takes a modulus in BINARY_OP. */
static PyObject *power_nomod(PyObject *a, PyObject *b)
{
    return PyNumber_Power(a, b, Py_None);
}

static PyObject *inplace_power_nomod(PyObject *a, PyObject *b)
{
    return PyNumber_InPlacePower(a, b, Py_None);
}

static const binaryfunc binary_ops[] = {
    [NB_ADD] = PyNumber_Add,
    [NB_AND] = PyNumber_And,
    [NB_FLOOR_DIVIDE] = PyNumber_FloorDivide,
    [NB_LSHIFT] = PyNumber_Lshift,
    [NB_MATRIX_MULTIPLY] = PyNumber_MatrixMultiply,
    [NB_MULTIPLY] = PyNumber_Multiply,
    [NB_REMAINDER] = PyNumber_Remainder,
    [NB_OR] = PyNumber_Or,
    [NB_POWER] = power_nomod,
    [NB_RSHIFT] = PyNumber_Rshift,
    [NB_SUBTRACT] = PyNumber_Subtract,
    [NB_TRUE_DIVIDE] = PyNumber_TrueDivide,
    [NB_XOR] = PyNumber_Xor,
    [NB_INPLACE_ADD] = PyNumber_InPlaceAdd,
    [NB_INPLACE_AND] = PyNumber_InPlaceAnd,
    [NB_INPLACE_FLOOR_DIVIDE] = PyNumber_InPlaceFloorDivide,
    [NB_INPLACE_LSHIFT] = PyNumber_InPlaceLshift,
    [NB_INPLACE_MATRIX_MULTIPLY] = PyNumber_InPlaceMatrixMultiply,
    [NB_INPLACE_MULTIPLY] = PyNumber_InPlaceMultiply,
    [NB_INPLACE_REMAINDER] = PyNumber_InPlaceRemainder,
    [NB_INPLACE_OR] = PyNumber_InPlaceOr,
    [NB_INPLACE_POWER] = inplace_power_nomod,
    [NB_INPLACE_RSHIFT] = PyNumber_InPlaceRshift,
    [NB_INPLACE_SUBTRACT] = PyNumber_InPlaceSubtract,
    [NB_INPLACE_TRUE_DIVIDE] = PyNumber_InPlaceTrueDivide,
    [NB_INPLACE_XOR] = PyNumber_InPlaceXor,
};

PyObject *rt_binary_op(PyObject *lhs, PyObject *rhs, int oparg)
{
    /* The interpreter only asserts the range; fail cleanly instead. */
    if (oparg < 0 || (size_t)oparg >= Py_ARRAY_LENGTH(binary_ops)) {
        PyErr_Format(PyExc_SystemError, "bad BINARY_OP oparg %d", oparg);
        return NULL;
    }
    /* 3.11's BINARY_OP_ADD_UNICODE: what PyNumber_Add finds for two
     * exact strs after trying the number slots. */
    if ((oparg == NB_ADD || oparg == NB_INPLACE_ADD) &&
        PyUnicode_CheckExact(lhs) && PyUnicode_CheckExact(rhs))
        return PyUnicode_Concat(lhs, rhs);
    return binary_ops[oparg](lhs, rhs);
}

/* BINARY_OP on two exact ints that are not both of one digit (generated
 * code takes those): in machine arithmetic for operands of up to two
 * digits while the result fits in 64 bits, as hashes, checksums and
 * random number generators keep them; the generic operation otherwise. */
/* The value of an int of at most two digits (below 2**60 in magnitude,
 * so sums and differences of two cannot overflow 64 bits). */
static bool two_digit_value(PyObject *o, long long *v)
{
    Py_ssize_t size = Py_SIZE(o);
    if (size < -2 || size > 2)
        return false;
    const digit *d = ((PyLongObject *)o)->ob_digit;
    unsigned long long mag = size == 0 ? 0 : d[0];
    if (size == 2 || size == -2)
        mag |= (unsigned long long)d[1] << PyLong_SHIFT;
    *v = size < 0 ? -(long long)mag : (long long)mag;
    return true;
}

/* An int of `ndigits` digits, laid out as _PyLong_New lays it out; its
 * digits are the caller's to fill. */
static inline PyLongObject *long_alloc(Py_ssize_t ndigits, bool negative)
{
    PyLongObject *r = PyObject_Malloc(offsetof(PyLongObject, ob_digit) +
                                      ndigits * sizeof(digit));
    if (!r)
        return (PyLongObject *)PyErr_NoMemory();
    _PyObject_InitVar((PyVarObject *)r, &PyLong_Type,
                      negative ? -ndigits : ndigits);
    return r;
}

/* An int of two or three digits (64 bits take at most three), without
 * PyLong_FromLongLong's digit-counting loop: hashes and random number
 * generators box many. Out of line, so that the one-digit path stays
 * short. */
static __attribute__((noinline)) PyObject *long_of_digits(uint64_t mag,
                                                        bool negative)
{
    Py_ssize_t ndigits = mag >> (2 * PyLong_SHIFT) ? 3 : 2;
    PyLongObject *r = long_alloc(ndigits, negative);
    for (Py_ssize_t i = 0; r && i < ndigits; i++, mag >>= PyLong_SHIFT)
        r->ob_digit[i] = (digit)(mag & PyLong_MASK);
    return (PyObject *)r;
}

PyObject *rt_long_from_i64(int64_t v)
{
    if (-_PY_NSMALLNEGINTS <= v && v < _PY_NSMALLPOSINTS)
        return Py_NewRef(&_PyLong_SMALL_INTS[_PY_NSMALLNEGINTS + v]);
    uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    if (mag >= PyLong_BASE)
        return long_of_digits(mag, v < 0);
    PyLongObject *r = long_alloc(1, v < 0);
    if (r)
        r->ob_digit[0] = (digit)mag;
    return (PyObject *)r;
}

/* Two exact ints, one of them past one digit (generated code's medium
 * path takes the others): within two digits each in machine arithmetic,
 * else int's own slot. */
PyObject *rt_long_binary_op(PyObject *lhs, PyObject *rhs, int oparg)
{
    long long x, y, z;
    int op = oparg >= NB_INPLACE_ADD ? oparg - NB_INPLACE_ADD : oparg;
    if (!two_digit_value(lhs, &x) || !two_digit_value(rhs, &y))
        goto wider;
    switch (op) {
    case NB_ADD:
        if (!__builtin_add_overflow(x, y, &z))
            return rt_long_from_i64(z);
        break;
    case NB_SUBTRACT:
        if (!__builtin_sub_overflow(x, y, &z))
            return rt_long_from_i64(z);
        break;
    case NB_MULTIPLY:
        if (!__builtin_mul_overflow(x, y, &z))
            return rt_long_from_i64(z);
        break;
    /* Python's ints are two's complement of unbounded width: within 64
     * bits the machine's bitwise operations agree. */
    case NB_AND: return rt_long_from_i64(x & y);
    case NB_OR: return rt_long_from_i64(x | y);
    case NB_XOR: return rt_long_from_i64(x ^ y);
    case NB_RSHIFT:
        if (y >= 0)
            return rt_long_from_i64(x >> (y > 63 ? 63 : y));
        break; /* a negative count raises */
    case NB_FLOOR_DIVIDE:
    case NB_REMAINDER:
        /* Zero raises; LLONG_MIN // -1 overflows. */
        if (y != 0 && !(x == LLONG_MIN && y == -1)) {
            long long q = x / y, r = x % y;
            if (r != 0 && (r ^ y) < 0) {
                q -= 1;
                r += y;
            }
            return rt_long_from_i64(op == NB_FLOOR_DIVIDE ? q : r);
        }
        break;
    }
wider:
    /* int's own slot, which PyNumber_* would find for two exact ints
     * after looking at both types (3.11's BINARY_OP_ADD_INT and
     * _MULTIPLY_INT, _SUBTRACT_INT call _PyLong_Add and friends, which it
     * does not export) */
    binaryfunc slot = op == NB_POWER ? NULL
                      : rt_number_slot(PyLong_Type.tp_as_number,
                                       rt_binary_operators[op].slot);
    return slot ? slot(lhs, rhs) : rt_binary_op(lhs, rhs, oparg);
}

/* `x = x + y` and `x += y` straight into local x (BINARY_OP then
 * STORE_FAST): for two strs while x still holds the left operand, x is
 * extended in place when nothing else refers to it, as 3.11's
 * BINARY_OP_INPLACE_ADD_UNICODE does, instead of copying x each time.
 * Both operands are stolen. */
int rt_binary_op_to_local(_PyInterpreterFrame *f, int local, PyObject *lhs,
                          PyObject *rhs, int oparg)
{
    PyObject **target = &f->localsplus[local];
    if ((oparg == NB_ADD || oparg == NB_INPLACE_ADD) && *target == lhs &&
        PyUnicode_CheckExact(lhs) && PyUnicode_CheckExact(rhs)) {
        Py_DECREF(lhs); /* the local still holds it */
        PyUnicode_Append(target, rhs);
        Py_DECREF(rhs);
        return *target ? 0 : -1; /* failed: the local is unbound */
    }
    PyObject *res = rt_binary_op(lhs, rhs, oparg);
    Py_DECREF(lhs);
    Py_DECREF(rhs);
    if (!res)
        return -1;
    PyObject *old = *target;
    *target = res;
    Py_XDECREF(old);
    return 0;
}

PyObject *rt_compare_op(PyObject *lhs, PyObject *rhs, int oparg)
{
    return PyObject_RichCompare(lhs, rhs, oparg);
}

/* COMPARE_OP with the jump on its result (3.11's COMPARE_OP_*_JUMP):
 * the comparison's truth, without the bool object; == and != on two
 * exact str objects without rich comparison, as COMPARE_OP_STR_JUMP. */
int rt_compare_truth(PyObject *lhs, PyObject *rhs, int oparg)
{
    if ((oparg == Py_EQ || oparg == Py_NE) && PyUnicode_CheckExact(lhs) &&
        PyUnicode_CheckExact(rhs))
        return _PyUnicode_Equal(lhs, rhs) ^ (oparg == Py_NE);
    return truth_taken(PyObject_RichCompare(lhs, rhs, oparg));
}

PyObject *rt_contains_op(PyObject *lhs, PyObject *rhs, int invert)
{
    int res = PySequence_Contains(rhs, lhs);
    if (res < 0)
        return NULL;
    return Py_NewRef((res ^ invert) ? Py_True : Py_False);
}

PyObject *rt_is_op(PyObject *lhs, PyObject *rhs, int invert)
{
    return Py_NewRef((lhs == rhs) ^ invert ? Py_True : Py_False);
}

PyObject *rt_unary_op(PyObject *v, int opcode)
{
    switch (opcode) {
    case UNARY_POSITIVE:
        return PyNumber_Positive(v);
    case UNARY_NEGATIVE:
        return PyNumber_Negative(v);
    case UNARY_INVERT:
        return PyNumber_Invert(v);
    case UNARY_NOT: {
        int truth = PyObject_IsTrue(v);
        if (truth < 0)
            return NULL;
        return Py_NewRef(truth ? Py_False : Py_True);
    }
    default:
        PyErr_Format(PyExc_SystemError, "bad unary opcode %d", opcode);
        return NULL;
    }
}

int rt_truth(PyObject *v)
{
    return PyObject_IsTrue(v);
}

/* ---- building containers ---- */

PyObject *rt_build_tuple(PyObject **items, int n)
{
    PyObject *tup = PyTuple_New(n);
    if (tup == NULL) {
        rt_decref_all(items, n);
        return NULL;
    }
    for (int i = 0; i < n; i++)
        PyTuple_SET_ITEM(tup, i, items[i]);
    return tup;
}

PyObject *rt_build_list(PyObject **items, int n)
{
    PyObject *list = PyList_New(n);
    if (list == NULL) {
        rt_decref_all(items, n);
        return NULL;
    }
    for (int i = 0; i < n; i++)
        PyList_SET_ITEM(list, i, items[i]);
    return list;
}

PyObject *rt_build_set(PyObject **items, int n)
{
    PyObject *set = PySet_New(NULL);
    int err = set == NULL ? -1 : 0;
    /* Keep going after a failure so that every item is released. */
    for (int i = 0; i < n; i++) {
        if (err == 0)
            err = PySet_Add(set, items[i]);
        Py_DECREF(items[i]);
    }
    if (err != 0) {
        Py_XDECREF(set);
        return NULL;
    }
    return set;
}

PyObject *rt_build_string(PyObject **items, int n)
{
    PyObject *str = _PyUnicode_JoinArray(&_Py_STR(empty), items, n);
    rt_decref_all(items, n);
    return str;
}

int rt_list_append(PyObject *list, PyObject *v)
{
    return PyList_Append(list, v);
}

int rt_set_add(PyObject *set, PyObject *v)
{
    return PySet_Add(set, v);
}

int rt_map_add(PyObject *dict, PyObject *key, PyObject *value)
{
    return PyDict_SetItem(dict, key, value);
}

int rt_list_extend(PyThreadState *tstate, PyObject *list, PyObject *iterable)
{
    PyObject *none = _PyList_Extend((PyListObject *)list, iterable);
    if (none != NULL) {
        Py_DECREF(none);
        return 0;
    }
    /* Reword the TypeError only when the value cannot be iterated at all;
     * errors raised while iterating stay as they are. */
    if (_PyErr_ExceptionMatches(tstate, PyExc_TypeError)
        && Py_TYPE(iterable)->tp_iter == NULL && !PySequence_Check(iterable)) {
        _PyErr_Clear(tstate);
        _PyErr_Format(tstate, PyExc_TypeError,
                      "Value after * must be an iterable, not %.200s",
                      Py_TYPE(iterable)->tp_name);
    }
    return -1;
}

int rt_set_update(PyObject *set, PyObject *iterable)
{
    return _PySet_Update(set, iterable);
}

int rt_dict_update(PyThreadState *tstate, PyObject *dict, PyObject *update)
{
    if (PyDict_Update(dict, update) == 0)
        return 0;
    /* PyDict_Update fails with AttributeError on a non-mapping ('keys'). */
    if (_PyErr_ExceptionMatches(tstate, PyExc_AttributeError))
        _PyErr_Format(tstate, PyExc_TypeError,
                      "'%.200s' object is not a mapping",
                      Py_TYPE(update)->tp_name);
    return -1;
}

PyObject *rt_list_to_tuple(PyObject *list)
{
    return PyList_AsTuple(list);
}

/* ---- unpacking ---- */

/* Unpacks v into out[0 .. before + (after >= 0 ? 1 + after : 0)) in stack
 * order: the first element of v goes to the highest slot. after < 0 means a
 * plain UNPACK_SEQUENCE, else a starred target collects the middle into a
 * list. On error nothing is left in out. */
static int unpack(PyThreadState *tstate, PyObject *v, int before, int after,
                  PyObject **out)
{
    int total = before + (after >= 0 ? 1 + after : 0);
    PyObject **sp = out + total;
    int done = 0;

    if (after < 0
        && ((PyTuple_CheckExact(v) && PyTuple_GET_SIZE(v) == before)
            || (PyList_CheckExact(v) && PyList_GET_SIZE(v) == before))) {
        PyObject **src = PyTuple_CheckExact(v) ? _PyTuple_ITEMS(v)
                                               : ((PyListObject *)v)->ob_item;
        for (int i = 0; i < before; i++)
            *--sp = Py_NewRef(src[i]);
        return 0;
    }

    PyObject *it = PyObject_GetIter(v);
    if (it == NULL) {
        if (_PyErr_ExceptionMatches(tstate, PyExc_TypeError)
            && Py_TYPE(v)->tp_iter == NULL && !PySequence_Check(v))
            _PyErr_Format(tstate, PyExc_TypeError,
                          "cannot unpack non-iterable %.200s object",
                          Py_TYPE(v)->tp_name);
        return -1;
    }

    for (; done < before; done++) {
        PyObject *w = PyIter_Next(it);
        if (w == NULL) {
            if (_PyErr_Occurred(tstate))
                goto error;
            if (after < 0)
                _PyErr_Format(tstate, PyExc_ValueError,
                              "not enough values to unpack "
                              "(expected %d, got %d)", before, done);
            else
                _PyErr_Format(tstate, PyExc_ValueError,
                              "not enough values to unpack "
                              "(expected at least %d, got %d)",
                              before + after, done);
            goto error;
        }
        *--sp = w;
    }

    if (after < 0) {
        PyObject *extra = PyIter_Next(it);
        if (extra == NULL) {
            if (_PyErr_Occurred(tstate))
                goto error;
            Py_DECREF(it);
            return 0;
        }
        Py_DECREF(extra);
        _PyErr_Format(tstate, PyExc_ValueError,
                      "too many values to unpack (expected %d)", before);
        goto error;
    }

    PyObject *rest = PySequence_List(it);
    if (rest == NULL)
        goto error;
    *--sp = rest;
    done++;
    Py_ssize_t nrest = PyList_GET_SIZE(rest);
    if (nrest < after) {
        _PyErr_Format(tstate, PyExc_ValueError,
                      "not enough values to unpack "
                      "(expected at least %d, got %zd)",
                      before + after, before + nrest);
        goto error;
    }
    /* The trailing targets take over the list's references to its tail. */
    for (int j = after; j > 0; j--, done++)
        *--sp = PyList_GET_ITEM(rest, nrest - j);
    Py_SET_SIZE(rest, nrest - after);
    Py_DECREF(it);
    return 0;

error:
    rt_decref_all(sp, done);
    Py_DECREF(it);
    return -1;
}

int rt_unpack_sequence(PyThreadState *tstate, PyObject *seq, int n,
                       PyObject **out)
{
    return unpack(tstate, seq, n, -1, out);
}

int rt_unpack_ex(PyThreadState *tstate, PyObject *seq, int oparg,
                 PyObject **out)
{
    return unpack(tstate, seq, oparg & 0xFF, oparg >> 8, out);
}

/* ---- formatting and len ---- */

PyObject *rt_format_value(PyObject *value, PyObject *spec, int oparg)
{
    PyObject *(*convert)(PyObject *) = NULL;
    switch (oparg & FVC_MASK) {
    case FVC_STR:
        convert = PyObject_Str;
        break;
    case FVC_REPR:
        convert = PyObject_Repr;
        break;
    case FVC_ASCII:
        convert = PyObject_ASCII;
        break;
    }
    if ((oparg & FVS_MASK) != FVS_HAVE_SPEC)
        spec = NULL;
    PyObject *v = convert ? convert(value) : Py_NewRef(value);
    if (v == NULL)
        return NULL;
    /* format(s) of an exact str without a spec is s itself. */
    if (spec == NULL && PyUnicode_CheckExact(v))
        return v;
    PyObject *res = PyObject_Format(v, spec);
    Py_DECREF(v);
    return res;
}

PyObject *rt_get_len(PyObject *obj)
{
    Py_ssize_t len = PyObject_Length(obj);
    if (len < 0)
        return NULL;
    return PyLong_FromSsize_t(len);
}
