/* Calls from native code into functions that have a native entry too:
 * the frame is pushed on the thread's data stack and the entry called,
 * skipping vectorcall, _PyEval_Vector and the hook, as 3.11's interpreter
 * skips them for Python-to-Python calls. */
#include <string.h>

#include "runtime.h"

/* What CPython's take_ownership does (private to frame.c): a frame object
 * outlives the call, so it gets its own copy of the frame, and its f_back
 * the caller's frame object. */
static void give_to_frame_object(PyThreadState *ts, PyFrameObject *f,
                                 _PyInterpreterFrame *frame)
{
    Py_ssize_t size = (char *)&frame->localsplus[frame->stacktop] -
                      (char *)frame;
    memcpy(f->_f_frame_data, frame, size);
    _PyInterpreterFrame *owned = (_PyInterpreterFrame *)f->_f_frame_data;
    f->f_frame = owned;
    owned->owner = FRAME_OWNED_BY_FRAME_OBJECT;
    _PyInterpreterFrame *prev = owned->previous;
    owned->previous = NULL;
    /* The caller is the thread's current frame again, and complete: it is
     * running a CALL. */
    if (prev && prev == ts->cframe->current_frame &&
        !_PyFrame_IsIncomplete(prev) && f->f_back == NULL) {
        PyFrameObject *back = PyEval_GetFrame(); /* borrowed */
        if (back)
            f->f_back = (PyFrameObject *)Py_NewRef(back);
        else
            PyErr_Clear();
    }
    if (!PyObject_GC_IsTracked((PyObject *)f))
        PyObject_GC_Track(f);
}

/* _PyEvalFrameClearAndPop for a frame this file pushed. */
static void clear_and_pop(PyThreadState *ts, _PyInterpreterFrame *frame)
{
    ts->recursion_remaining--;
    PyFrameObject *f = frame->frame_obj;
    bool owned_elsewhere = false;
    if (f) {
        frame->frame_obj = NULL;
        if (Py_REFCNT(f) > 1) {
            give_to_frame_object(ts, f, frame);
            owned_elsewhere = true;
        }
        Py_DECREF(f);
    }
    if (!owned_elsewhere) {
        for (int i = 0; i < frame->stacktop; i++)
            Py_XDECREF(frame->localsplus[i]);
        Py_XDECREF(frame->f_locals);
        Py_DECREF(frame->f_func);
        Py_DECREF(frame->f_code);
    }
    ts->recursion_remaining++;
    ts->datastack_top = (PyObject **)frame;
}

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
    /* A new data-stack chunk is the interpreter's business. */
    size_t size = co->co_nlocalsplus + co->co_stacksize + FRAME_SPECIALS_SIZE;
    if (!_PyThreadState_HasStackSpace(ts, size))
        return 0;

    _PyInterpreterFrame *frame = (_PyInterpreterFrame *)ts->datastack_top;
    ts->datastack_top += size;
    _PyFrame_InitializeSpecials(frame, (PyFunctionObject *)Py_NewRef(func),
                                NULL, co->co_nlocalsplus);
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
    *result = rt_run_native(ts, frame, fn);
    clear_and_pop(ts, frame);
    return 1;
}
