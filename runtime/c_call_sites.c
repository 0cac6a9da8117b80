/* Calls of C callables at a site that remembers what kind of callable it
 * called (pyaot_c_call_cache): generated code compares the callable's
 * type with the site's and calls the kind's function here, which checks
 * the rest as 3.11's specialised PRECALLs check it (the C function's
 * flags, the argument count, self's type) and calls the C function
 * through its pointer. That skips rt_call_c's choosing among all kinds
 * on every call. A miss goes back to rt_call_c_cached. */
#include "c_calls.h"
#include "call_binding.h"

/* A call's slots as rt_call_c takes them (all stolen): the callable and
 * its arguments, self first when LOAD_METHOD found a method. */
typedef struct {
    PyObject *callable;
    PyObject **args;
    int nargs;
    bool method; /* LOAD_METHOD's pair: base[0] the callable */
} call_shape;

static inline call_shape shape_of(PyObject **base, int oparg)
{
    int is_meth = base[0] != NULL;
    return (call_shape){base[1 - is_meth], base + 2 - is_meth,
                        oparg + is_meth, is_meth};
}

/* The end of every call made here: its slots released, the callable and
 * the arguments wherever LOAD_METHOD left them (the other slot is NULL),
 * in a loop that unrolls for kinds of a fixed argument count. */
static inline PyObject *released(call_shape c, PyObject *res)
{
    Py_DECREF(c.callable);
    for (int i = 0; i < c.nargs; i++)
        Py_DECREF(c.args[i]);
    return res;
}

#define SITE_CALL(name)                                                        \
    static PyObject *name(PyThreadState *ts, PyObject **base, int oparg,     \
                          void *site)
#define MISS() rt_call_c_cached(ts, base, oparg, site)

/* ---- builtin functions (PyCFunction_Type): the flags checked ---- */

static inline PyMethodDef *def_of(PyObject *builtin)
{
    return ((PyCFunctionObject *)builtin)->m_ml;
}

/* With exactly these flags (METH_STATIC not among them), self is m_self. */
static inline PyObject *self_of(PyObject *builtin)
{
    return ((PyCFunctionObject *)builtin)->m_self;
}

SITE_CALL(builtin_fast)
{
    call_shape c = shape_of(base, oparg);
    PyMethodDef *def = def_of(c.callable);
    if (def->ml_flags != METH_FASTCALL)
        return MISS();
    return released(c,
                    ((_PyCFunctionFast)(void (*)(void))def->ml_meth)(
                        self_of(c.callable), c.args, c.nargs));
}

SITE_CALL(builtin_fast_keywords)
{
    call_shape c = shape_of(base, oparg);
    PyMethodDef *def = def_of(c.callable);
    if (def->ml_flags != (METH_FASTCALL | METH_KEYWORDS))
        return MISS();
    return released(c,
                    ((_PyCFunctionFastWithKeywords)(void (*)(void))def->ml_meth)(
                        self_of(c.callable), c.args, c.nargs, NULL));
}

SITE_CALL(builtin_o)
{
    call_shape c = shape_of(base, oparg);
    PyMethodDef *def = def_of(c.callable);
    if (def->ml_flags != METH_O || c.nargs != 1)
        return MISS();
    return released(c, counted_call(ts, def->ml_meth,
                                              self_of(c.callable), c.args[0]));
}

/* METH_VARARGS, given a tuple (with METH_KEYWORDS: no dict). */
static inline bool varargs_flags(int flags)
{
    return flags == METH_VARARGS || flags == (METH_VARARGS | METH_KEYWORDS);
}

SITE_CALL(builtin_varargs)
{
    call_shape c = shape_of(base, oparg);
    PyMethodDef *def = def_of(c.callable);
    if (!varargs_flags(def->ml_flags))
        return MISS();
    return released(c,
                    rt_varargs_call(ts, def, self_of(c.callable), c.args,
                                    c.nargs));
}

/* len(x), loaded as a global (no LOAD_METHOD pair): its two slots */
SITE_CALL(builtin_len)
{
    if (base[0] || base[1] != ts->interp->callable_cache.len || oparg != 1)
        return MISS();
    PyObject *res = len_of(base[2]);
    Py_DECREF(base[2]);
    Py_DECREF(base[1]);
    return res;
}

SITE_CALL(builtin_isinstance)
{
    call_shape c = shape_of(base, oparg);
    if (c.callable != ts->interp->callable_cache.isinstance || c.nargs != 2)
        return MISS();
    return released(c, isinstance_of(c.args[0], c.args[1]));
}

/* ---- method descriptors (PyMethodDescr_Type), given an instance of
 * exactly their type: the flags and self's type checked ---- */

/* The descriptor's method when self (args[0]) has its type, else NULL. */
static inline PyMethodDef *method_for(call_shape c)
{
    PyMethodDescrObject *descr = (PyMethodDescrObject *)c.callable;
    if (c.nargs < 1 || !Py_IS_TYPE(c.args[0], descr->d_common.d_type))
        return NULL;
    return descr->d_method;
}

SITE_CALL(method_fast)
{
    call_shape c = shape_of(base, oparg);
    PyMethodDef *def = method_for(c);
    if (!def || def->ml_flags != METH_FASTCALL)
        return MISS();
    return released(c,
                    ((_PyCFunctionFast)(void (*)(void))def->ml_meth)(
                        c.args[0], c.args + 1, c.nargs - 1));
}

SITE_CALL(method_fast_keywords)
{
    call_shape c = shape_of(base, oparg);
    PyMethodDef *def = method_for(c);
    if (!def || def->ml_flags != (METH_FASTCALL | METH_KEYWORDS))
        return MISS();
    return released(c,
                    ((_PyCFunctionFastWithKeywords)(void (*)(void))def->ml_meth)(
                        c.args[0], c.args + 1, c.nargs - 1, NULL));
}

SITE_CALL(method_o)
{
    call_shape c = shape_of(base, oparg);
    PyMethodDef *def = method_for(c);
    if (!def || def->ml_flags != METH_O || c.nargs != 2)
        return MISS();
    return released(c,
                    counted_call(ts, def->ml_meth, c.args[0], c.args[1]));
}

SITE_CALL(method_noargs)
{
    call_shape c = shape_of(base, oparg);
    PyMethodDef *def = method_for(c);
    if (!def || def->ml_flags != METH_NOARGS || c.nargs != 1)
        return MISS();
    return released(c,
                    counted_call(ts, def->ml_meth, c.args[0], NULL));
}

SITE_CALL(method_varargs)
{
    call_shape c = shape_of(base, oparg);
    PyMethodDef *def = method_for(c);
    if (!def || !varargs_flags(def->ml_flags))
        return MISS();
    return released(c,
                    rt_varargs_call(ts, def, c.args[0], c.args + 1,
                                    c.nargs - 1));
}

SITE_CALL(list_append_method)
{
    call_shape c = shape_of(base, oparg);
    if (c.callable != ts->interp->callable_cache.list_append ||
        c.nargs != 2 || !PyList_CheckExact(c.args[0]))
        return MISS();
    return released(c, appended(c.args[0], c.args[1]));
}

/* ---- classes whose instances object.__new__ makes and whose __init__
 * is a Python function (3.13's CALL_ALLOC_AND_ENTER_INIT), and classes
 * whose __new__ is one ---- */

/* Whether calling class `tp` is type_call's work: its metaclass's
 * tp_call is type_call (type, ABCMeta, ...). Checked at every call: a
 * metaclass given a __call__ later does not change the class's version. */
static inline bool called_by_type_call(PyTypeObject *tp)
{
    return Py_TYPE(tp)->tp_call == PyType_Type.tp_call;
}

/* Whether the call's slots are a class call (no LOAD_METHOD pair) of
 * the class the site keeps, as it was (its version tag), called by
 * type_call. */
static inline bool site_holds_class(PyObject **base, pyaot_c_call_cache *cache)
{
    PyTypeObject *tp = (PyTypeObject *)base[1];
    return !base[0] && tp->tp_version_tag == cache->class_version &&
           called_by_type_call(tp);
}

/* __init__ (`init`, a reference the slots take) run on `self`, a new
 * instance of the class in base[1], with the call's own slots: the
 * function in base[0], the instance in place of the class (which the
 * instance holds), the arguments where they are. */
ON_CALL_PATH PyObject *enter_init(PyThreadState *ts,
                                  pyaot_c_call_cache *cache, PyObject **base,
                                  int oparg, PyObject *init, PyObject *self)
{
    PyObject *tp = base[1];
    base[0] = init;
    base[1] = Py_NewRef(self);
    Py_DECREF(tp);
    pyaot_enter_fn *enter = cache->callee_enter;
    PyObject *res = enter ? enter(ts, base, oparg) : rt_call_py(ts, base, oparg);
    return initialized(self, res);
}

/* The instance allocated, then __init__ entered (enter_init). */
SITE_CALL(class_init)
{
    pyaot_c_call_cache *cache = site;
    PyTypeObject *tp = (PyTypeObject *)base[1];
    if (!site_holds_class(base, cache))
        return MISS();
    /* Allocating may collect garbage, which runs code: hold __init__. */
    PyObject *init = Py_NewRef((PyObject *)cache->callee);
    PyObject *self = rt_new_instance(tp);
    if (!self) {
        Py_DECREF(init);
        release_call(base, oparg);
        return NULL;
    }
    return enter_init(ts, cache, base, oparg, init, self);
}

/* The same for a class whose instances a C __new__ makes (an exception
 * class's, a builtin type's): that takes the arguments as a tuple, as
 * type_call gives them; __init__ then as class_init runs it. */
SITE_CALL(class_init_after_c_new)
{
    pyaot_c_call_cache *cache = site;
    PyTypeObject *tp = (PyTypeObject *)base[1];
    if (!site_holds_class(base, cache))
        return MISS();
    PyObject *args = PyTuple_New(oparg);
    if (!args) {
        release_call(base, oparg);
        return NULL;
    }
    for (int i = 0; i < oparg; i++)
        PyTuple_SET_ITEM(args, i, Py_NewRef(base[i + 2]));
    PyObject *self = tp->tp_new(tp, args, NULL);
    if (!self || !Py_IS_TYPE(self, tp)) {
        /* type_call's rest: another class's instance is initialized by
         * its own tp_init when it is one of this class */
        self = rt_init_after_new(tp, self, _PyTuple_ITEMS(args), oparg, NULL);
        Py_DECREF(args);
        release_call(base, oparg);
        return self;
    }
    Py_DECREF(args);
    return enter_init(ts, cache, base, oparg,
                      Py_NewRef((PyObject *)cache->callee), self);
}

/* __new__ given the call's own slots (the function in base[0], the class
 * as its first argument where it is), then tp_init as type_call would run
 * it: for that the arguments are held until __new__ returns. */
SITE_CALL(class_new)
{
    pyaot_c_call_cache *cache = site;
    PyTypeObject *tp = (PyTypeObject *)base[1];
    if (!site_holds_class(base, cache) || oparg > BIND_MAX)
        return MISS();
    PyObject *args[BIND_MAX];
    for (int i = 0; i < oparg; i++)
        args[i] = Py_NewRef(base[i + 2]);
    Py_INCREF(tp);
    base[0] = Py_NewRef((PyObject *)cache->callee);
    pyaot_enter_fn *enter = cache->callee_enter;
    PyObject *self = enter ? enter(ts, base, oparg)
                           : rt_call_py(ts, base, oparg);
    /* mostly an instance of exactly the class, which has no __init__ */
    if (!self || !Py_IS_TYPE(self, tp) ||
        tp->tp_init != PyBaseObject_Type.tp_init)
        self = rt_init_after_new(tp, self, args, oparg, NULL);
    for (int i = 0; i < oparg; i++)
        Py_DECREF(args[i]);
    Py_DECREF(tp);
    return self;
}

/* int(x) of an exact str, int or float: long_new's PyNumber_Long, which
 * runs no Python code for these, without type_call's argument tuple; 0
 * for anything else. */
static inline bool int_of_builtin(PyObject *x, PyObject **res)
{
    if (PyUnicode_CheckExact(x)) /* no __trunc__ to look up first */
        *res = PyLong_FromUnicodeObject(x, 10);
    else if (PyLong_CheckExact(x))
        *res = Py_NewRef(x);
    else if (PyFloat_CheckExact(x))
        *res = PyNumber_Long(x);
    else
        return false;
    return true;
}

/* Builtin classes: type(x) and str(x) as 3.11's PRECALL_NO_KW_TYPE_1 and
 * _STR_1 make them, int(x) of a builtin value, the others through their
 * vectorcall entry (super, float, list, dict, ...) when they have one,
 * else type_call as PyObject_Vectorcall reaches it. */
SITE_CALL(builtin_class)
{
    call_shape c = shape_of(base, oparg);
    PyTypeObject *tp = (PyTypeObject *)c.callable;
    if (tp->tp_flags & Py_TPFLAGS_HEAPTYPE)
        return MISS();
    PyObject *res;
    if (c.nargs == 1 && tp == &PyType_Type)
        res = Py_NewRef(Py_TYPE(c.args[0]));
    else if (c.nargs == 1 && tp == &PyUnicode_Type)
        res = PyObject_Str(c.args[0]);
    else if (c.nargs == 1 && tp == &PyLong_Type &&
             int_of_builtin(c.args[0], &res))
        ;
    else
        res = vectorcall_or_tp_call(ts, c.callable, c.args, c.nargs);
    return released(c, res);
}

/* The kind of the class call `c` (class_init, class_init_after_c_new or
 * class_new) or NULL; the site then keeps the class's version tag, which
 * fixes its tp_new and tp_init and the functions its dicts hold, and the
 * function to call. */
static pyaot_c_call_fn *class_kind(PyThreadState *ts, call_shape c,
                                   pyaot_c_call_cache *cache)
{
    PyTypeObject *tp = (PyTypeObject *)c.callable;
    if (c.method)
        return NULL;
    if (!(tp->tp_flags & Py_TPFLAGS_HEAPTYPE))
        return builtin_class;
    static pyaot_c_call_fn *const kinds[] = {
        [CLASS_OTHERWISE] = NULL, [CLASS_NEW] = class_new,
        [CLASS_INIT] = class_init,
        [CLASS_INIT_AFTER_C_NEW] = class_init_after_c_new,
    };
    PyFunctionObject *callee;
    pyaot_c_call_fn *kind = kinds[rt_class_construction(tp, &callee)];
    /* the lookups gave the class a version tag if it can have one */
    if (!kind || !(tp->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG) ||
        !tp->tp_version_tag)
        return NULL;
    rt_shared *sh = rt_shared_of(ts);
    cache->class_version = tp->tp_version_tag;
    cache->callee = callee;
    cache->callee_enter =
        sh ? rt_call_entry(sh, (PyCodeObject *)callee->func_code) : NULL;
    return kind;
}

/* ---- bound methods (PyMethod_Type), stored and called later (`read =
 * self.read`, callbacks): split into function and self as 3.11's
 * PRECALL_BOUND_METHOD splits them, a Python function then entered
 * through its call entry ---- */

SITE_CALL(bound_method)
{
    if (base[0] || !Py_IS_TYPE(base[1], &PyMethod_Type))
        return MISS();
    return call_bound_method(ts, base, oparg);
}

/* ---- anything else callable: builtin functions and method
 * descriptors with other flags (those given their defining class, class
 * methods), functools.partial, instances of classes with __call__;
 * through the vectorcall entry when the object has one at the time (a
 * partial with keywords drops its own at its first call), else tp_call,
 * as PyObject_Vectorcall makes the call ---- */

SITE_CALL(other_callable)
{
    (void)site;
    call_shape c = shape_of(base, oparg);
    return released(c,
                    vectorcall_or_tp_call(ts, c.callable, c.args, c.nargs));
}

/* ---- anything else ---- */

SITE_CALL(general)
{
    (void)site;
    return rt_call_c(ts, base, oparg);
}

/* The kind of call `c` is, which its own checks accept; NULL when none
 * is (the general call then). */
static pyaot_c_call_fn *kind_of(PyThreadState *ts, call_shape c,
                                pyaot_c_call_cache *cache)
{
    struct callable_cache *known = &ts->interp->callable_cache;
    PyTypeObject *type = Py_TYPE(c.callable);
    if (PyType_Check(c.callable))
        return called_by_type_call((PyTypeObject *)c.callable)
                   ? class_kind(ts, c, cache)
                   : NULL;
    if (type == &PyCFunction_Type) {
        if (c.callable == known->len)
            return c.nargs == 1 ? builtin_len : NULL;
        if (c.callable == known->isinstance)
            return c.nargs == 2 ? builtin_isinstance : NULL;
        switch (def_of(c.callable)->ml_flags) {
        case METH_FASTCALL: return builtin_fast;
        case METH_FASTCALL | METH_KEYWORDS: return builtin_fast_keywords;
        case METH_O: return c.nargs == 1 ? builtin_o : NULL;
        case METH_VARARGS:
        case METH_VARARGS | METH_KEYWORDS: return builtin_varargs;
        default: return other_callable;
        }
    }
    if (type == &PyMethod_Type)
        return c.method ? NULL : bound_method;
    if (type != &PyMethodDescr_Type)
        return type != &PyFunction_Type ? other_callable : NULL;
    PyMethodDef *def = method_for(c);
    if (!def)
        return NULL;
    if (c.callable == known->list_append)
        return c.nargs == 2 ? list_append_method : NULL;
    switch (def->ml_flags) {
    case METH_FASTCALL: return method_fast;
    case METH_FASTCALL | METH_KEYWORDS: return method_fast_keywords;
    case METH_O: return c.nargs == 2 ? method_o : NULL;
    case METH_NOARGS: return c.nargs == 1 ? method_noargs : NULL;
    case METH_VARARGS:
    case METH_VARARGS | METH_KEYWORDS: return method_varargs;
    default: return other_callable;
    }
}

/* CALL of anything but a Python function at a site whose cache does not
 * hold this callable's type (or whose kind refused the call): the site
 * remembers the type and the kind of this call, then the call is made
 * the general way. A kind that refuses a callable of its own type (the
 * site calls several kinds of builtin in turn) gives way to the general
 * call for that type, as the interpreter's specialisations back off. */
PyObject *rt_call_c_cached(PyThreadState *ts, PyObject **base, int oparg,
                           void *site)
{
    pyaot_c_call_cache *cache = site;
    call_shape c = shape_of(base, oparg);
    pyaot_c_call_fn *kind = NULL;
    if (cache->type != (void *)Py_TYPE(c.callable))
        kind = kind_of(ts, c, cache);
    cache->type = Py_TYPE(c.callable);
    cache->call = kind ? kind : general;
    return rt_call_c(ts, base, oparg);
}
