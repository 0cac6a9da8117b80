/* Calls from native code into functions that have a native entry too:
 * the frame is pushed on the thread's data stack and the entry called,
 * skipping vectorcall, _PyEval_Vector and the hook, as 3.11's interpreter
 * skips them for Python-to-Python calls. */
#include "frame_v311.h"

/* Call shapes that are not "run the frame with these locals": calling a
 * generator or coroutine function makes an object (whatever runs its
 * frame later), and *args, **kwargs and keyword-only parameters need the
 * interpreter's argument binding. */
enum {
    NOT_DIRECT = CO_VARARGS | CO_VARKEYWORDS | CO_GENERATOR | CO_COROUTINE |
                 CO_ASYNC_GENERATOR | CO_ITERABLE_COROUTINE
};

int rt_direct_call(PyThreadState *ts, PyObject *callable, PyObject **args,
                   int nargs, PyObject **result)
{
    if (!PyFunction_Check(callable))
        return 0;
    PyFunctionObject *func = (PyFunctionObject *)callable;
    PyCodeObject *co = (PyCodeObject *)func->func_code;
    rt_shared *sh = rt_shared_of(ts);
    rt_native_fn fn = rt_native_entry(sh, co);
    if (!fn || ts->cframe->use_tracing || (co->co_flags & NOT_DIRECT) ||
        co->co_kwonlyargcount)
        return 0;
    int argcount = co->co_argcount;
    PyObject *defaults = func->func_defaults;
    int ndefaults = defaults ? (int)PyTuple_GET_SIZE(defaults) : 0;
    if (nargs > argcount || nargs < argcount - ndefaults)
        return 0;
    _PyInterpreterFrame *frame = rt_frame_push(ts, func);
    if (!frame)
        return 0;
    PyObject **locals = frame->localsplus;
    for (int i = 0; i < nargs; i++) {
        locals[i] = args[i];
        args[i] = NULL;
    }
    for (int i = nargs; i < argcount; i++)
        locals[i] = Py_NewRef(
            PyTuple_GET_ITEM(defaults, i - (argcount - ndefaults)));
    for (int i = argcount; i < co->co_nlocalsplus; i++)
        locals[i] = NULL;

    rt_note_entry(sh, co);
    *result = rt_run_native(ts, sh, frame, fn);
    rt_frame_pop(ts, frame);
    return 1;
}
