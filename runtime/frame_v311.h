/* The 3.11 frame discipline around a native function, as ceval.c keeps
 * it for the frames it runs: linking a frame into the thread's chain,
 * pushing and popping frames on the thread's data stack. Inline: it is
 * on every call's path. Version-specific: 3.12 and 3.13 get their own. */
#ifndef PYAOT_FRAME_V311_H
#define PYAOT_FRAME_V311_H

#include "runtime.h"

/* A frame object outlives the call: it takes a copy of the frame
 * (frame_v311.c, the rare path of rt_frame_pop). */
void rt_give_to_frame_object(PyThreadState *ts, PyFrameObject *f,
                             _PyInterpreterFrame *frame);

/* The native entry run on a linked frame: recursion counted, the C
 * stack checked. */
static inline PyObject *rt_enter_native(PyThreadState *ts, rt_shared *sh,
                                        _PyInterpreterFrame *frame,
                                        rt_native_fn fn, int throwflag)
{
    PyObject *result;
    if (_Py_EnterRecursiveCallTstate(ts, "")) {
        ts->recursion_remaining--;
        result = NULL;
    } else if (rt_stack_exhausted(sh, ts)) {
        result = rt_c_stack_exhausted();
    } else {
        result = fn(ts, frame, throwflag);
    }
    _Py_LeaveRecursiveCallTstate(ts);
    return result;
}

/* What _PyEval_EvalFrameDefault does around a frame: link it into the
 * thread's frame chain with a C-stack cframe and count recursion. The
 * caller clears and pops the frame afterwards. */
static inline PyObject *rt_run_native(PyThreadState *ts, rt_shared *sh,
                                      _PyInterpreterFrame *frame,
                                      rt_native_fn fn, int throwflag)
{
    _PyCFrame cframe;
    _PyCFrame *prev = ts->cframe;
    cframe.use_tracing = prev->use_tracing;
    cframe.previous = prev;
    ts->cframe = &cframe;
    frame->is_entry = true;
    frame->previous = prev->current_frame;
    cframe.current_frame = frame;
    PyObject *result = rt_enter_native(ts, sh, frame, fn, throwflag);
    ts->cframe = cframe.previous;
    ts->cframe->use_tracing = cframe.use_tracing;
    return result;
}

/* A frame of code without a native entry run as the hook runs it: the
 * C stack checked (the interpreter recurses in C), then the evaluator
 * the hook chains to, which links the frame itself. The caller clears
 * and pops the frame afterwards. */
static inline PyObject *rt_run_interpreted(PyThreadState *ts, rt_shared *sh,
                                           _PyInterpreterFrame *frame,
                                           int throwflag)
{
    if (rt_stack_exhausted(sh, ts))
        return rt_c_stack_exhausted();
    if (sh->previous)
        return sh->previous(ts, frame, throwflag);
    return _PyEval_EvalFrameDefault(ts, frame, throwflag);
}

/* rt_run_native for a frame whose caller is native code (or C) running
 * in the current C frame record: the frame is linked into that record,
 * as the interpreter links the frames of calls it inlines, instead of
 * into a record of its own. */
static inline PyObject *rt_run_native_inlined(PyThreadState *ts,
                                              rt_shared *sh,
                                              _PyInterpreterFrame *frame,
                                              rt_native_fn fn)
{
    _PyCFrame *cframe = ts->cframe;
    frame->is_entry = true;
    frame->previous = cframe->current_frame;
    cframe->current_frame = frame;
    PyObject *result = rt_enter_native(ts, sh, frame, fn, 0);
    ts->cframe->current_frame = frame->previous;
    return result;
}

/* A frame for `func` on the thread's data stack, its specials set and
 * its locals not yet; NULL when the current chunk is full (a new chunk
 * is the interpreter's business). */
static inline _PyInterpreterFrame *rt_frame_push(PyThreadState *ts,
                                                 PyFunctionObject *func)
{
    PyCodeObject *co = (PyCodeObject *)func->func_code;
    size_t size = co->co_nlocalsplus + co->co_stacksize + FRAME_SPECIALS_SIZE;
    if (!_PyThreadState_HasStackSpace(ts, size))
        return NULL;
    _PyInterpreterFrame *frame = (_PyInterpreterFrame *)ts->datastack_top;
    ts->datastack_top += size;
    _PyFrame_InitializeSpecials(frame, (PyFunctionObject *)Py_NewRef(func),
                                NULL, co->co_nlocalsplus);
    return frame;
}

/* _PyEvalFrameClearAndPop for a frame rt_frame_push pushed. */
static inline void rt_frame_pop(PyThreadState *ts,
                                _PyInterpreterFrame *frame)
{
    ts->recursion_remaining--;
    PyFrameObject *f = frame->frame_obj;
    bool owned_elsewhere = false;
    if (f) {
        frame->frame_obj = NULL;
        if (Py_REFCNT(f) > 1) {
            rt_give_to_frame_object(ts, f, frame);
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

#endif
