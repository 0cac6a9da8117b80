/* Calls from native code into functions that have a native entry too:
 * the frame is pushed on the thread's data stack and the entry called,
 * skipping vectorcall, _PyEval_Vector and the hook, as 3.11's interpreter
 * skips them for Python-to-Python calls. */
#include <limits.h>

#include "frame_v311.h"
#include "pyaot/helpers.h"
#include "internal/pycore_dict.h"
#include "pyaot/v311/layouts.h"

/* Call shapes that are not "run the frame with these locals": *args and
 * **kwargs take a tuple and a dict built by bind_arguments. (Calling a
 * generator function runs its native code up to RETURN_GENERATOR, which
 * moves the frame into the generator it returns.) */
enum { NOT_DIRECT = CO_VARARGS | CO_VARKEYWORDS };

/* The native entry of `func` when a call may skip vectorcall: not while
 * tracing or under another evaluator (rt_may_skip_evaluator), and only
 * for functions' frames (optimized), whose binding is done here. */
ON_CALL_PATH rt_native_fn native_callee(PyThreadState *ts, rt_shared *sh,
                                        PyCodeObject *co)
{
    rt_native_fn fn = rt_native_entry(sh, co);
    if (!fn || !rt_may_skip_evaluator(sh, ts) || !(co->co_flags & CO_OPTIMIZED))
        return NULL;
    return fn;
}

/* The native entry to run `func` with `nargs` positional arguments
 * directly, or NULL when that call needs more binding (keywords,
 * keyword-only parameters) or the interpreter's. */
ON_CALL_PATH rt_native_fn direct_target(PyThreadState *ts, rt_shared *sh,
                                        PyFunctionObject *func, int nargs)
{
    PyCodeObject *co = (PyCodeObject *)func->func_code;
    rt_native_fn fn = native_callee(ts, sh, co);
    if (!fn || co->co_kwonlyargcount || (co->co_flags & NOT_DIRECT))
        return NULL;
    PyObject *defaults = func->func_defaults;
    int ndefaults = defaults ? (int)PyTuple_GET_SIZE(defaults) : 0;
    if (nargs > co->co_argcount || nargs < co->co_argcount - ndefaults)
        return NULL;
    return fn;
}

/* The rest of a call once the parameters are in the frame's first
 * `nset` locals: the other locals cleared, the native entry run, the
 * frame popped. */
ON_CALL_PATH PyObject *run_frame(PyThreadState *ts, rt_shared *sh,
                                 _PyInterpreterFrame *frame, rt_native_fn fn,
                                 int nset)
{
    PyCodeObject *co = frame->f_code;
    for (int i = nset; i < co->co_nlocalsplus; i++)
        frame->localsplus[i] = NULL;
    rt_note_entry(sh, co);
    PyObject *result = rt_run_native(ts, sh, frame, fn, 0);
    rt_frame_pop(ts, frame);
    return result;
}

/* Pushes the frame, moves the arguments in (or copies them, when the
 * caller keeps its references), runs it, pops it. 0 when the data
 * stack's chunk is full (nothing done). */
ON_CALL_PATH int enter_with(PyThreadState *ts, rt_shared *sh,
                            PyFunctionObject *func, rt_native_fn fn,
                            PyObject **args, int nargs, PyObject **result,
                            bool move)
{
    PyCodeObject *co = (PyCodeObject *)func->func_code;
    _PyInterpreterFrame *frame = rt_frame_push(ts, func);
    if (!frame)
        return 0;
    int argcount = co->co_argcount;
    PyObject *defaults = func->func_defaults;
    int first_default = defaults ? argcount - (int)PyTuple_GET_SIZE(defaults)
                                 : argcount;
    PyObject **locals = frame->localsplus;
    for (int i = 0; i < nargs; i++) {
        if (move) {
            locals[i] = args[i];
            args[i] = NULL;
        } else {
            locals[i] = Py_NewRef(args[i]);
        }
    }
    for (int i = nargs; i < argcount; i++)
        locals[i] = Py_NewRef(PyTuple_GET_ITEM(defaults, i - first_default));
    *result = run_frame(ts, sh, frame, fn, argcount);
    return 1;
}

ON_CALL_PATH int enter(PyThreadState *ts, rt_shared *sh,
                       PyFunctionObject *func, rt_native_fn fn,
                       PyObject **args, int nargs, PyObject **result)
{
    return enter_with(ts, sh, func, fn, args, nargs, result, true);
}

/* ---- calls with keywords or keyword-only parameters ---- */

/* The most parameters bound here; a function with more takes the
 * interpreter's binding. */
enum { BIND_MAX = 24 };

/* The parameter that keyword `name` names: its index among the named
 * parameters (after the positional-only ones), or -1. Names are
 * interned in both places nearly always, so identity is tried first. */
static int keyword_index(PyCodeObject *co, PyObject *name, int first, int end)
{
    PyObject *names = co->co_localsplusnames;
    for (int j = first; j < end; j++)
        if (PyTuple_GET_ITEM(names, j) == name)
            return j;
    for (int j = first; j < end; j++) {
        int eq = PyObject_RichCompareBool(PyTuple_GET_ITEM(names, j), name,
                                          Py_EQ);
        if (eq != 0) {
            if (eq < 0)
                PyErr_Clear(); /* the interpreter's binding will say */
            return eq > 0 ? j : -1;
        }
    }
    return -1;
}

/* The default of keyword-only parameter `name` (borrowed), or NULL.
 * __kwdefaults__ is a small dict whose keys are, nearly always, the very
 * name objects of the code: a walk of its entries comparing identity is
 * several times cheaper than hashing into it (3.11's dict layout). The
 * lookups run no code (str keys). */
static PyObject *keyword_default(PyObject *kwdefaults, PyObject *name)
{
    if (!kwdefaults || !PyDict_CheckExact(kwdefaults))
        return NULL;
    PyDictObject *d = (PyDictObject *)kwdefaults;
    if (!d->ma_values && d->ma_keys->dk_kind == DICT_KEYS_UNICODE) {
        PyDictUnicodeEntry *ep = DK_UNICODE_ENTRIES(d->ma_keys);
        for (Py_ssize_t i = 0; i < d->ma_keys->dk_nentries; i++)
            if (ep[i].me_key == name && ep[i].me_value)
                return ep[i].me_value;
    }
    PyObject *value = PyDict_GetItemWithError(kwdefaults, name);
    if (!value)
        PyErr_Clear();
    return value;
}

/* The parameters bind_arguments binds to the caller's references: the
 * named ones; *args and **kwargs come after them, new objects. */
static inline int named_params(PyCodeObject *co)
{
    return co->co_argcount + co->co_kwonlyargcount;
}

/* *args: the positional arguments beyond the named parameters. */
static PyObject *extra_positionals(PyObject *const *args, int n)
{
    PyObject *tuple = PyTuple_New(n);
    for (int i = 0; tuple && i < n; i++)
        PyTuple_SET_ITEM(tuple, i, Py_NewRef(args[i]));
    return tuple;
}

/* The names of keyword arguments, whose values follow the positional
 * ones: a KW_NAMES tuple's items, or the keys of CALL_FUNCTION_EX's
 * dict. */
typedef struct {
    PyObject *const *names;
    int n;
} kw_names;

static inline kw_names names_of(PyObject *kwnames)
{
    if (!kwnames)
        return (kw_names){NULL, 0};
    return (kw_names){((PyTupleObject *)kwnames)->ob_item,
                      (int)PyTuple_GET_SIZE(kwnames)};
}

/* Binds `npos` positional arguments and the keyword arguments `kw`
 * (values after the positional ones) to the parameters of `func`:
 * bound[0..named_params) are borrowed references (the caller's
 * arguments or defaults), then come *args' tuple and **kwargs' dict as
 * new references when the code takes them. Returns the number of slots
 * filled, or -1 when anything is off -- too many or too few arguments,
 * an unknown or repeated keyword, a positional-only parameter named
 * without **kwargs, no memory -- so that the interpreter's binding runs
 * and raises the error it raises. No code runs here (the names are
 * exact strings). */
static int bind_arguments(PyFunctionObject *func, PyCodeObject *co,
                          PyObject *const *args, int npos, kw_names kw,
                          PyObject **bound)
{
    int argcount = co->co_argcount;
    int nparams = named_params(co);
    bool varargs = co->co_flags & CO_VARARGS;
    bool varkw = co->co_flags & CO_VARKEYWORDS;
    if (nparams + varargs + varkw > BIND_MAX || (npos > argcount && !varargs))
        return -1;
    int nnamed = npos < argcount ? npos : argcount;
    for (int j = 0; j < nparams; j++)
        bound[j] = j < nnamed ? args[j] : NULL;
    PyObject *kwdict = NULL;
    for (int i = 0; i < kw.n; i++) {
        PyObject *name = kw.names[i];
        PyObject *value = args[npos + i];
        if (!PyUnicode_CheckExact(name))
            goto refuse;
        int j = keyword_index(co, name, co->co_posonlyargcount, nparams);
        if (j >= 0) {
            if (bound[j])
                goto refuse;
            bound[j] = value;
            continue;
        }
        if (!varkw || (!kwdict && !(kwdict = PyDict_New())) ||
            PyDict_SetItem(kwdict, name, value) < 0)
            goto refuse;
    }
    PyObject *defaults = func->func_defaults;
    int first_default = defaults ? argcount - (int)PyTuple_GET_SIZE(defaults)
                                 : argcount;
    for (int j = nnamed; j < argcount; j++) {
        if (bound[j])
            continue;
        if (j < first_default)
            goto refuse;
        bound[j] = PyTuple_GET_ITEM(defaults, j - first_default);
    }
    PyObject *kwdefaults = func->func_kwdefaults;
    for (int j = argcount; j < nparams; j++) {
        if (!bound[j] &&
            !(bound[j] = keyword_default(kwdefaults,
                                         PyTuple_GET_ITEM(co->co_localsplusnames, j))))
            goto refuse;
    }
    int n = nparams;
    if (varargs &&
        !(bound[n++] = extra_positionals(args + nnamed, npos - nnamed)))
        goto refuse;
    if (varkw && !(bound[n++] = kwdict ? kwdict : PyDict_New())) {
        if (varargs)
            Py_DECREF(bound[nparams]);
        goto refuse;
    }
    return n;
refuse:
    Py_XDECREF(kwdict);
    PyErr_Clear(); /* of an allocation; the interpreter's binding will say */
    return -1;
}

/* Runs `func` with its parameters bound (references of the caller's,
 * which this takes over) in a frame of its own. 0 when the data stack's
 * chunk is full: the references are released, nothing else is done. */
static int run_bound(PyThreadState *ts, rt_shared *sh, PyFunctionObject *func,
                     rt_native_fn fn, PyObject **bound, int nparams,
                     PyObject **result)
{
    _PyInterpreterFrame *frame = rt_frame_push(ts, func);
    if (!frame) {
        for (int i = 0; i < nparams; i++)
            Py_DECREF(bound[i]);
        return 0;
    }
    for (int i = 0; i < nparams; i++)
        frame->localsplus[i] = bound[i];
    *result = run_frame(ts, sh, frame, fn, nparams);
    return 1;
}

/* Runs `func` directly with keyword arguments (or keyword-only
 * parameters) when its parameters bind here. 0 when it does not apply
 * (nothing done), else 1 with *result set; the arguments stay the
 * caller's. */
static int call_with_keywords(PyThreadState *ts, rt_shared *sh,
                              PyFunctionObject *func, PyObject *const *args,
                              int npos, kw_names kw, PyObject **result)
{
    PyCodeObject *co = (PyCodeObject *)func->func_code;
    rt_native_fn fn = native_callee(ts, sh, co);
    PyObject *bound[BIND_MAX];
    int nslots = fn ? bind_arguments(func, co, args, npos, kw, bound) : -1;
    if (nslots < 0)
        return 0;
    for (int i = 0; i < named_params(co); i++)
        Py_INCREF(bound[i]);
    return run_bound(ts, sh, func, fn, bound, nslots, result);
}

/* The code objects whose frames take positional arguments as they are:
 * optimized, without *args, **kwargs or keyword-only parameters. */
static inline bool plain_parameters(PyCodeObject *co)
{
    return (co->co_flags & (CO_OPTIMIZED | CO_VARARGS | CO_VARKEYWORDS)) ==
               CO_OPTIMIZED &&
           co->co_kwonlyargcount == 0;
}

/* The native entry to run `func` with `nargs` positional arguments as
 * they are: all its parameters, or the first ones with defaults for the
 * rest. NULL when the call is not of that kind. */
ON_CALL_PATH rt_native_fn plain_target(PyThreadState *ts, rt_shared *sh,
                                       PyFunctionObject *func, int nargs)
{
    PyCodeObject *co = (PyCodeObject *)func->func_code;
    rt_native_fn fn = rt_native_entry(sh, co);
    int argcount = co->co_argcount;
    PyObject *defaults = func->func_defaults;
    if (!fn || nargs > argcount || !plain_parameters(co) ||
        (nargs < argcount &&
         (!defaults || nargs < argcount - PyTuple_GET_SIZE(defaults))) ||
        !rt_may_skip_evaluator(sh, ts))
        return NULL;
    return fn;
}

/* The hot case of every call: a native callee given its positional
 * parameters (plain_target). Its frame is pushed, filled (the arguments
 * moved in, or new references when the caller keeps them) and run in the
 * caller's C frame record, as 3.11's interpreter runs the frames of the
 * calls it inlines. False when the call is not of that kind (nothing
 * done). */
ON_CALL_PATH bool plain_call(PyThreadState *ts, PyFunctionObject *func,
                             PyObject **args, int nargs, bool move,
                             PyObject **result)
{
    rt_shared *sh = rt_shared_of(ts);
    rt_native_fn fn = plain_target(ts, sh, func, nargs);
    _PyInterpreterFrame *frame;
    if (!fn || !(frame = rt_frame_push(ts, func)))
        return false;
    PyCodeObject *co = (PyCodeObject *)func->func_code;
    int argcount = co->co_argcount;
    PyObject **locals = frame->localsplus;
    for (int i = 0; i < nargs; i++)
        locals[i] = move ? args[i] : Py_NewRef(args[i]);
    if (nargs < argcount) {
        PyObject *defaults = func->func_defaults;
        int first_default = argcount - (int)PyTuple_GET_SIZE(defaults);
        for (int i = nargs; i < argcount; i++)
            locals[i] = Py_NewRef(PyTuple_GET_ITEM(defaults, i - first_default));
    }
    for (int i = argcount; i < co->co_nlocalsplus; i++)
        locals[i] = NULL;
    rt_note_entry(sh, co);
    *result = rt_run_native_inlined(ts, sh, frame, fn);
    rt_frame_pop(ts, frame);
    return true;
}

/* The vectorcall entry MAKE_FUNCTION gives functions whose code has a
 * native entry: callers in C (and the interpreter, which calls through
 * it while a frame-evaluation hook is set) reach the native code without
 * _PyEval_Vector's general binding and the hook. */
PyObject *rt_function_vectorcall(PyObject *callable, PyObject *const *args,
                                 size_t nargsf, PyObject *kwnames)
{
    PyFunctionObject *func = (PyFunctionObject *)callable;
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    PyThreadState *ts = PyThreadState_GET();
    PyObject *res;
    if (!kwnames && nargs <= INT_MAX &&
        plain_call(ts, func, (PyObject **)args, (int)nargs, false, &res))
        return res;
    rt_shared *sh = rt_shared_of(ts);
    rt_native_fn fn;
    if (sh && nargs <= INT_MAX) {
        if (!kwnames && (fn = direct_target(ts, sh, func, (int)nargs)) &&
            enter_with(ts, sh, func, fn, (PyObject **)args, (int)nargs, &res,
                       false))
            return res;
        if (call_with_keywords(ts, sh, func, args, (int)nargs,
                               names_of(kwnames), &res))
            return res;
    }
    return _PyFunction_Vectorcall(callable, args, nargsf, kwnames);
}

PyObject *rt_call_one(PyThreadState *ts, PyObject *fn, PyObject *arg)
{
    PyObject *res;
    if (PyFunction_Check(fn) &&
        plain_call(ts, (PyFunctionObject *)fn, &arg, 1, false, &res))
        return res;
    return PyObject_CallOneArg(fn, arg);
}

int rt_direct_call_kw(PyThreadState *ts, PyObject *callable, PyObject **args,
                      int npos, PyObject *kwnames, PyObject **result)
{
    rt_shared *sh = rt_shared_of(ts);
    return sh && PyFunction_Check(callable) &&
           call_with_keywords(ts, sh, (PyFunctionObject *)callable, args, npos,
                              names_of(kwnames), result);
}

int rt_direct_call_ex(PyThreadState *ts, PyObject *callable, PyObject *args,
                      PyObject *kwargs, PyObject **result)
{
    rt_shared *sh = rt_shared_of(ts);
    int npos = (int)PyTuple_GET_SIZE(args);
    int nkw = kwargs ? (int)PyDict_GET_SIZE(kwargs) : 0;
    if (!sh || !PyFunction_Check(callable) || npos + nkw >= BIND_MAX)
        return 0;
    PyObject *values[BIND_MAX], *names[BIND_MAX];
    for (int i = 0; i < npos; i++)
        values[i] = PyTuple_GET_ITEM(args, i);
    Py_ssize_t pos = 0;
    for (int i = 0; i < nkw; i++)
        PyDict_Next(kwargs, &pos, &names[i], &values[npos + i]);
    PyFunctionObject *func = (PyFunctionObject *)callable;
    if (!nkw && plain_call(ts, func, values, npos, false, result))
        return 1;
    return call_with_keywords(ts, sh, func, values, npos,
                              (kw_names){names, nkw}, result);
}

int rt_direct_call(PyThreadState *ts, PyObject *callable, PyObject **args,
                   int nargs, PyObject **result)
{
    if (!PyFunction_Check(callable))
        return 0;
    PyFunctionObject *func = (PyFunctionObject *)callable;
    if (plain_call(ts, func, args, nargs, true, result)) {
        for (int i = 0; i < nargs; i++)
            args[i] = NULL; /* moved into the frame */
        return 1;
    }
    rt_shared *sh = rt_shared_of(ts);
    rt_native_fn fn = sh ? direct_target(ts, sh, func, nargs) : NULL;
    if (fn)
        return enter(ts, sh, func, fn, args, nargs, result);
    return sh && call_with_keywords(ts, sh, func, args, nargs, names_of(NULL),
                                    result);
}

/* rt_call_py for whatever is not the plain case below. */
static __attribute__((noinline)) PyObject *
call_py_general(PyThreadState *ts, PyObject **base, int oparg)
{
    int is_meth = base[0] != NULL;
    PyFunctionObject *func = (PyFunctionObject *)base[1 - is_meth];
    PyObject **args = base + 2 - is_meth;
    int nargs = oparg + is_meth;
    rt_shared *sh = rt_shared_of(ts);
    rt_native_fn fn = sh ? direct_target(ts, sh, func, nargs) : NULL;
    PyObject *res;
    if (fn ? !enter(ts, sh, func, fn, args, nargs, &res)
           : !(sh && call_with_keywords(ts, sh, func, args, nargs,
                                        names_of(NULL), &res)))
        res = PyObject_Vectorcall((PyObject *)func, args,
                                  (size_t)nargs | PY_VECTORCALL_ARGUMENTS_OFFSET,
                                  NULL);
    for (int i = 0; i < oparg + 2; i++)
        Py_XDECREF(base[i]);
    return res;
}

/* CALL of what generated code found to be exactly a Python function
 * (slots as rt_call takes them, all stolen): the plain case, or the
 * general path for the rest (defaults, keywords, no native entry,
 * tracing). */
PyObject *rt_call_py(PyThreadState *ts, PyObject **base, int oparg)
{
    int is_meth = base[0] != NULL;
    PyFunctionObject *func = (PyFunctionObject *)base[1 - is_meth];
    PyObject *res;
    if (!plain_call(ts, func, base + 2 - is_meth, oparg + is_meth, true,
                    &res))
        return call_py_general(ts, base, oparg);
    Py_DECREF(func); /* the callable's slot; the others moved */
    return res;
}

/* ---- keyword calls from a site that keeps its binding ---- */

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
                    ? keyword_index(co, name, co->co_posonlyargcount, nparams)
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
    if (!fn)
        return false;
    if ((void *)co != c->code || (void *)fn != c->entry || nargs != c->nargs)
        fill_kw_cache(c, co, fn, nargs, kwnames);
    if (!c->binds)
        return false;
    /* the defaults the missing parameters take, borrowed */
    int argcount = co->co_argcount;
    PyObject *defaults = func->func_defaults;
    int first_default = argcount - (defaults ? (int)PyTuple_GET_SIZE(defaults)
                                             : 0);
    if (c->first_missing < first_default || !rt_may_skip_evaluator(sh, ts))
        return false;
    PyObject *taken[32];
    for (uint32_t m = c->missing; m; m &= m - 1) {
        int j = __builtin_ctz(m);
        taken[j] = j < argcount
                       ? PyTuple_GET_ITEM(defaults, j - first_default)
                       : keyword_default(func->func_kwdefaults,
                                         PyTuple_GET_ITEM(co->co_localsplusnames, j));
        if (!taken[j])
            return false;
    }
    PyObject *tuple = NULL, *dict = NULL;
    bool collects = co->co_flags & NOT_DIRECT;
    if (collects &&
        !make_collectors(co, c, args, nargs, kwnames, &tuple, &dict))
        return false;
    _PyInterpreterFrame *frame = rt_frame_push(ts, func);
    if (!frame) {
        if (collects) {
            Py_XDECREF(tuple);
            Py_XDECREF(dict);
        }
        return false;
    }
    PyObject **locals = frame->localsplus;
    int nparams = named_params(co);
    for (int i = 0; i < nargs; i++) {
        int j = c->param_of[i];
        if (j >= 0) {
            locals[j] = args[i];
            args[i] = NULL;
        }
    }
    for (uint32_t m = c->missing; m; m &= m - 1) {
        int j = __builtin_ctz(m);
        locals[j] = Py_NewRef(taken[j]);
    }
    if (collects)
        nparams = collect(c, args, nargs, tuple, dict, locals, nparams);
    for (int i = nparams; i < co->co_nlocalsplus; i++)
        locals[i] = NULL;
    rt_note_entry(sh, co);
    *result = rt_run_native_inlined(ts, sh, frame, fn);
    rt_frame_pop(ts, frame);
    return true;
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

/* object.__new__(tp) as type_call calls it, for a class whose tp_new it
 * is: an instance without a __dict__ (the __slots__ kind) is only
 * allocated; object_new also lays out the inline values of the others,
 * which 3.11 does not export. Abstract classes take object_new's error. */
static PyObject *new_instance(PyTypeObject *tp)
{
    if (tp->tp_dictoffset == 0 && !(tp->tp_flags & Py_TPFLAGS_IS_ABSTRACT))
        return tp->tp_alloc(tp, 0);
    PyObject *no_args = PyTuple_New(0);
    PyObject *self = no_args ? tp->tp_new(tp, no_args, NULL) : NULL;
    Py_XDECREF(no_args);
    return self;
}

/* The end of a class call: __init__'s result checked, as type_call
 * checks it. */
static PyObject *initialized(PyObject *self, PyObject *res)
{
    if (res && res != Py_None) {
        PyErr_Format(PyExc_TypeError,
                     "__init__() should return None, not '%.200s'",
                     Py_TYPE(res)->tp_name);
        Py_CLEAR(res);
    }
    if (!res) {
        Py_DECREF(self);
        return NULL;
    }
    Py_DECREF(res);
    return self;
}

/* A class call without keywords: the instance allocated, then __init__
 * given it and the positional arguments, which are moved (their entries
 * become NULL). __init__ runs in place when it takes them as they are
 * (plain_call), else through its vectorcall entry, which binds the rest;
 * type_call's tuple of arguments is skipped either way. */
static PyObject *construct(PyThreadState *ts, PyTypeObject *tp,
                           PyFunctionObject *init, PyObject **args, int npos)
{
    /* Allocating may collect garbage, which runs code: hold __init__. */
    Py_INCREF(init);
    PyObject *self = new_instance(tp);
    if (!self) {
        Py_DECREF(init);
        return NULL;
    }
    PyObject *argv[BIND_MAX];
    argv[0] = Py_NewRef(self);
    for (int i = 0; i < npos; i++) {
        argv[i + 1] = args[i];
        args[i] = NULL;
    }
    PyObject *res;
    if (!plain_call(ts, init, argv, npos + 1, true, &res)) {
        res = PyObject_Vectorcall((PyObject *)init, argv, (size_t)npos + 1,
                                  NULL);
        for (int i = 0; i <= npos; i++)
            Py_DECREF(argv[i]);
    }
    Py_DECREF(init);
    return initialized(self, res);
}

/* The function that is a class's __new__ when it is written in Python
 * (a staticmethod of a function, which slot_tp_new looks up on the class
 * and calls), borrowed; NULL for any other __new__. */
static PyFunctionObject *python_new(PyTypeObject *tp)
{
    PyObject *descr = _PyType_Lookup(tp, &_Py_ID(__new__));
    if (!descr || !Py_IS_TYPE(descr, &PyStaticMethod_Type))
        return NULL;
    PyObject *fn = ((staticmethod_layout *)descr)->sm_callable;
    return fn && PyFunction_Check(fn) ? (PyFunctionObject *)fn : NULL;
}

/* tp_init(self, args, kwargs) as type_call calls it, the tuple and dict
 * made from the caller's arguments; steals `self`. */
static PyObject *init_generic(PyObject *self, PyObject **args, int npos,
                              PyObject *kwnames)
{
    PyObject *tuple = PyTuple_New(npos);
    PyObject *kwargs = kwnames ? _PyStack_AsDict(args + npos, kwnames) : NULL;
    int rc = -1;
    if (tuple && (kwargs || !kwnames)) {
        for (int i = 0; i < npos; i++)
            PyTuple_SET_ITEM(tuple, i, Py_NewRef(args[i]));
        rc = Py_TYPE(self)->tp_init(self, tuple, kwargs);
    }
    Py_XDECREF(tuple);
    Py_XDECREF(kwargs);
    if (rc < 0)
        Py_CLEAR(self);
    return self;
}

/* type_call for a class whose __new__ is a Python function: __new__
 * given the class before the arguments, directly when it is native (its
 * parameters bound here, without a tuple or dict), else through
 * vectorcall; then, when it returns an instance, the instance's tp_init
 * as type_call runs it; object's, which then accepts the arguments, is
 * skipped. The arguments stay the caller's. */
static PyObject *construct_with_new(PyThreadState *ts, rt_shared *sh,
                                    PyTypeObject *tp, PyFunctionObject *new_fn,
                                    PyObject **args, int npos,
                                    PyObject *kwnames)
{
    int nargs = npos + (kwnames ? (int)PyTuple_GET_SIZE(kwnames) : 0);
    PyObject *argv[BIND_MAX + 1];
    argv[0] = (PyObject *)tp;
    for (int i = 0; i < nargs; i++)
        argv[i + 1] = args[i];
    Py_INCREF(new_fn); /* it may replace itself on the class */
    PyObject *self;
    bool ran = kwnames ? call_with_keywords(ts, sh, new_fn, argv, npos + 1,
                                            names_of(kwnames), &self)
                       : plain_call(ts, new_fn, argv, npos + 1, false, &self);
    if (!ran)
        self = PyObject_Vectorcall((PyObject *)new_fn, argv, (size_t)npos + 1,
                                   kwnames);
    Py_DECREF(new_fn);
    if (!self || !PyObject_TypeCheck(self, tp))
        return self;
    PyTypeObject *itp = Py_TYPE(self);
    if (!itp->tp_init ||
        (itp->tp_init == PyBaseObject_Type.tp_init &&
         (nargs == 0 || itp->tp_new != PyBaseObject_Type.tp_new)))
        return self;
    return init_generic(self, args, npos, kwnames);
}

/* type_call for a class whose __new__ is a Python function
 * (construct_with_new), or whose instances object.__new__ makes and
 * whose __init__ is a Python function: allocate, then run __init__
 * directly (3.13's CALL_ALLOC_AND_ENTER_INIT does the same); with
 * keywords, only when __init__ has a native entry that binds them
 * here. */
int rt_class_call(PyThreadState *ts, PyObject *callable, PyObject **args,
                  int npos, PyObject *kwnames, PyObject **result)
{
    int nargs = npos + (kwnames ? (int)PyTuple_GET_SIZE(kwnames) : 0);
    /* a class whose metaclass calls it with type_call (type, ABCMeta) */
    if (!PyType_Check(callable) ||
        Py_TYPE(callable)->tp_call != PyType_Type.tp_call || nargs >= BIND_MAX)
        return 0;
    PyTypeObject *tp = (PyTypeObject *)callable;
    rt_shared *sh = rt_shared_of(ts);
    if (!(tp->tp_flags & Py_TPFLAGS_HEAPTYPE) || !sh)
        return 0;
    PyFunctionObject *new_fn;
    if (tp->tp_new != PyBaseObject_Type.tp_new) {
        if (!(new_fn = python_new(tp)))
            return 0;
        *result = construct_with_new(ts, sh, tp, new_fn, args, npos, kwnames);
        return 1;
    }
    PyObject *init = _PyType_Lookup(tp, &_Py_ID(__init__)); /* borrowed */
    if (tp->tp_init == PyBaseObject_Type.tp_init || !init ||
        !PyFunction_Check(init))
        return 0;
    PyFunctionObject *func = (PyFunctionObject *)init;
    if (!kwnames) {
        *result = construct(ts, tp, func, args, npos);
        return 1;
    }
    /* With keywords, bound before the instance exists, with a stand-in
     * for self, so that a call __init__ would refuse goes to type_call
     * untouched (self must be a named parameter, put in place below). */
    PyCodeObject *co = (PyCodeObject *)func->func_code;
    rt_native_fn fn = co->co_argcount ? native_callee(ts, sh, co) : NULL;
    PyObject *init_args[BIND_MAX];
    init_args[0] = Py_None;
    for (int i = 0; i < nargs; i++)
        init_args[i + 1] = args[i];
    PyObject *bound[BIND_MAX];
    int nparams = fn ? bind_arguments(func, co, init_args, npos + 1,
                                      names_of(kwnames),
                                      bound)
                     : -1;
    if (nparams < 0)
        return 0;
    /* Allocating may collect garbage, which runs code: hold everything
     * (*args and **kwargs are new already). */
    Py_INCREF(func);
    for (int i = 1; i < named_params(co); i++)
        Py_INCREF(bound[i]);
    PyObject *self = new_instance(tp);
    PyObject *res = NULL;
    int ran = 0;
    if (self) {
        bound[0] = Py_NewRef(self);
        ran = run_bound(ts, sh, func, fn, bound, nparams, &res);
    } else {
        for (int i = 1; i < nparams; i++)
            Py_DECREF(bound[i]);
    }
    Py_DECREF(func);
    if (!self) {
        *result = NULL;
        return 1;
    }
    if (!ran) {
        Py_DECREF(self);
        return 0;
    }
    *result = initialized(self, res);
    return 1;
}
