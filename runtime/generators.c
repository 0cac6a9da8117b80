/* Runtime helpers for generators and coroutines: the object
 * RETURN_GENERATOR makes for a frame, SEND, and the await and async-for
 * protocols. 3.11 keeps the interpreter's versions private (_Py_MakeCoro,
 * _PyCoro_GetAwaitableIter, _PyGen_yf, _PyAsyncGenValueWrapperNew), so
 * they are written here against the public object layouts. */
#include <string.h>

#include "pyaot/helpers.h"
#include "runtime.h"
#include "pyaot/v311/layouts.h"
#include "opcode.h"

/* ---- making the generator ---- */

/* cr_origin: (filename, line, function name) of the `depth` innermost
 * frames from `frame` outwards, as sys.set_coroutine_origin_tracking_depth
 * asks for. */
static PyObject *origin_of(_PyInterpreterFrame *frame, int depth)
{
    int n = 0;
    for (_PyInterpreterFrame *f = frame; f && n < depth; f = f->previous)
        n++;
    PyObject *origin = PyTuple_New(n);
    for (int i = 0; origin && i < n; i++, frame = frame->previous) {
        PyCodeObject *co = frame->f_code;
        int line = PyCode_Addr2Line(co, _PyInterpreterFrame_LASTI(frame) *
                                            (int)sizeof(_Py_CODEUNIT));
        PyObject *where = Py_BuildValue("OiO", co->co_filename, line,
                                        co->co_name);
        if (!where)
            Py_CLEAR(origin);
        else
            PyTuple_SET_ITEM(origin, i, where);
    }
    return origin;
}

static PyTypeObject *generator_type(PyCodeObject *co)
{
    switch (co->co_flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR)) {
    case CO_GENERATOR: return &PyGen_Type;
    case CO_COROUTINE: return &PyCoro_Type;
    case CO_ASYNC_GENERATOR: return &PyAsyncGen_Type;
    }
    PyErr_Format(PyExc_SystemError,
                 "pyaot: RETURN_GENERATOR in %R, which is not a generator's",
                 co);
    return NULL;
}

/* RETURN_GENERATOR: the generator, coroutine or async generator that
 * takes the running frame over. What stays behind is an empty frame that
 * the caller clears and pops as usual; the generator's copy resumes at
 * the next instruction on its first send(). */
PyObject *rt_make_generator(PyThreadState *ts, _PyInterpreterFrame *frame)
{
    PyCodeObject *co = frame->f_code;
    PyFunctionObject *func = frame->f_func;
    PyTypeObject *type = generator_type(co);
    if (!type)
        return NULL;
    PyGenObject *gen = PyObject_GC_NewVar(PyGenObject, type,
                                          co->co_nlocalsplus +
                                              co->co_stacksize);
    if (!gen)
        return NULL;
    gen->gi_code = (PyCodeObject *)Py_NewRef(co);
    gen->gi_weakreflist = NULL;
    gen->gi_name = Py_NewRef(func->func_name);
    gen->gi_qualname = Py_NewRef(func->func_qualname);
    gen->gi_exc_state.exc_value = NULL;
    gen->gi_exc_state.previous_item = NULL;
    gen->gi_origin_or_finalizer = NULL;
    gen->gi_hooks_inited = gen->gi_closed = gen->gi_running_async = 0;
    gen->gi_frame_state = FRAME_CLEARED; /* no frame to visit yet */
    PyObject_GC_Track(gen);
    int depth = ts->coroutine_origin_tracking_depth;
    if (type == &PyCoro_Type && depth > 0 &&
        !(gen->gi_origin_or_finalizer = origin_of(frame->previous, depth))) {
        Py_DECREF(gen);
        return NULL;
    }
    _PyInterpreterFrame *own = (_PyInterpreterFrame *)gen->gi_iframe;
    memcpy(own, frame,
           (char *)&frame->localsplus[frame->stacktop] - (char *)frame);
    own->owner = FRAME_OWNED_BY_GENERATOR;
    own->previous = NULL; /* not running: each send() links it anew */
    gen->gi_frame_state = FRAME_CREATED;
    /* The references moved with the copy; the frame left behind keeps
     * only those its clearing releases. */
    frame->stacktop = 0;
    frame->f_locals = NULL;
    Py_INCREF(frame->f_func);
    Py_INCREF(frame->f_code);
    return (PyObject *)gen;
}

/* A resume dispatch found prev_instr at no resume point it knows. */
void rt_bad_resume(PyThreadState *ts, _PyInterpreterFrame *frame)
{
    (void)ts;
    PyErr_Format(PyExc_SystemError,
                 "pyaot: %U cannot resume at offset %d",
                 frame->f_code->co_qualname,
                 _PyInterpreterFrame_LASTI(frame) * (int)sizeof(_Py_CODEUNIT));
}

/* ---- delegating: yield from, await ---- */

/* SEND: 0 when the subiterator yielded *out, 1 when it returned *out,
 * -1 on an error; the value sent is released in every case. */
int rt_send(PyThreadState *ts, PyObject *receiver, PyObject *value,
            PyObject **out)
{
    int r = rt_resume_native(ts, receiver, value, out);
    if (r == RT_RESUME_ELSEWHERE)
        r = PyIter_Send(receiver, value, out);
    Py_DECREF(value);
    return r == PYGEN_ERROR ? -1 : r == PYGEN_RETURN;
}

/* GET_YIELD_FROM_ITER: generators and (in coroutines) coroutines are
 * delegated to as they are, anything else through iter(). */
PyObject *rt_get_yield_from_iter(_PyInterpreterFrame *frame,
                                 PyObject *iterable)
{
    if (PyCoro_CheckExact(iterable)) {
        if (!(frame->f_code->co_flags &
              (CO_COROUTINE | CO_ITERABLE_COROUTINE))) {
            PyErr_SetString(PyExc_TypeError,
                            "cannot 'yield from' a coroutine object in a "
                            "non-coroutine generator");
            return NULL;
        }
        return Py_NewRef(iterable);
    }
    if (PyGen_CheckExact(iterable))
        return Py_NewRef(iterable);
    return PyObject_GetIter(iterable);
}

/* A coroutine, or a generator made a coroutine by types.coroutine. */
static bool is_coroutine(PyObject *o)
{
    return PyCoro_CheckExact(o) ||
           (PyGen_CheckExact(o) &&
            (((PyGenObject *)o)->gi_code->co_flags & CO_ITERABLE_COROUTINE));
}

static unaryfunc await_slot(PyTypeObject *type)
{
    return type->tp_as_async ? type->tp_as_async->am_await : NULL;
}

/* What `await o` iterates: a coroutine itself, otherwise the iterator
 * that o.__await__() returns. */
static PyObject *awaited_iterator(PyObject *o)
{
    if (is_coroutine(o))
        return Py_NewRef(o);
    unaryfunc am_await = await_slot(Py_TYPE(o));
    if (!am_await) {
        PyErr_Format(PyExc_TypeError,
                     "object %.100s can't be used in 'await' expression",
                     Py_TYPE(o)->tp_name);
        return NULL;
    }
    PyObject *it = am_await(o);
    if (it && is_coroutine(it)) {
        PyErr_SetString(PyExc_TypeError, "__await__() returned a coroutine");
        Py_CLEAR(it);
    } else if (it && !PyIter_Check(it)) {
        PyErr_Format(PyExc_TypeError,
                     "__await__() returned non-iterator of type '%.100s'",
                     Py_TYPE(it)->tp_name);
        Py_CLEAR(it);
    }
    return it;
}

/* Whether a suspended coroutine is inside an await (3.11's _PyGen_yf):
 * its frame stopped at a yield followed by RESUME 2 or 3. */
static bool is_awaiting(PyGenObject *gen)
{
    if (gen->gi_frame_state == FRAME_CREATED ||
        gen->gi_frame_state >= FRAME_CLEARED)
        return false;
    _PyInterpreterFrame *frame = (_PyInterpreterFrame *)gen->gi_iframe;
    _Py_CODEUNIT next = frame->prev_instr[1];
    int op = _Py_OPCODE(next);
    return (op == RESUME || op == RESUME_QUICK) && _Py_OPARG(next) >= 2;
}

/* GET_AWAITABLE; oparg 1 and 2 say the object came from __aenter__ or
 * __aexit__, which the error then names. */
PyObject *rt_get_awaitable(PyObject *iterable, int oparg)
{
    PyObject *it = awaited_iterator(iterable);
    if (!it) {
        PyTypeObject *type = Py_TYPE(iterable);
        if ((oparg == 1 || oparg == 2) && !await_slot(type))
            PyErr_Format(PyExc_TypeError,
                         "'async with' received an object from %s that "
                         "does not implement __await__: %.100s",
                         oparg == 1 ? "__aenter__" : "__aexit__",
                         type->tp_name);
        return NULL;
    }
    if (PyCoro_CheckExact(it) && is_awaiting((PyGenObject *)it)) {
        Py_DECREF(it);
        PyErr_SetString(PyExc_RuntimeError,
                        "coroutine is being awaited already");
        return NULL;
    }
    return it;
}

/* ---- async generators and async for ---- */

/* ASYNC_GEN_WRAP: a value an async generator yields, marked so that its
 * asend() tells it from a value an await inside it passes up. */
PyObject *rt_async_gen_wrap(PyObject *value)
{
    asyncgen_value_layout *w =
        PyObject_GC_New(asyncgen_value_layout, &_PyAsyncGenWrappedValue_Type);
    if (!w)
        return NULL;
    w->agw_val = Py_NewRef(value);
    PyObject_GC_Track(w);
    return (PyObject *)w;
}

static unaryfunc async_slot(PyTypeObject *type, bool next)
{
    PyAsyncMethods *am = type->tp_as_async;
    return !am ? NULL : next ? am->am_anext : am->am_aiter;
}

/* The slot `async for` needs of `o`, or NULL with its TypeError. */
static unaryfunc async_slot_or_error(PyObject *o, bool next)
{
    unaryfunc slot = async_slot(Py_TYPE(o), next);
    if (!slot)
        PyErr_Format(PyExc_TypeError,
                     "'async for' requires %s with %s method, got %.100s",
                     next ? "an iterator" : "an object",
                     next ? "__anext__" : "__aiter__", Py_TYPE(o)->tp_name);
    return slot;
}

/* GET_AITER: aiter(obj), which must have __anext__. */
PyObject *rt_get_aiter(PyObject *obj)
{
    unaryfunc aiter = async_slot_or_error(obj, false);
    if (!aiter)
        return NULL;
    PyObject *it = aiter(obj);
    if (it && !async_slot(Py_TYPE(it), true)) {
        PyErr_Format(PyExc_TypeError,
                     "'async for' received an object from __aiter__ that "
                     "does not implement __anext__: %.100s",
                     Py_TYPE(it)->tp_name);
        Py_CLEAR(it);
    }
    return it;
}

/* GET_ANEXT: what `async for` awaits for the next item. */
PyObject *rt_get_anext(PyObject *aiter)
{
    if (PyAsyncGen_CheckExact(aiter))
        return async_slot(Py_TYPE(aiter), true)(aiter);
    unaryfunc anext = async_slot_or_error(aiter, true);
    if (!anext)
        return NULL;
    PyObject *next = anext(aiter);
    if (!next)
        return NULL;
    PyObject *awaitable = awaited_iterator(next);
    if (!awaitable)
        _PyErr_FormatFromCause(PyExc_TypeError,
                               "'async for' received an invalid object from "
                               "__anext__: %.100s",
                               Py_TYPE(next)->tp_name);
    Py_DECREF(next);
    return awaitable;
}

/* END_ASYNC_FOR: 0 when `exc` ends the iteration; else -1 with it set
 * again, to be raised on as it is. */
int rt_end_async_for(PyThreadState *ts, PyObject *exc)
{
    (void)ts;
    if (PyErr_GivenExceptionMatches(exc, PyExc_StopAsyncIteration))
        return 0;
    PyErr_Restore(Py_NewRef(PyExceptionInstance_Class(exc)), Py_NewRef(exc),
                  PyException_GetTraceback(exc));
    return -1;
}
