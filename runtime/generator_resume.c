/* Resuming a native generator or coroutine from native code (FOR_ITER,
 * SEND) without the detour through its send slot and the frame
 * evaluator: what 3.11's gen_send_ex2 does around the evaluation,
 * with the native entry run in place of _PyEval_EvalFrame (3.12 does
 * the same inline: FOR_ITER_GEN, SEND_GEN). Anything else, and every
 * error gen_send_ex2 raises before it runs the frame, goes the
 * interpreter's way. */
#include "frame_v311.h"
#include "pyaot/helpers.h"

/* gen_send_ex2's clearing of a finished generator's frame (3.11's
 * _PyFrame_Clear is private): a frame object that outlives it takes a
 * copy. */
static void clear_generator_frame(PyThreadState *ts, PyGenObject *gen,
                                  _PyInterpreterFrame *frame)
{
    Py_CLEAR(gen->gi_exc_state.exc_value);
    gen->gi_frame_state = FRAME_CLEARED;
    PyFrameObject *f = frame->frame_obj;
    if (f) {
        frame->frame_obj = NULL;
        if (Py_REFCNT(f) > 1) {
            rt_give_to_frame_object(ts, f, frame);
            Py_DECREF(f);
            return;
        }
        Py_DECREF(f);
    }
    for (int i = 0; i < frame->stacktop; i++)
        Py_XDECREF(frame->localsplus[i]);
    Py_XDECREF(frame->f_locals);
    Py_DECREF(frame->f_func);
    Py_DECREF(frame->f_code);
}

/* What a finished generator gives: PYGEN_RETURN with its return value
 * (NULL for None when iterated, `arg` NULL, where gen_send_ex2 says
 * PYGEN_ERROR with no exception set), or its error, StopIteration made
 * a RuntimeError (PEP 479). */
static PySendResult finished(PyThreadState *ts, PyGenObject *gen,
                             _PyInterpreterFrame *frame, PyObject *arg,
                             PyObject *result, PyObject **out)
{
    if (!result && PyErr_ExceptionMatches(PyExc_StopIteration))
        _PyErr_FormatFromCause(PyExc_RuntimeError, "%s",
                               PyCoro_CheckExact(gen)
                                   ? "coroutine raised StopIteration"
                                   : "generator raised StopIteration");
    clear_generator_frame(ts, gen, frame);
    bool returned = result != NULL;
    if (result == Py_None && !arg)
        Py_CLEAR(result);
    *out = result;
    return returned ? PYGEN_RETURN : PYGEN_ERROR;
}

int rt_resume_native(PyThreadState *ts, PyObject *receiver, PyObject *arg,
                     PyObject **out)
{
    PyGenObject *gen = (PyGenObject *)receiver;
    rt_shared *sh = rt_shared_of(ts);
    rt_native_fn fn;
    if ((!PyGen_CheckExact(receiver) && !PyCoro_CheckExact(receiver)) ||
        gen->gi_frame_state >= FRAME_EXECUTING ||
        (gen->gi_frame_state == FRAME_CREATED && arg && arg != Py_None) ||
        !sh || !(fn = rt_native_entry(sh, gen->gi_code)) ||
        !rt_may_skip_evaluator(sh, ts))
        return RT_RESUME_ELSEWHERE;
    _PyInterpreterFrame *frame = (_PyInterpreterFrame *)gen->gi_iframe;
    frame->localsplus[frame->stacktop++] = Py_NewRef(arg ? arg : Py_None);
    gen->gi_exc_state.previous_item = ts->exc_info;
    ts->exc_info = &gen->gi_exc_state;
    gen->gi_frame_state = FRAME_EXECUTING;
    rt_note_entry(sh, gen->gi_code);
    /* linked into the C frame record of the native code resuming it */
    PyObject *result = rt_run_native_inlined(ts, sh, frame, fn);
    if (gen->gi_frame_state == FRAME_EXECUTING)
        gen->gi_frame_state = FRAME_COMPLETED;
    ts->exc_info = gen->gi_exc_state.previous_item;
    gen->gi_exc_state.previous_item = NULL;
    frame->previous = NULL; /* the caller's, while it ran */
    if (result && gen->gi_frame_state == FRAME_SUSPENDED) {
        *out = result;
        return PYGEN_NEXT;
    }
    return finished(ts, gen, frame, arg, result, out);
}
