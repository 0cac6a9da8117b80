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

/* The end of every call made here: the slots released. */
static inline PyObject *released(PyObject **base, int oparg, PyObject *res)
{
    release_call(base, oparg);
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
    return released(base, oparg,
                    ((_PyCFunctionFast)(void (*)(void))def->ml_meth)(
                        self_of(c.callable), c.args, c.nargs));
}

SITE_CALL(builtin_fast_keywords)
{
    call_shape c = shape_of(base, oparg);
    PyMethodDef *def = def_of(c.callable);
    if (def->ml_flags != (METH_FASTCALL | METH_KEYWORDS))
        return MISS();
    return released(base, oparg,
                    ((_PyCFunctionFastWithKeywords)(void (*)(void))def->ml_meth)(
                        self_of(c.callable), c.args, c.nargs, NULL));
}

SITE_CALL(builtin_o)
{
    call_shape c = shape_of(base, oparg);
    PyMethodDef *def = def_of(c.callable);
    if (def->ml_flags != METH_O || c.nargs != 1)
        return MISS();
    return released(base, oparg, counted_call(ts, def->ml_meth,
                                              self_of(c.callable), c.args[0]));
}

SITE_CALL(builtin_len)
{
    call_shape c = shape_of(base, oparg);
    if (c.callable != ts->interp->callable_cache.len || c.nargs != 1)
        return MISS();
    return released(base, oparg, len_of(c.args[0]));
}

SITE_CALL(builtin_isinstance)
{
    call_shape c = shape_of(base, oparg);
    if (c.callable != ts->interp->callable_cache.isinstance || c.nargs != 2)
        return MISS();
    return released(base, oparg, isinstance_of(c.args[0], c.args[1]));
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
    return released(base, oparg,
                    ((_PyCFunctionFast)(void (*)(void))def->ml_meth)(
                        c.args[0], c.args + 1, c.nargs - 1));
}

SITE_CALL(method_fast_keywords)
{
    call_shape c = shape_of(base, oparg);
    PyMethodDef *def = method_for(c);
    if (!def || def->ml_flags != (METH_FASTCALL | METH_KEYWORDS))
        return MISS();
    return released(base, oparg,
                    ((_PyCFunctionFastWithKeywords)(void (*)(void))def->ml_meth)(
                        c.args[0], c.args + 1, c.nargs - 1, NULL));
}

SITE_CALL(method_o)
{
    call_shape c = shape_of(base, oparg);
    PyMethodDef *def = method_for(c);
    if (!def || def->ml_flags != METH_O || c.nargs != 2)
        return MISS();
    return released(base, oparg,
                    counted_call(ts, def->ml_meth, c.args[0], c.args[1]));
}

SITE_CALL(method_noargs)
{
    call_shape c = shape_of(base, oparg);
    PyMethodDef *def = method_for(c);
    if (!def || def->ml_flags != METH_NOARGS || c.nargs != 1)
        return MISS();
    return released(base, oparg,
                    counted_call(ts, def->ml_meth, c.args[0], NULL));
}

SITE_CALL(list_append_method)
{
    call_shape c = shape_of(base, oparg);
    if (c.callable != ts->interp->callable_cache.list_append ||
        c.nargs != 2 || !PyList_CheckExact(c.args[0]))
        return MISS();
    return released(base, oparg, appended(c.args[0], c.args[1]));
}

/* ---- classes whose instances object.__new__ makes and whose __init__
 * is a Python function (3.13's CALL_ALLOC_AND_ENTER_INIT) ---- */

/* The instance allocated, then __init__ given the call's own slots: the
 * function in base[0], the instance in place of the class (which the
 * instance holds), the arguments where they are. */
SITE_CALL(class_init)
{
    pyaot_c_call_cache *cache = site;
    PyTypeObject *tp = (PyTypeObject *)base[1];
    if (base[0] || tp->tp_version_tag != cache->class_version)
        return MISS();
    /* Allocating may collect garbage, which runs code: hold __init__. */
    PyObject *init = Py_NewRef((PyObject *)cache->init);
    pyaot_enter_fn *enter = cache->init_enter;
    PyObject *self = rt_new_instance(tp);
    if (!self) {
        Py_DECREF(init);
        release_call(base, oparg);
        return NULL;
    }
    base[0] = init;
    base[1] = Py_NewRef(self);
    Py_DECREF(tp);
    PyObject *res = enter ? enter(ts, base, oparg) : rt_call_py(ts, base, oparg);
    return initialized(self, res);
}

/* Whether the class call `c` is one for class_init: the site then keeps
 * what it needs. The class's version tag fixes all of it: its tp_new and
 * tp_init, and the __init__ its dicts hold. */
static bool class_init_fits(PyThreadState *ts, call_shape c,
                            pyaot_c_call_cache *cache)
{
    PyTypeObject *tp = (PyTypeObject *)c.callable;
    if (c.method || !(tp->tp_flags & Py_TPFLAGS_HEAPTYPE) ||
        tp->tp_new != PyBaseObject_Type.tp_new ||
        tp->tp_init == PyBaseObject_Type.tp_init)
        return false;
    PyObject *init = _PyType_Lookup(tp, &_Py_ID(__init__)); /* borrowed */
    if (!init || !PyFunction_Check(init) ||
        !(tp->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG) || !tp->tp_version_tag)
        return false;
    rt_shared *sh = rt_shared_of(ts);
    cache->class_version = tp->tp_version_tag;
    cache->init = init;
    cache->init_enter =
        sh ? rt_call_entry(sh, (PyCodeObject *)((PyFunctionObject *)init)
                                   ->func_code)
           : NULL;
    return true;
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
    /* classes of another metaclass may call them otherwise */
    if (type == &PyType_Type)
        return class_init_fits(ts, c, cache) ? class_init : NULL;
    if (type == &PyCFunction_Type) {
        if (c.callable == known->len)
            return c.nargs == 1 ? builtin_len : NULL;
        if (c.callable == known->isinstance)
            return c.nargs == 2 ? builtin_isinstance : NULL;
        switch (def_of(c.callable)->ml_flags) {
        case METH_FASTCALL: return builtin_fast;
        case METH_FASTCALL | METH_KEYWORDS: return builtin_fast_keywords;
        case METH_O: return c.nargs == 1 ? builtin_o : NULL;
        default: return NULL;
        }
    }
    if (type != &PyMethodDescr_Type)
        return NULL;
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
    default: return NULL;
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
