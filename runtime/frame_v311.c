/* The rare paths of the 3.11 frame discipline (frame_v311.h): a frame
 * whose frame object outlives the call, and the pops call entries leave
 * to the runtime. */
#include <string.h>

#include "frame_v311.h"
#include "pyaot/helpers.h"

/* What CPython's take_ownership does (private to frame.c): a frame object
 * outlives the call, so it gets its own copy of the frame, and its f_back
 * the caller's frame object. */
void rt_give_to_frame_object(PyThreadState *ts, PyFrameObject *f,
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

/* rt_frame_pop for call entries (pyaot_enter_fn), which pop inline only
 * a frame with no frame object and all its locals there. */
void rt_frame_pop_out(PyThreadState *ts, _PyInterpreterFrame *frame)
{
    rt_frame_pop(ts, frame);
}
