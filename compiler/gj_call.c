/* CALL inline for C callables: METH_FASTCALL builtin functions and
 * method descriptors through their C function, as 3.11's
 * PRECALL_BUILTIN_FAST and PRECALL_NO_KW_METHOD_DESCRIPTOR_FAST call
 * them; other builtins, method descriptors and builtin classes, anything
 * else with a vectorcall entry, through that entry as the other
 * PRECALL_BUILTIN_*, PRECALL_*_METHOD_DESCRIPTOR_* and
 * PRECALL_BUILTIN_CLASS do; all without rt_call's dispatch. Python
 * functions go to rt_call_py, which runs native callees directly; bound
 * methods and what has no entry (classes with __init__, objects with
 * only tp_call) to rt_call. */
#include "gj.h"

/* The vectorcall entry of `callable`, or NULL when its type has none. */
static gcc_jit_rvalue *vectorcall_of(gj_emitter *e, gcc_jit_block **b,
                                     gcc_jit_rvalue *callable,
                                     gcc_jit_block *none)
{
    gj_module *m = e->m;
    gcc_jit_rvalue *tp = gcc_jit_lvalue_as_rvalue(
        gcc_jit_rvalue_dereference_field(callable, NULL, m->t.ob_type));
    gcc_jit_rvalue *flags = gj_read(e, tp, offsetof(PyTypeObject, tp_flags),
                                    m->u64);
    gcc_jit_rvalue *has = gcc_jit_context_new_binary_op(
        e->c, NULL, GCC_JIT_BINARY_OP_BITWISE_AND, m->u64, flags,
        gcc_jit_context_new_rvalue_from_long(e->c, m->u64,
                                             Py_TPFLAGS_HAVE_VECTORCALL));
    *b = gj_branch(e, *b,
                   gcc_jit_context_new_comparison(
                       e->c, NULL, GCC_JIT_COMPARISON_EQ, has,
                       gcc_jit_context_zero(e->c, m->u64)),
                   none);
    gcc_jit_rvalue *offset = gj_read(
        e, tp, offsetof(PyTypeObject, tp_vectorcall_offset), m->t.ssize);
    gcc_jit_lvalue *entry = gcc_jit_rvalue_dereference(
        gcc_jit_context_new_cast(
            e->c, NULL,
            gcc_jit_lvalue_get_address(
                gcc_jit_context_new_array_access(
                    e->c, NULL,
                    gcc_jit_context_new_cast(e->c, NULL, callable, m->t.charp),
                    offset),
                NULL),
            gcc_jit_type_get_pointer(m->vectorcall)),
        NULL);
    gcc_jit_lvalue *vc = gj_temp(e, m->vectorcall);
    gj_assign(*b, vc, gcc_jit_lvalue_as_rvalue(entry));
    *b = gj_branch(e, *b,
                   gcc_jit_context_new_comparison(
                       e->c, NULL, GCC_JIT_COMPARISON_EQ,
                       gcc_jit_lvalue_as_rvalue(vc),
                       gcc_jit_context_null(e->c, m->vectorcall)),
                   none);
    return gcc_jit_lvalue_as_rvalue(vc);
}

/* Jumps to `no` unless `def` (a PyMethodDef *) is METH_FASTCALL alone;
 * returns its C function. */
static gcc_jit_rvalue *fastcall_of(gj_emitter *e, gcc_jit_block **b,
                                   gcc_jit_rvalue *def, gcc_jit_block *no)
{
    gcc_jit_rvalue *flags = gj_read(e, def, offsetof(PyMethodDef, ml_flags),
                                    e->m->t.int_);
    *b = gj_branch(e, *b, gj_cmp(e, GCC_JIT_COMPARISON_NE, flags, METH_FASTCALL),
                   no);
    return gj_read(e, def, offsetof(PyMethodDef, ml_meth), e->m->cfast);
}

/* The fast C calls: res = the call, then on to `called`; anything else
 * goes on to `other`. The callable is exactly a builtin function or a
 * method descriptor (its first argument exactly of its type) whose C
 * function is METH_FASTCALL. As in 3.11's specialised calls, no
 * recursion level is counted (the vectorcall entries count one). */
static void fast_c_call(gj_emitter *e, gcc_jit_block *b, gcc_jit_rvalue *c,
                        gcc_jit_rvalue *args, gcc_jit_rvalue *nargsf,
                        gcc_jit_lvalue *res, gcc_jit_block *called,
                        gcc_jit_block *other)
{
    gj_module *m = e->m;
    gcc_jit_rvalue *nargs = gcc_jit_context_new_cast(
        e->c, NULL,
        gcc_jit_context_new_binary_op(
            e->c, NULL, GCC_JIT_BINARY_OP_BITWISE_AND, m->u64, nargsf,
            gcc_jit_context_new_rvalue_from_long(
                e->c, m->u64, (long)~PY_VECTORCALL_ARGUMENTS_OFFSET)),
        m->t.ssize);
    gcc_jit_block *builtin = gj_new_block(e, "call_builtin_fast");
    gcc_jit_block *descr = gj_new_block(e, "call_descr_fast");
    b = gj_branch(e, b, gj_is_type(e, c, GJ_CFUNCTION), builtin);
    gcc_jit_block_end_with_conditional(b, NULL, gj_is_type(e, c, GJ_METHOD_DESCR),
                                       descr, other);

    gcc_jit_rvalue *fn = fastcall_of(
        e, &builtin,
        gj_read(e, c, offsetof(PyCFunctionObject, m_ml), m->t.voidp), other);
    gcc_jit_rvalue *call[] = {
        gj_read(e, c, offsetof(PyCFunctionObject, m_self), m->t.objp), args,
        nargs};
    gj_assign(builtin, res,
              gcc_jit_context_new_call_through_ptr(e->c, NULL, fn, 3, call));
    gcc_jit_block_end_with_jump(builtin, NULL, called);

    fn = fastcall_of(
        e, &descr,
        gj_read(e, c, offsetof(PyMethodDescrObject, d_method), m->t.voidp),
        other);
    descr = gj_branch(e, descr,
                      gcc_jit_context_new_comparison(
                          e->c, NULL, GCC_JIT_COMPARISON_EQ, nargs,
                          gcc_jit_context_zero(e->c, m->t.ssize)),
                      other);
    gcc_jit_rvalue *self = gcc_jit_lvalue_as_rvalue(
        gcc_jit_context_new_array_access(e->c, NULL, args, gj_int_rv(e, 0)));
    gcc_jit_rvalue *self_type = gcc_jit_lvalue_as_rvalue(
        gcc_jit_rvalue_dereference_field(self, NULL, m->t.ob_type));
    descr = gj_branch(
        e, descr,
        gcc_jit_context_new_comparison(
            e->c, NULL, GCC_JIT_COMPARISON_NE, self_type,
            gj_read(e, c, offsetof(PyMethodDescrObject, d_common.d_type),
                    m->t.voidp)),
        other);
    gcc_jit_rvalue *method_call[] = {
        self,
        gcc_jit_lvalue_get_address(
            gcc_jit_context_new_array_access(e->c, NULL, args, gj_int_rv(e, 1)),
            NULL),
        gcc_jit_context_new_binary_op(e->c, NULL, GCC_JIT_BINARY_OP_MINUS,
                                      m->t.ssize, nargs,
                                      gcc_jit_context_one(e->c, m->t.ssize))};
    gj_assign(descr, res,
              gcc_jit_context_new_call_through_ptr(e->c, NULL, fn, 3,
                                                   method_call));
    gcc_jit_block_end_with_jump(descr, NULL, called);
}

/* Slots base .. base+oparg+1 hold the method or NULL, the callable or
 * self, then the arguments, as rt_call takes them (all stolen). */
void gj_call(gj_emitter *e, int dst, int base, int oparg, const em_exit *ex)
{
    gj_module *m = e->m;
    int n = oparg + 2;
    /* One spare entry: without self, the arguments start at index 2. */
    gcc_jit_lvalue *arr = gj_temp_array(e, n + 1);
    for (int k = 0; k < n; k++)
        gj_assign(e->cur, gj_elem(e, arr, k), gj_slot(e, base + k));
    gcc_jit_lvalue *callable = gj_temp(e, m->t.objp);
    gcc_jit_lvalue *args = gj_temp(e, m->t.objpp);
    gcc_jit_lvalue *nargs = gj_temp(e, m->u64);
    gcc_jit_lvalue *res = gj_temp(e, m->t.objp);
    gcc_jit_block *meth = gj_new_block(e, NULL), *plain = gj_new_block(e, NULL);
    gcc_jit_block *b = gj_new_block(e, "call_kind");
    gcc_jit_block *generic = gj_new_block(e, "call_generic");
    gcc_jit_block *done = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        e->cur, NULL,
        gcc_jit_context_new_comparison(e->c, NULL, GCC_JIT_COMPARISON_NE,
                                       gj_slot(e, base), gj_null_obj(e)),
        meth, plain);
    /* PY_VECTORCALL_ARGUMENTS_OFFSET: the entry before the arguments is
     * ours, so a callee may borrow it to prepend self. */
    const size_t offset_flag = PY_VECTORCALL_ARGUMENTS_OFFSET;
    gj_assign(meth, callable, gcc_jit_lvalue_as_rvalue(gj_elem(e, arr, 0)));
    gj_assign(meth, args, gcc_jit_lvalue_get_address(gj_elem(e, arr, 1), NULL));
    gj_assign(meth, nargs, gcc_jit_context_new_rvalue_from_long(
                               e->c, m->u64, (long)(oparg + 1 + offset_flag)));
    gcc_jit_block_end_with_jump(meth, NULL, b);
    gj_assign(plain, callable, gcc_jit_lvalue_as_rvalue(gj_elem(e, arr, 1)));
    gj_assign(plain, args, gcc_jit_lvalue_get_address(gj_elem(e, arr, 2), NULL));
    gj_assign(plain, nargs, gcc_jit_context_new_rvalue_from_long(
                                e->c, m->u64, (long)(oparg + offset_flag)));
    gcc_jit_block_end_with_jump(plain, NULL, b);

    gcc_jit_rvalue *c = gcc_jit_lvalue_as_rvalue(callable);
    gcc_jit_block *python = gj_new_block(e, "call_python");
    b = gj_branch(e, b, gj_is_type(e, c, GJ_FUNCTION), python);
    b = gj_branch(e, b, gj_is_type(e, c, GJ_METHOD), generic);
    gcc_jit_block *called = gj_new_block(e, NULL);
    gcc_jit_block *vector = gj_new_block(e, "call_vector");
    fast_c_call(e, b, c, gcc_jit_lvalue_as_rvalue(args),
                gcc_jit_lvalue_as_rvalue(nargs), res, called, vector);
    b = vector;
    gcc_jit_rvalue *vc = vectorcall_of(e, &b, c, generic);
    gcc_jit_rvalue *call_args[] = {c, gcc_jit_lvalue_as_rvalue(args),
                                   gcc_jit_lvalue_as_rvalue(nargs),
                                   gj_null_obj(e)};
    gj_assign(b, res, gcc_jit_context_new_call_through_ptr(e->c, NULL, vc, 4,
                                                           call_args));
    gcc_jit_block_end_with_jump(b, NULL, called);
    b = called;
    b = gj_decref_in(e, b, gcc_jit_lvalue_as_rvalue(gj_elem(e, arr, 0)), true);
    for (int k = 1; k < n; k++)
        b = gj_decref_in(e, b, gcc_jit_lvalue_as_rvalue(gj_elem(e, arr, k)),
                         false);
    gcc_jit_block_end_with_jump(b, NULL, done);

    gcc_jit_rvalue *rt_args[] = {e->ts, gj_array_ptr(e, arr), gj_int_rv(e, oparg),
                                 gj_null_obj(e)};
    gj_assign(generic, res, gj_call_helper(e, EH_rt_call, 4, rt_args));
    gcc_jit_block_end_with_jump(generic, NULL, done);
    gj_assign(python, res, gj_call_helper(e, EH_rt_call_py, 3, rt_args));
    gcc_jit_block_end_with_jump(python, NULL, done);

    e->cur = done;
    for (int k = 0; k < n; k++)
        gj_assign(e->cur, e->slots[base + k], gj_null_obj(e));
    gj_fail_if(e, gj_eq(e, gcc_jit_lvalue_as_rvalue(res), gj_null_obj(e)), ex);
    gj_assign(e->cur, e->slots[dst], gcc_jit_lvalue_as_rvalue(res));
}
