/* Generators in the gccjit backend: the resume dispatch a generator's
 * native function starts with, suspending at a yield, and SEND; and the
 * hand-over of a running frame to the interpreter when tracing starts. A
 * suspended frame is laid out as the interpreter lays it out (stack in
 * localsplus[nlocalsplus..stacktop), prev_instr at the instruction that
 * suspended), so either of them can resume it. */
#include <stdlib.h>

#include "pyaot/pyinternal.h"
#include "gj.h"

static gcc_jit_lvalue *stack_entry(gj_emitter *e, int i)
{
    return gj_local(e, e->info->nlocalsplus + i);
}

static gcc_jit_lvalue *stacktop(gj_emitter *e)
{
    return gj_at(e->m, e->f, GJ_FRAME_STACKTOP);
}

/* The stack below `depth` into the frame, where the interpreter keeps
 * it. The references move with it. */
static void spill(gj_emitter *e, gcc_jit_block *b, int depth)
{
    for (int i = 0; i < depth; i++)
        gj_assign(b, stack_entry(e, i), gj_slot(e, i));
    gj_assign(b, stacktop(e), gj_int_rv(e, e->info->nlocalsplus + depth));
}

gcc_jit_block *gj_handoff_block(gj_emitter *e, int depth, bool raised)
{
    gcc_jit_block **at = &e->handoffs[raised * (e->info->nslots + 1) + depth];
    if (*at)
        return *at;
    gcc_jit_block *b = gj_new_block(e, raised ? "raised_to_interpreter"
                                              : "to_interpreter");
    *at = b;
    spill(e, b, depth);
    gcc_jit_rvalue *args[] = {e->ts, e->f};
    gcc_jit_block_end_with_return(
        b, NULL, gj_call_helper(e, raised ? EH_rt_trace_error_handoff
                                          : EH_rt_trace_handoff, 2, args));
    return b;
}

/* One resume point: the frame's stack into slots, the frame's own stack
 * emptied (the slots own the values now), then on, or out through the
 * exception thrown in. */
static gcc_jit_block *resume_block(gj_emitter *e, const em_resume *r)
{
    gcc_jit_block *b = gj_new_block(e, "resume");
    for (int i = 0; i < r->depth; i++)
        gj_assign(b, e->slots[i],
                  gcc_jit_lvalue_as_rvalue(stack_entry(e, i)));
    gj_assign(b, stacktop(e), gj_int_rv(e, e->info->nlocalsplus));
    gcc_jit_block_end_with_conditional(
        b, NULL, gj_cmp(e, GCC_JIT_COMPARISON_NE, e->throwflag, 0),
        gj_exit_block(e, &r->thrown), e->blocks[r->block]);
    return b;
}

/* Ends `entry` with a switch on the frame's prev_instr: the start of the
 * code (a fresh call, which makes the generator) or a resume point.
 * 0, or -1 out of memory. */
int gj_resume_dispatch(gj_emitter *e, gcc_jit_block *entry)
{
    const em_func *fn = e->info;
    gj_module *m = e->m;
    gcc_jit_rvalue *prev = gj_get(m, e->f, GJ_FRAME_PREV_INSTR);
    gcc_jit_rvalue *bytes = gcc_jit_context_new_binary_op(
        e->c, NULL, GCC_JIT_BINARY_OP_MINUS, m->i64,
        gcc_jit_context_new_bitcast(e->c, NULL, prev, m->i64),
        gcc_jit_context_new_bitcast(
            e->c, NULL, gcc_jit_lvalue_as_rvalue(e->first_instr), m->i64));
    gcc_jit_rvalue *unit = gcc_jit_context_new_cast(
        e->c, NULL,
        gcc_jit_context_new_binary_op(
            e->c, NULL, GCC_JIT_BINARY_OP_DIVIDE, m->i64, bytes,
            gcc_jit_context_new_rvalue_from_long(e->c, m->i64,
                                                 sizeof(_Py_CODEUNIT))),
        m->t.int_);

    gcc_jit_case **cases = calloc(fn->nresumes + 1, sizeof *cases);
    if (!cases)
        return -1;
    cases[0] = gcc_jit_context_new_case(e->c, gj_int_rv(e, -1),
                                        gj_int_rv(e, -1), e->blocks[0]);
    for (int i = 0; i < fn->nresumes; i++) {
        gcc_jit_rvalue *u = gj_int_rv(e, fn->resumes[i].unit);
        cases[i + 1] = gcc_jit_context_new_case(
            e->c, u, u, resume_block(e, &fn->resumes[i]));
    }
    gcc_jit_block *bad = gj_new_block(e, "bad_resume");
    gcc_jit_rvalue *args[] = {e->ts, e->f};
    gcc_jit_block_add_eval(bad, NULL,
                           gj_call_helper(e, EH_rt_bad_resume, 2, args));
    gcc_jit_block_end_with_return(bad, NULL, gj_null_obj(e));
    gcc_jit_block_end_with_switch(entry, NULL, unit, bad, fn->nresumes + 1,
                                  cases);
    free(cases);
    return 0;
}

/* YIELD_VALUE: the stack below the value moves into the frame, whose
 * generator is marked suspended (it sits just before the frame, as
 * _PyFrame_GetGenerator finds it), and the value is returned. */
void gj_suspend(gj_emitter *e, int value, int depth)
{
    gj_module *m = e->m;
    spill(e, e->cur, depth);
    gj_assign(e->cur, gj_at(m, e->f, GJ_FRAME_GEN_STATE),
              gcc_jit_context_new_rvalue_from_int(
                  e->c, gj_stored_type(m, GJ_FRAME_GEN_STATE),
                  FRAME_SUSPENDED));
    gcc_jit_block_end_with_return(e->cur, NULL, gj_slot(e, value));
    e->cur = NULL;
}

/* SEND through rt_send, which takes the sent value over: 0 when the
 * subiterator yielded, 1 when it returned. */
void gj_send(gj_emitter *e, int recv, int next, int done, const em_exit *ex)
{
    gcc_jit_lvalue *out = gj_temp_array(e, 1);
    gcc_jit_rvalue *args[] = {e->ts, gj_slot(e, recv), gj_slot(e, recv + 1),
                              gj_array_ptr(e, out)};
    gcc_jit_lvalue *r = gj_temp(e, e->m->t.int_);
    gj_assign(e->cur, r, gj_call_helper(e, EH_rt_send, 4, args));
    gj_assign(e->cur, e->slots[recv + 1], gj_null_obj(e));
    gcc_jit_rvalue *rv = gcc_jit_lvalue_as_rvalue(r);
    gj_fail_if(e, gj_cmp(e, GCC_JIT_COMPARISON_LT, rv, 0), ex);
    gcc_jit_rvalue *result = gcc_jit_lvalue_as_rvalue(gj_elem(e, out, 0));
    gcc_jit_block *yielded = gj_new_block(e, "sent");
    gcc_jit_block *returned = gj_new_block(e, "send_returned");
    gcc_jit_block_end_with_conditional(
        e->cur, NULL, gj_cmp(e, GCC_JIT_COMPARISON_EQ, rv, 0), yielded,
        returned);
    gj_assign(yielded, e->slots[recv + 1], result);
    gcc_jit_block_end_with_jump(yielded, NULL, e->blocks[next]);
    returned = gj_decref_in(e, returned, gj_slot(e, recv), false);
    gj_assign(returned, e->slots[recv], result);
    gcc_jit_block_end_with_jump(returned, NULL, e->blocks[done]);
    e->cur = NULL;
}
