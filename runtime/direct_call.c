/* Calls from native code into functions that have a native entry too:
 * the frame is pushed on the thread's data stack and the entry called,
 * skipping vectorcall, _PyEval_Vector and the hook, as 3.11's interpreter
 * skips them for Python-to-Python calls. */
#include <limits.h>

#include "call_binding.h"
#include "pyaot/helpers.h"
#include "internal/pycore_dict.h"

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

/* A frame for `func` pushed, the arguments moved in (or copied, when
 * the caller keeps its references), the parameters they leave out given
 * their defaults (the other locals not yet set); NULL when the data
 * stack's chunk is full (nothing done). */
ON_CALL_PATH _PyInterpreterFrame *frame_with_arguments(PyThreadState *ts,
                                                       PyFunctionObject *func,
                                                       PyObject **args,
                                                       int nargs, bool move)
{
    PyCodeObject *co = (PyCodeObject *)func->func_code;
    _PyInterpreterFrame *frame = rt_frame_push(ts, func);
    if (!frame)
        return NULL;
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
    return frame;
}

/* The locals after the first `nset` (the parameters) cleared. */
ON_CALL_PATH void clear_other_locals(_PyInterpreterFrame *frame, int nset)
{
    for (int i = nset; i < frame->f_code->co_nlocalsplus; i++)
        frame->localsplus[i] = NULL;
}

/* The rest of a call once the parameters are in the frame's first
 * `nset` locals: the other locals cleared, the native entry run, the
 * frame popped. */
ON_CALL_PATH PyObject *run_frame(PyThreadState *ts, rt_shared *sh,
                                 _PyInterpreterFrame *frame, rt_native_fn fn,
                                 int nset)
{
    clear_other_locals(frame, nset);
    rt_note_entry(sh, frame->f_code);
    PyObject *result = rt_run_native_inlined(ts, sh, frame, fn);
    rt_frame_pop(ts, frame);
    return result;
}

/* Pushes the frame, moves the arguments in (or copies them), runs its
 * native entry, pops it. 0 when the data stack's chunk is full (nothing
 * done). */
ON_CALL_PATH int enter_with(PyThreadState *ts, rt_shared *sh,
                            PyFunctionObject *func, rt_native_fn fn,
                            PyObject **args, int nargs, PyObject **result,
                            bool move)
{
    _PyInterpreterFrame *frame = frame_with_arguments(ts, func, args, nargs,
                                                      move);
    if (!frame)
        return 0;
    *result = run_frame(ts, sh, frame, fn, frame->f_code->co_argcount);
    return 1;
}

ON_CALL_PATH int enter(PyThreadState *ts, rt_shared *sh,
                       PyFunctionObject *func, rt_native_fn fn,
                       PyObject **args, int nargs, PyObject **result)
{
    return enter_with(ts, sh, func, fn, args, nargs, result, true);
}

/* A call of a function that stays interpreted (the standard library's,
 * code that falls back) with positional arguments its parameters take
 * as they are: its frame pushed and filled here and handed to the
 * evaluator, as 3.11's interpreter inlines such a call, instead of
 * through vectorcall, _PyEval_Vector and the hook, which would find no
 * native entry. 0 when the call is not of that kind, or while tracing
 * (nothing done). */
static __attribute__((noinline)) int
enter_interpreted(PyThreadState *ts, rt_shared *sh, PyFunctionObject *func,
                  PyObject **args, int nargs, PyObject **result)
{
    PyCodeObject *co = (PyCodeObject *)func->func_code;
    if (!plain_parameters(co) || !takes_positional(func, co, nargs) ||
        !rt_may_skip_evaluator(sh, ts) || rt_native_entry(sh, co))
        return 0;
    _PyInterpreterFrame *frame = frame_with_arguments(ts, func, args, nargs,
                                                      true);
    if (!frame)
        return 0;
    clear_other_locals(frame, co->co_argcount);
    *result = rt_run_interpreted(ts, sh, frame, 0);
    rt_frame_pop(ts, frame);
    return 1;
}

/* ---- calls with keywords or keyword-only parameters ---- */

/* The parameter that keyword `name` names: its index among the named
 * parameters (after the positional-only ones), or -1. Names are
 * interned in both places nearly always, so identity is tried first. */
int rt_keyword_index(PyCodeObject *co, PyObject *name, int first, int end)
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
PyObject *rt_keyword_default(PyObject *kwdefaults, PyObject *name)
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

/* *args: the positional arguments beyond the named parameters. */
static PyObject *extra_positionals(PyObject *const *args, int n)
{
    PyObject *tuple = PyTuple_New(n);
    for (int i = 0; tuple && i < n; i++)
        PyTuple_SET_ITEM(tuple, i, Py_NewRef(args[i]));
    return tuple;
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
int rt_bind_arguments(PyFunctionObject *func, PyCodeObject *co,
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
    PyObject *kwdict = NULL, *extra = NULL;
    for (int i = 0; i < kw.n; i++) {
        PyObject *name = kw.names[i];
        PyObject *value = args[npos + i];
        if (!PyUnicode_CheckExact(name))
            goto refuse;
        int j = rt_keyword_index(co, name, co->co_posonlyargcount, nparams);
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
    /* Allocating may collect garbage, which runs code: *args and **kwargs
     * are made before the defaults are read (borrowed). */
    if ((varargs &&
         !(extra = extra_positionals(args + nnamed, npos - nnamed))) ||
        (varkw && !kwdict && !(kwdict = PyDict_New())))
        goto refuse;
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
            !(bound[j] = rt_keyword_default(
                  kwdefaults, PyTuple_GET_ITEM(co->co_localsplusnames, j))))
            goto refuse;
    }
    int n = nparams;
    if (varargs)
        bound[n++] = extra;
    if (varkw)
        bound[n++] = kwdict;
    return n;
refuse:
    Py_XDECREF(extra);
    Py_XDECREF(kwdict);
    PyErr_Clear(); /* of an allocation; the interpreter's binding will say */
    return -1;
}

/* Runs `func` with its parameters bound (references of the caller's,
 * which this takes over) in a frame of its own. 0 when the data stack's
 * chunk is full: the references are released, nothing else is done. */
int rt_run_bound(PyThreadState *ts, rt_shared *sh, PyFunctionObject *func,
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
int rt_call_with_keywords(PyThreadState *ts, rt_shared *sh,
                          PyFunctionObject *func, PyObject *const *args,
                          int npos, kw_names kw, PyObject **result)
{
    PyCodeObject *co = (PyCodeObject *)func->func_code;
    rt_native_fn fn = native_callee(ts, sh, co);
    if (!fn)
        return 0;
    PyObject *bound[BIND_MAX];
    Py_INCREF(co); /* binding may run code, which may replace it */
    int nslots = rt_bind_arguments(func, co, args, npos, kw, bound);
    for (int i = 0; i < nslots && i < named_params(co); i++)
        Py_INCREF(bound[i]);
    bool same = func->func_code == (PyObject *)co;
    Py_DECREF(co);
    if (nslots >= 0 && !same) {
        for (int i = 0; i < nslots; i++)
            Py_DECREF(bound[i]);
        return 0;
    }
    return nslots >= 0 && rt_run_bound(ts, sh, func, fn, bound, nslots, result);
}

/* The most arguments a call from C passes to a call entry. */
enum { ENTER_FROM_C_MAX = 6 };

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
    rt_shared *sh = rt_shared_of(ts);
    pyaot_enter_fn *enter;
    /* A few positional arguments: CALL's slots made for the code's call
     * entry, which takes the references. */
    if (!kwnames && nargs <= ENTER_FROM_C_MAX && sh &&
        (enter = rt_call_entry(sh, (PyCodeObject *)func->func_code))) {
        PyObject *slots[ENTER_FROM_C_MAX + 2];
        slots[0] = NULL;
        slots[1] = Py_NewRef(callable);
        for (Py_ssize_t i = 0; i < nargs; i++)
            slots[i + 2] = Py_NewRef(args[i]);
        return enter(ts, slots, (int)nargs);
    }
    PyObject *res;
    if (!kwnames && nargs <= INT_MAX &&
        plain_call(ts, func, (PyObject **)args, (int)nargs, false, &res))
        return res;
    rt_native_fn fn;
    if (sh && nargs <= INT_MAX) {
        if (!kwnames && (fn = direct_target(ts, sh, func, (int)nargs)) &&
            enter_with(ts, sh, func, fn, (PyObject **)args, (int)nargs, &res,
                       false))
            return res;
        if (rt_call_with_keywords(ts, sh, func, args, (int)nargs,
                               names_of(kwnames), &res))
            return res;
    }
    return _PyFunction_Vectorcall(callable, args, nargsf, kwnames);
}

int rt_direct_call_kw(PyThreadState *ts, PyObject *callable, PyObject **args,
                      int npos, PyObject *kwnames, PyObject **result)
{
    rt_shared *sh = rt_shared_of(ts);
    return sh && PyFunction_Check(callable) &&
           rt_call_with_keywords(ts, sh, (PyFunctionObject *)callable, args, npos,
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
    return rt_call_with_keywords(ts, sh, func, values, npos,
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
    return sh && rt_call_with_keywords(ts, sh, func, args, nargs, names_of(NULL),
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
    /* What is left is the interpreter's: not through the function's
     * vectorcall, rt_function_vectorcall, whose call entry would hand the
     * call back here (a full data-stack chunk, tracing). */
    if (fn ? !enter(ts, sh, func, fn, args, nargs, &res)
           : !(sh && (enter_interpreted(ts, sh, func, args, nargs, &res) ||
                      rt_call_with_keywords(ts, sh, func, args, nargs,
                                            names_of(NULL), &res))))
        res = _PyFunction_Vectorcall(
            (PyObject *)func, args,
            (size_t)nargs | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
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

/* rt_call_py at a site with a call cache (pyaot_call_cache), which
 * generated code found not to hold the callee's code object: remembers
 * it and its call entry when the call is one the entry takes (no more
 * arguments than the code's parameters, the defaults for the rest),
 * then makes the call, through that entry too: a site that calls many
 * functions in turn (a dispatch table's) misses every time. */
PyObject *rt_call_py_cached(PyThreadState *ts, PyObject **base, int oparg,
                            void *site)
{
    pyaot_call_cache *cache = site;
    int is_meth = base[0] != NULL;
    PyFunctionObject *func = (PyFunctionObject *)base[1 - is_meth];
    PyCodeObject *co = (PyCodeObject *)func->func_code;
    rt_shared *sh = rt_shared_of(ts);
    pyaot_enter_fn *enter = sh ? rt_call_entry(sh, co) : NULL;
    if (enter && takes_positional(func, co, oparg + is_meth)) {
        cache->code = co;
        cache->enter = (void *)enter;
        return enter(ts, base, oparg);
    }
    return rt_call_py(ts, base, oparg);
}
