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

/* CALL with keyword names (slots as rt_call takes them, all stolen): a
 * native Python function bound as the site's cache says, else rt_call. */
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
    return rt_call(ts, base, oparg, kwnames);
}
