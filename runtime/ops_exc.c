/* Runtime helpers for exceptions (raise, unwinding to handlers, except
 * matching), with-statements and the eval breaker. */
#include "runtime.h"
#include "pyaot/helpers.h"
#include "internal/pycore_object.h"
#include "internal/pycore_pyerrors.h"

/* ---- raising ---- */

/* `raise` forms; steals exc and cause. Returns 1 for a bare re-raise. */
static int do_raise(PyThreadState *tstate, PyObject *exc, PyObject *cause)
{
    if (exc == NULL) {
        PyObject *value = _PyErr_GetTopmostException(tstate)->exc_value;
        if (value == NULL || Py_IsNone(value)) {
            _PyErr_SetString(tstate, PyExc_RuntimeError,
                             "No active exception to reraise");
            return 0;
        }
        _PyErr_Restore(tstate, Py_NewRef(PyExceptionInstance_Class(value)),
                       Py_NewRef(value), PyException_GetTraceback(value));
        return 1;
    }

    PyObject *type, *value;
    if (PyExceptionClass_Check(exc)) {
        type = exc;
        value = PyObject_CallNoArgs(exc);
        if (value == NULL)
            goto fail;
        if (!PyExceptionInstance_Check(value)) {
            _PyErr_Format(tstate, PyExc_TypeError,
                          "calling %R should have returned an instance of "
                          "BaseException, not %R", type, Py_TYPE(value));
            goto fail;
        }
    }
    else if (PyExceptionInstance_Check(exc)) {
        value = exc;
        type = Py_NewRef(PyExceptionInstance_Class(exc));
    }
    else {
        Py_DECREF(exc);
        _PyErr_SetString(tstate, PyExc_TypeError,
                         "exceptions must derive from BaseException");
        type = value = NULL;
        goto fail;
    }

    if (cause != NULL) {
        PyObject *fixed;
        if (PyExceptionClass_Check(cause)) {
            fixed = PyObject_CallNoArgs(cause);
            if (fixed == NULL)
                goto fail;
            Py_DECREF(cause);
        }
        else if (PyExceptionInstance_Check(cause)) {
            fixed = cause;
        }
        else if (Py_IsNone(cause)) {
            /* `from None`: no cause, but the context is suppressed (which
             * PyException_SetCause does in every case). */
            Py_DECREF(cause);
            fixed = NULL;
        }
        else {
            _PyErr_SetString(tstate, PyExc_TypeError,
                             "exception causes must derive from BaseException");
            goto fail;
        }
        PyException_SetCause(value, fixed);
    }

    _PyErr_SetObject(tstate, type, value);
    Py_DECREF(value);
    Py_DECREF(type);
    return 0;

fail:
    Py_XDECREF(value);
    Py_XDECREF(type);
    Py_XDECREF(cause);
    return 0;
}

int rt_raise(PyThreadState *tstate, PyObject *exc, PyObject *cause, int oparg)
{
    if (oparg < 0 || oparg > 2) {
        Py_XDECREF(exc);
        Py_XDECREF(cause);
        _PyErr_SetString(tstate, PyExc_SystemError, "bad RAISE_VARARGS oparg");
        return 0;
    }
    return do_raise(tstate, exc, cause);
}

int rt_reraise(PyThreadState *tstate, _PyInterpreterFrame *frame,
               PyObject *exc, PyObject *lasti)
{
    if (lasti != NULL) {
        if (!PyLong_Check(lasti)) {
            /* Goes to the interpreter's `error:`, so a traceback entry is
             * due: return 0, not 1. */
            Py_DECREF(exc);
            _PyErr_SetString(tstate, PyExc_SystemError, "lasti is not an int");
            return 0;
        }
        /* The traceback must point at the instruction that raised first. */
        frame->prev_instr = _PyCode_CODE(frame->f_code) + PyLong_AsLong(lasti);
    }
    _PyErr_Restore(tstate, Py_NewRef(PyExceptionInstance_Class(exc)), exc,
                   PyException_GetTraceback(exc));
    return 1;
}

/* ---- unwinding ---- */

/* The frame object of frame, created if needed. PyEval_GetFrame() is the
 * exported way to materialize one, and it works on the thread's current
 * frame, so frame is made current for the call if it is not already. The
 * pending exception is set aside meanwhile: PyEval_GetFrame clears errors
 * when it fails. */
static PyFrameObject *frame_object(PyThreadState *tstate,
                                   _PyInterpreterFrame *frame)
{
    if (frame->frame_obj != NULL)
        return frame->frame_obj;
    _PyInterpreterFrame *current = tstate->cframe->current_frame;
    PyObject *type, *value, *tb;
    _PyErr_Fetch(tstate, &type, &value, &tb);
    tstate->cframe->current_frame = frame;
    PyFrameObject *f = PyEval_GetFrame();
    tstate->cframe->current_frame = current;
    if (f == NULL) {
        /* Only allocating the object fails, and then the interpreter
         * propagates that MemoryError instead of the original error. */
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(tb);
        PyErr_NoMemory();
        return NULL;
    }
    _PyErr_Restore(tstate, type, value, tb);
    /* PyEval_GetFrame skips incomplete frames; never attach another's. */
    return f == frame->frame_obj ? f : NULL;
}

void rt_add_traceback(PyThreadState *tstate, _PyInterpreterFrame *frame)
{
    if (!_PyErr_Occurred(tstate))
        _PyErr_SetString(tstate, PyExc_SystemError,
                         "error return without exception set");
    /* A frame still in its prologue (before RESUME) is not shown. */
    if (_PyFrame_IsIncomplete(frame))
        return;
    PyFrameObject *f = frame_object(tstate, frame);
    if (f != NULL)
        PyTraceBack_Here(f);
}

int rt_unwind_push(PyThreadState *tstate, _PyInterpreterFrame *frame,
                   int lasti_flag, PyObject **out)
{
    if (lasti_flag) {
        PyObject *lasti = PyLong_FromLong(_PyInterpreterFrame_LASTI(frame));
        if (lasti == NULL)
            return -1;
        *out++ = lasti;
    }
    PyObject *type, *value, *tb;
    _PyErr_Fetch(tstate, &type, &value, &tb);
    /* The handler sees only the instance, so it must carry its traceback. */
    _PyErr_NormalizeException(tstate, &type, &value, &tb);
    PyException_SetTraceback(value, tb != NULL ? tb : Py_None);
    Py_XDECREF(tb);
    Py_XDECREF(type);
    *out = value;
    return 0;
}

/* ---- handling ---- */

PyObject *rt_push_exc_info(PyThreadState *tstate, PyObject *value)
{
    _PyErr_StackItem *exc_info = tstate->exc_info;
    /* The stack takes over exc_info's reference to the previous one. */
    PyObject *prev = exc_info->exc_value != NULL ? exc_info->exc_value
                                                 : Py_NewRef(Py_None);
    exc_info->exc_value = Py_NewRef(value);
    return prev;
}

void rt_pop_except(PyThreadState *tstate, PyObject *prev)
{
    _PyErr_StackItem *exc_info = tstate->exc_info;
    PyObject *old = exc_info->exc_value;
    exc_info->exc_value = prev;
    Py_XDECREF(old);
}

int rt_check_except_type(PyThreadState *tstate, PyObject *right)
{
    int valid = 1;
    if (PyTuple_Check(right)) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(right) && valid; i++)
            valid = PyExceptionClass_Check(PyTuple_GET_ITEM(right, i));
    }
    else {
        valid = PyExceptionClass_Check(right);
    }
    if (!valid) {
        _PyErr_SetString(tstate, PyExc_TypeError,
                         "catching classes that do not inherit from "
                         "BaseException is not allowed");
        return -1;
    }
    return 0;
}

PyObject *rt_check_exc_match(PyThreadState *tstate, PyObject *left,
                             PyObject *right)
{
    if (rt_check_except_type(tstate, right) < 0)
        return NULL;
    int match = PyErr_GivenExceptionMatches(left, right);
    return Py_NewRef(match ? Py_True : Py_False);
}

PyObject *rt_load_assertion_error(PyThreadState *tstate)
{
    (void)tstate;
    return Py_NewRef(PyExc_AssertionError);
}

/* ---- with ---- */

/* BEFORE_WITH and BEFORE_ASYNC_WITH: out[0] the bound exit method,
 * out[1] what the enter method returned; `protocol` names the protocol
 * in the errors. */
static int enter_context(PyThreadState *tstate, PyObject *mgr,
                         PyObject *enter_name, PyObject *exit_name,
                         const char *protocol, PyObject **out)
{
    PyObject *enter = _PyObject_LookupSpecial(mgr, enter_name);
    if (enter == NULL) {
        if (!_PyErr_Occurred(tstate))
            _PyErr_Format(tstate, PyExc_TypeError,
                          "'%.200s' object does not support the %s",
                          Py_TYPE(mgr)->tp_name, protocol);
        return -1;
    }
    PyObject *exit = _PyObject_LookupSpecial(mgr, exit_name);
    if (exit == NULL) {
        if (!_PyErr_Occurred(tstate))
            _PyErr_Format(tstate, PyExc_TypeError,
                          "'%.200s' object does not support the %s "
                          "(missed %U method)",
                          Py_TYPE(mgr)->tp_name, protocol, exit_name);
        Py_DECREF(enter);
        return -1;
    }
    PyObject *res = PyObject_CallNoArgs(enter);
    Py_DECREF(enter);
    if (res == NULL) {
        Py_DECREF(exit);
        return -1;
    }
    out[0] = exit;
    out[1] = res;
    return 0;
}

int rt_before_with(PyThreadState *tstate, PyObject *mgr, PyObject **out)
{
    return enter_context(tstate, mgr, &_Py_ID(__enter__), &_Py_ID(__exit__),
                         "context manager protocol", out);
}

int rt_before_async_with(PyThreadState *tstate, PyObject *mgr,
                         PyObject **out)
{
    return enter_context(tstate, mgr, &_Py_ID(__aenter__),
                         &_Py_ID(__aexit__),
                         "asynchronous context manager protocol", out);
}

PyObject *rt_with_except_start(PyThreadState *tstate, PyObject *exit_func,
                               PyObject *val)
{
    (void)tstate;
    PyObject *tb = PyException_GetTraceback(val);
    /* Unwinding always sets __traceback__, but never pass NULL along. */
    if (tb == NULL)
        tb = Py_NewRef(Py_None);
    /* Slot 0 is scratch space the callee may use (ARGUMENTS_OFFSET). */
    PyObject *stack[4] = {NULL, PyExceptionInstance_Class(val), val, tb};
    PyObject *res = PyObject_Vectorcall(exit_func, stack + 1,
                                        3 | PY_VECTORCALL_ARGUMENTS_OFFSET,
                                        NULL);
    Py_DECREF(tb);
    return res;
}

/* ---- eval breaker ---- */

/* Clears the interpreter's "async exception pending" request and
 * recomputes eval_breaker from the remaining requests, as the interpreter
 * does when it takes the exception; no exported function does this. */
static void unsignal_async_exc(PyInterpreterState *interp)
{
    struct _ceval_state *ceval = &interp->ceval;
    ceval->pending.async_exc = 0;
    int breaker =
        _Py_atomic_load_relaxed(&ceval->gil_drop_request)
        | (_Py_atomic_load_relaxed(&interp->runtime->ceval.signals_pending)
           && _Py_ThreadCanHandleSignals(interp))
        | (_Py_atomic_load_relaxed(&ceval->pending.calls_to_do)
           && _Py_ThreadCanHandlePendingCalls())
        | ceval->pending.async_exc;
    _Py_atomic_store_relaxed(&ceval->eval_breaker, breaker);
}

static int eval_breaker(PyThreadState *tstate)
{
    PyInterpreterState *interp = tstate->interp;
    struct _ceval_state *ceval = &interp->ceval;

    /* Signal handlers and pending calls; Py_MakePendingCalls does both and
     * itself skips them on threads that may not run them. */
    if (_Py_atomic_load_relaxed(&interp->runtime->ceval.signals_pending)
        || _Py_atomic_load_relaxed(&ceval->pending.calls_to_do)) {
        if (Py_MakePendingCalls() != 0)
            return -1;
    }

    if (_Py_atomic_load_relaxed(&ceval->gil_drop_request)) {
        /* Give another thread a chance to run. */
        PyThreadState *saved = PyEval_SaveThread();
        PyEval_RestoreThread(saved);
    }

    if (tstate->async_exc != NULL) {
        PyObject *exc = tstate->async_exc;
        tstate->async_exc = NULL;
        unsignal_async_exc(interp);
        _PyErr_SetNone(tstate, exc);
        Py_DECREF(exc);
        return -1;
    }
    return 0;
}

/* Where native code polls the eval breaker: what it asks for done (-1
 * when that raised), then 1 when tracing or profiling is on for this
 * thread now (a debugger, sys.settrace from a signal handler), so that
 * the frame goes on in the interpreter, else 0. */
int rt_poll(PyThreadState *tstate, _PyInterpreterFrame *frame)
{
    (void)frame;
    if (eval_breaker(tstate) < 0)
        return -1;
    return tstate->cframe->use_tracing != 0;
}

/* The rest of a native frame, run by the interpreter from prev_instr + 1
 * with the stack native code left in the frame: tracing was switched on
 * while it ran. The frame stays linked where native code linked it; the
 * interpreter links it again, so it is unlinked while the interpreter
 * runs it. */
PyObject *rt_trace_handoff(PyThreadState *tstate, _PyInterpreterFrame *frame)
{
    _PyCFrame *cframe = tstate->cframe;
    cframe->current_frame = frame->previous;
    PyObject *result = _PyEval_EvalFrameDefault(tstate, frame, 0);
    cframe->current_frame = frame;
    return result;
}

/* The rest of a native frame in which an exception was just raised while
 * a trace function is set: the interpreter adds the traceback entry,
 * reports the 'exception' event, unwinds to the handler at the level the
 * frame's stack (spilled as above, prev_instr at the raising instruction)
 * is at, and traces the handler's lines, as it would have had it run the
 * frame all along. It enters with use_tracing off, so as not to report
 * the 'call' a generator resumed by throw() reports; reporting the
 * exception turns it back on. */
PyObject *rt_trace_error_handoff(PyThreadState *tstate,
                                 _PyInterpreterFrame *frame)
{
    _PyCFrame *cframe = tstate->cframe;
    cframe->current_frame = frame->previous;
    cframe->use_tracing = 0;
    PyObject *result = _PyEval_EvalFrameDefault(tstate, frame, 1);
    cframe->current_frame = frame;
    return result;
}
