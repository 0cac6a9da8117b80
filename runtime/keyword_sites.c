/* CALL with keyword names from generated code: each site keeps how its
 * arguments bind to the parameters of the function it last called
 * (pyaot_kw_call_cache), so that the next call moves them straight into
 * the frame. */
#include "call_binding.h"
#include "pyaot/helpers.h"

typedef pyaot_kw_call_cache kw_cache;

/* Where an argument goes beside the named parameters (param_of). */
enum { TO_VARARGS = -1, TO_VARKEYWORDS = -2 };

/* Records at the site how `nargs` arguments, the last ones named by
 * `kwnames`, bind to the parameters of `co` (native entry `fn`): each to
 * a named parameter of its own, the positional ones in order, the others
 * to *args and **kwargs, the parameters not given taking defaults
 * (whether they have them is checked at each call); or that they bind
 * otherwise, which rt_call's binding does (and raises its errors). */
static void fill_kw_cache(kw_cache *c, PyCodeObject *co, rt_native_fn fn,
                          int nargs, PyObject *kwnames)
{
    int nkw = (int)PyTuple_GET_SIZE(kwnames), npos = nargs - nkw;
    int nparams = named_params(co), argcount = co->co_argcount;
    c->code = co;
    c->entry = (void *)fn;
    c->nargs = (int16_t)nargs;
    c->binds = 0;
    if (!(co->co_flags & CO_OPTIMIZED) || nargs > PYAOT_KW_ARGS ||
        nparams > 32 || npos < 0 ||
        (npos > argcount && !(co->co_flags & CO_VARARGS)))
        return;
    uint32_t given = 0;
    for (int i = 0; i < nargs; i++) {
        int j = i < argcount ? i : TO_VARARGS;
        if (i >= npos) {
            PyObject *name = PyTuple_GET_ITEM(kwnames, i - npos);
            j = PyUnicode_CheckExact(name)
                    ? rt_keyword_index(co, name, co->co_posonlyargcount, nparams)
                    : -1;
            if (j < 0 && !(co->co_flags & CO_VARKEYWORDS))
                return;
            j = j < 0 ? TO_VARKEYWORDS : j;
        }
        if (j >= 0 && (given & (1u << j)))
            return;
        if (j >= 0)
            given |= 1u << j;
        c->param_of[i] = (int8_t)j;
    }
    int first_missing = 0;
    while (first_missing < argcount && (given & (1u << first_missing)))
        first_missing++;
    c->missing = ~given & (nparams == 32 ? ~0u : (1u << nparams) - 1);
    c->first_missing = (int16_t)first_missing;
    c->binds = 1;
}

/* The *args tuple and **kwargs dict of a call bound as the site's cache
 * says, new and empty or holding references to the keyword arguments
 * they take (the positional ones are moved in later); false when there
 * is no memory (nothing left made). */
static bool make_collectors(PyCodeObject *co, const kw_cache *c,
                            PyObject **args, int nargs, PyObject *kwnames,
                            PyObject **tuple, PyObject **dict)
{
    int npos = nargs - (int)PyTuple_GET_SIZE(kwnames);
    int extra = npos > co->co_argcount ? npos - co->co_argcount : 0;
    *tuple = *dict = NULL;
    if ((co->co_flags & CO_VARARGS) && !(*tuple = PyTuple_New(extra)))
        goto fail;
    if ((co->co_flags & CO_VARKEYWORDS) && !(*dict = PyDict_New()))
        goto fail;
    for (int i = npos; i < nargs; i++)
        if (c->param_of[i] == TO_VARKEYWORDS &&
            PyDict_SetItem(*dict, PyTuple_GET_ITEM(kwnames, i - npos),
                           args[i]) < 0)
            goto fail;
    return true;
fail:
    Py_CLEAR(*tuple);
    Py_CLEAR(*dict);
    PyErr_Clear(); /* rt_call's binding will say */
    return false;
}

/* The arguments left after the named parameters took theirs moved into
 * the *args tuple (the dict holds the keyword ones already), and the two
 * into the locals after the named parameters; returns where the locals
 * they leave start. */
static int collect(const kw_cache *c, PyObject **args, int nargs,
                   PyObject *tuple, PyObject *dict, PyObject **locals,
                   int nparams)
{
    int extra = 0;
    for (int i = 0; i < nargs; i++) {
        if (c->param_of[i] == TO_VARARGS)
            PyTuple_SET_ITEM(tuple, extra++, args[i]);
        else if (c->param_of[i] == TO_VARKEYWORDS)
            Py_DECREF(args[i]);
        else
            continue;
        args[i] = NULL;
    }
    if (tuple)
        locals[nparams++] = tuple;
    if (dict)
        locals[nparams++] = dict;
    return nparams;
}

/* Runs `func` with the arguments bound as the site's cache says, when it
 * applies: the arguments are moved into the frame (their entries become
 * NULL) and *result set. False when it does not (nothing done). */
static bool call_kw_cached(PyThreadState *ts, kw_cache *c,
                           PyFunctionObject *func, PyObject **args, int nargs,
                           PyObject *kwnames, PyObject **result)
{
    rt_shared *sh = rt_shared_of(ts);
    PyCodeObject *co = (PyCodeObject *)func->func_code;
    rt_native_fn fn = rt_native_entry(sh, co);
    if (!fn || !rt_may_skip_evaluator(sh, ts))
        return false;
    if ((void *)co != c->code || (void *)fn != c->entry || nargs != c->nargs)
        fill_kw_cache(c, co, fn, nargs, kwnames);
    if (!c->binds)
        return false;
    /* Making *args and **kwargs allocates, which may collect garbage and
     * so run code that calls through this site again or replaces the
     * function's code or defaults: the binding is copied first, the code
     * checked after, the defaults read after that. */
    kw_cache copy;
    const kw_cache *bind = c;
    PyObject *tuple = NULL, *dict = NULL;
    bool collects = co->co_flags & NOT_DIRECT;
    if (collects) {
        copy = *c;
        bind = &copy;
        Py_INCREF(co);
        bool made = make_collectors(co, bind, args, nargs, kwnames, &tuple,
                                    &dict);
        bool same = func->func_code == (PyObject *)co;
        Py_DECREF(co);
        if (!made)
            return false;
        if (!same)
            goto release;
    }
    /* the defaults the missing parameters take, borrowed */
    int argcount = co->co_argcount;
    PyObject *defaults = func->func_defaults;
    int first_default = argcount - (defaults ? (int)PyTuple_GET_SIZE(defaults)
                                             : 0);
    if (bind->first_missing < first_default)
        goto release;
    PyObject *taken[32];
    for (uint32_t m = bind->missing; m; m &= m - 1) {
        int j = __builtin_ctz(m);
        taken[j] = j < argcount
                       ? PyTuple_GET_ITEM(defaults, j - first_default)
                       : rt_keyword_default(func->func_kwdefaults,
                                            PyTuple_GET_ITEM(co->co_localsplusnames, j));
        if (!taken[j])
            goto release;
    }
    _PyInterpreterFrame *frame = rt_frame_push(ts, func);
    if (!frame)
        goto release;
    PyObject **locals = frame->localsplus;
    int nparams = named_params(co);
    for (int i = 0; i < nargs; i++) {
        int j = bind->param_of[i];
        if (j >= 0) {
            locals[j] = args[i];
            args[i] = NULL;
        }
    }
    for (uint32_t m = bind->missing; m; m &= m - 1) {
        int j = __builtin_ctz(m);
        locals[j] = Py_NewRef(taken[j]);
    }
    if (collects)
        nparams = collect(bind, args, nargs, tuple, dict, locals, nparams);
    for (int i = nparams; i < co->co_nlocalsplus; i++)
        locals[i] = NULL;
    rt_note_entry(sh, co);
    *result = rt_run_native_inlined(ts, sh, frame, fn);
    rt_frame_pop(ts, frame);
    return true;
release:
    Py_XDECREF(tuple);
    Py_XDECREF(dict);
    return false;
}

/* ---- classes called with keywords: type_call's work done here for a
 * class whose __new__, or (when object.__new__ makes its instances)
 * whose __init__, is a native Python function; the arguments bind to it
 * as for a function called at the site ---- */

/* The function a call of class `tp` runs as the site keeps it for the
 * class's version, found again when that changed; NULL when the class is
 * called otherwise. Its metaclass's call is checked at every call (a
 * metaclass given __call__ later does not change the class's version). */
static PyFunctionObject *class_callee(kw_cache *c, PyTypeObject *tp)
{
    if (Py_TYPE(tp)->tp_call != PyType_Type.tp_call)
        return NULL;
    if (c->class_callee && tp->tp_version_tag == c->class_version)
        return c->class_callee;
    if (!(tp->tp_flags & Py_TPFLAGS_HEAPTYPE))
        return NULL;
    PyFunctionObject *f;
    class_construction how = rt_class_construction(tp, &f);
    /* the lookups gave the class a version tag if it can have one */
    if ((how != CLASS_NEW && how != CLASS_INIT) ||
        !(tp->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG) ||
        tp->tp_version_tag == 0)
        return NULL;
    c->class_version = tp->tp_version_tag;
    c->class_callee = f;
    c->class_new = how == CLASS_NEW;
    return f;
}

/* __new__ run with the call's slots from the class on (it is __new__'s
 * first argument), then tp_init as type_call runs it, for which the
 * arguments are held. False when the site's binding does not apply
 * (nothing done). */
static bool new_with_keywords(PyThreadState *ts, kw_cache *c,
                              PyFunctionObject *new_fn, PyObject **base,
                              int oparg, PyObject *kwnames, PyObject **result)
{
    PyTypeObject *tp = (PyTypeObject *)base[1];
    if (oparg >= PYAOT_KW_ARGS)
        return false;
    PyObject *held[PYAOT_KW_ARGS];
    for (int i = 0; i < oparg; i++)
        held[i] = Py_NewRef(base[i + 2]);
    Py_INCREF(tp);
    Py_INCREF(new_fn); /* it may replace itself on the class */
    PyObject *self;
    bool ran = call_kw_cached(ts, c, new_fn, base + 1, oparg + 1, kwnames,
                              &self);
    Py_DECREF(new_fn);
    if (ran) {
        /* mostly an instance of exactly the class, which has no __init__ */
        if (!self || !Py_IS_TYPE(self, tp) ||
            tp->tp_init != PyBaseObject_Type.tp_init)
            self = rt_init_after_new(
                tp, self, held, oparg - (int)PyTuple_GET_SIZE(kwnames),
                kwnames);
        *result = self;
    }
    for (int i = 0; i < oparg; i++)
        Py_DECREF(held[i]);
    Py_DECREF(tp);
    return ran;
}

/* The instance allocated, then __init__ run with the call's slots, the
 * instance in the class's place (bound the general way when the site's
 * binding does not apply). */
static PyObject *init_with_keywords(PyThreadState *ts, kw_cache *c,
                                    PyFunctionObject *init, PyObject **base,
                                    int oparg, PyObject *kwnames)
{
    PyTypeObject *tp = (PyTypeObject *)base[1];
    /* Allocating may collect garbage, which runs code: hold __init__. */
    Py_INCREF(init);
    PyObject *self = rt_new_instance(tp);
    if (!self) {
        Py_DECREF(init);
        for (int i = 1; i < oparg + 2; i++)
            Py_DECREF(base[i]);
        return NULL;
    }
    base[1] = Py_NewRef(self);
    Py_DECREF(tp);
    PyObject *res;
    if (!call_kw_cached(ts, c, init, base + 1, oparg + 1, kwnames, &res)) {
        int npos = oparg + 1 - (int)PyTuple_GET_SIZE(kwnames);
        res = PyObject_Vectorcall((PyObject *)init, base + 1, (size_t)npos,
                                  kwnames);
        for (int i = 1; i < oparg + 2; i++)
            Py_DECREF(base[i]);
    }
    Py_DECREF(init);
    return initialized(self, res);
}

/* A class call at the site as type_call makes it, when the class is
 * called so (class_callee) and its function's call binds here. */
static bool class_kw_cached(PyThreadState *ts, kw_cache *c, PyObject **base,
                            int oparg, PyObject *kwnames, PyObject **result)
{
    PyFunctionObject *callee = class_callee(c, (PyTypeObject *)base[1]);
    if (!callee ||
        (callee->func_code == c->code && oparg + 1 == c->nargs && !c->binds))
        return false;
    if (c->class_new)
        return new_with_keywords(ts, c, callee, base, oparg, kwnames, result);
    *result = init_with_keywords(ts, c, callee, base, oparg, kwnames);
    return true;
}

/* CALL with keyword names (slots as rt_call takes them, all stolen): a
 * native Python function bound as the site's cache says, a class whose
 * __new__ or __init__ is one, else rt_call. */
PyObject *rt_call_kw(PyThreadState *ts, PyObject **base, int oparg,
                     PyObject *kwnames, void *site)
{
    int is_meth = base[0] != NULL;
    PyObject *callable = base[1 - is_meth];
    kw_cache *c = site;
    PyObject *res;
    /* a site whose calls bind otherwise goes on at once */
    if (PyFunction_Check(callable) &&
        !(((PyFunctionObject *)callable)->func_code == c->code &&
          oparg + is_meth == c->nargs && !c->binds) &&
        call_kw_cached(ts, c, (PyFunctionObject *)callable,
                       base + 2 - is_meth, oparg + is_meth, kwnames, &res)) {
        Py_DECREF(callable); /* the callable's slot; the others moved */
        return res;
    }
    if (!is_meth && PyType_Check(callable) &&
        class_kw_cached(ts, c, base, oparg, kwnames, &res))
        return res;
    return rt_call(ts, base, oparg, kwnames);
}
