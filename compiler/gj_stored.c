/* The fields generated code stores to, each accessed through one type.
 *
 * Generated code is compiled with gcc's type-based alias analysis: a store
 * through one type is taken to leave what a load through another type
 * reads unchanged. libgccjit has no C front end to soften that: each type
 * is its own alias set (char aliases nothing, signed and unsigned apart,
 * PyObject * apart from PyObject **); only void * aliases every pointer.
 * So every access to a location generated code writes goes through
 * gj_at, with the type below, and the elements it writes at computed
 * places (a list's items, a frame's locals and stack, an instance's
 * attribute values, an object's reference count) are PyObject * and
 * Py_ssize_t everywhere; a field only the runtime writes (in calls,
 * which clobber all memory) may be read through gj_read with any type. */
#include "pyaot/pyinternal.h"
#include "pyaot/native.h"
#include "pyaot/v311/layouts.h"
#include "gj.h"

enum stored_type { OBJ, OBJ_ARRAY, ANY_PTR, CODE_PTR, INT, CHAR, INT8, SSIZE,
                   U64 };

static const struct {
    long offset;
    enum stored_type type;
} stored[GJ_NSTORED] = {
    [GJ_FRAME_FUNC] = {offsetof(_PyInterpreterFrame, f_func), OBJ},
    [GJ_FRAME_GLOBALS] = {offsetof(_PyInterpreterFrame, f_globals), OBJ},
    [GJ_FRAME_BUILTINS] = {offsetof(_PyInterpreterFrame, f_builtins), OBJ},
    [GJ_FRAME_LOCALS] = {offsetof(_PyInterpreterFrame, f_locals), OBJ},
    [GJ_FRAME_CODE] = {offsetof(_PyInterpreterFrame, f_code), OBJ},
    [GJ_FRAME_FRAME_OBJ] = {offsetof(_PyInterpreterFrame, frame_obj), OBJ},
    [GJ_FRAME_PREVIOUS] = {offsetof(_PyInterpreterFrame, previous), ANY_PTR},
    [GJ_FRAME_PREV_INSTR] = {offsetof(_PyInterpreterFrame, prev_instr),
                             CODE_PTR},
    [GJ_FRAME_STACKTOP] = {offsetof(_PyInterpreterFrame, stacktop), INT},
    [GJ_FRAME_IS_ENTRY] = {offsetof(_PyInterpreterFrame, is_entry), CHAR},
    [GJ_FRAME_OWNER] = {offsetof(_PyInterpreterFrame, owner), CHAR},
    [GJ_FRAME_LOCALSPLUS] = {offsetof(_PyInterpreterFrame, localsplus), OBJ},
    /* a generator's state, just before its frame (_PyFrame_GetGenerator) */
    [GJ_FRAME_GEN_STATE] = {offsetof(PyGenObject, gi_frame_state) -
                                offsetof(PyGenObject, gi_iframe),
                            INT8},
    [GJ_TS_DATASTACK_TOP] = {offsetof(PyThreadState, datastack_top),
                             OBJ_ARRAY},
    [GJ_TS_RECURSION_REMAINING] = {offsetof(PyThreadState,
                                            recursion_remaining),
                                   INT},
    [GJ_CFRAME_CURRENT_FRAME] = {offsetof(_PyCFrame, current_frame),
                                 ANY_PTR},
    [GJ_VAR_SIZE] = {offsetof(PyVarObject, ob_size), SSIZE},
    [GJ_LIST_ITEMS] = {offsetof(PyListObject, ob_item), OBJ_ARRAY},
    [GJ_RANGEITER_INDEX] = {offsetof(rangeiter_layout, index), SSIZE},
    [GJ_LISTITER_INDEX] = {offsetof(listiter_layout, it_index), SSIZE},
    [GJ_CELL_REF] = {offsetof(PyCellObject, ob_ref), OBJ},
    [GJ_SHARED_NATIVE_CALLS] = {offsetof(pyaot_shared, native_calls), U64},
};

static gcc_jit_type *type_of(gj_module *m, enum stored_type t)
{
    switch (t) {
    case OBJ: return m->t.objp;
    case OBJ_ARRAY: return m->t.objpp;
    case ANY_PTR: return m->t.voidp;
    case CODE_PTR: return m->t.charp;
    case INT: return m->t.int_;
    case CHAR: return m->t.char_;
    case INT8: return gcc_jit_context_get_int_type(m->ctx, 1, 1);
    case SSIZE: return m->t.ssize;
    case U64: return m->u64;
    }
    return m->t.voidp;
}

gcc_jit_lvalue *gj_at(gj_module *m, gcc_jit_rvalue *p, enum gj_stored f)
{
    return gj_field(m, p, stored[f].offset, type_of(m, stored[f].type));
}

gcc_jit_rvalue *gj_get(gj_module *m, gcc_jit_rvalue *p, enum gj_stored f)
{
    return gcc_jit_lvalue_as_rvalue(gj_at(m, p, f));
}

gcc_jit_type *gj_stored_type(gj_module *m, enum gj_stored f)
{
    return type_of(m, stored[f].type);
}
