/* Small builders of the gccjit backend: values, blocks, inline reference
 * counting, helper calls and the unwind chains errors leave through. */
#include <stdlib.h>

#include "pyaot/pyinternal.h"
#include "gj.h"

gcc_jit_block *gj_new_block(gj_emitter *e, const char *name)
{
    return gcc_jit_function_new_block(e->fn, name);
}

gcc_jit_rvalue *gj_int_rv(gj_emitter *e, long v)
{
    return gcc_jit_context_new_rvalue_from_long(e->c, e->m->t.int_, v);
}

gcc_jit_rvalue *gj_null_obj(gj_emitter *e)
{
    return gcc_jit_context_null(e->c, e->m->t.objp);
}

gcc_jit_rvalue *gj_slot(gj_emitter *e, int i)
{
    return i < 0 ? gj_null_obj(e) : gcc_jit_lvalue_as_rvalue(e->slots[i]);
}

gcc_jit_rvalue *gj_const(gj_emitter *e, int index)
{
    return gcc_jit_lvalue_as_rvalue(gcc_jit_context_new_array_access(
        e->c, NULL, gcc_jit_lvalue_as_rvalue(e->consts), gj_int_rv(e, index)));
}

gcc_jit_rvalue *gj_addr_of(gj_emitter *e, gcc_jit_lvalue *singleton)
{
    return gcc_jit_lvalue_get_address(singleton, NULL);
}

gcc_jit_rvalue *gj_eq(gj_emitter *e, gcc_jit_rvalue *a, gcc_jit_rvalue *b)
{
    return gcc_jit_context_new_comparison(e->c, NULL, GCC_JIT_COMPARISON_EQ,
                                          a, b);
}

gcc_jit_rvalue *gj_cmp(gj_emitter *e, enum gcc_jit_comparison op,
                           gcc_jit_rvalue *a, long v)
{
    return gcc_jit_context_new_comparison(e->c, NULL, op, a, gj_int_rv(e, v));
}

void gj_assign(gcc_jit_block *b, gcc_jit_lvalue *lv, gcc_jit_rvalue *rv)
{
    gcc_jit_block_add_assignment(b, NULL, lv, rv);
}

gcc_jit_rvalue *gj_expect(gj_emitter *e, gcc_jit_rvalue *cond, bool likely)
{
    gcc_jit_type *lng = gcc_jit_context_get_type(e->c, GCC_JIT_TYPE_LONG);
    gcc_jit_rvalue *args[] = {
        gcc_jit_context_new_cast(e->c, NULL, cond, lng),
        gcc_jit_context_new_rvalue_from_long(e->c, lng, likely),
    };
    gcc_jit_rvalue *v = gcc_jit_context_new_call(
        e->c, NULL,
        gcc_jit_context_get_builtin_function(e->c, "__builtin_expect"), 2,
        args);
    return gcc_jit_context_new_comparison(e->c, NULL, GCC_JIT_COMPARISON_NE,
                                          v, gcc_jit_context_zero(e->c, lng));
}

/* Branches on `cond`; continues emitting in the fall-through block. */
gcc_jit_block *gj_branch(gj_emitter *e, gcc_jit_block *b,
                             gcc_jit_rvalue *cond, gcc_jit_block *if_true)
{
    gcc_jit_block *next = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(b, NULL, cond, if_true, next);
    return next;
}

/* ---- reference counting, inline as Py_INCREF/Py_DECREF ---- */

static gcc_jit_lvalue *gj_refcnt(gj_emitter *e, gcc_jit_rvalue *o)
{
    return gcc_jit_rvalue_dereference_field(o, NULL, e->m->t.ob_refcnt);
}

static void gj_ref_total(gj_emitter *e, gcc_jit_block *b,
                      enum gcc_jit_binary_op op)
{
    if (e->m->ref_total)
        gcc_jit_block_add_assignment_op(
            b, NULL, e->m->ref_total, op,
            gcc_jit_context_one(e->c, e->m->t.ssize));
}

void gj_incref_in(gj_emitter *e, gcc_jit_block *b, gcc_jit_rvalue *o)
{
    gj_ref_total(e, b, GCC_JIT_BINARY_OP_PLUS);
    gcc_jit_block_add_assignment_op(b, NULL, gj_refcnt(e, o),
                                    GCC_JIT_BINARY_OP_PLUS,
                                    gcc_jit_context_one(e->c, e->m->t.ssize));
}

/* Emits Py_DECREF (or Py_XDECREF) of `o` at the end of `b`; returns the
 * block that continues after it. */
gcc_jit_block *gj_decref_in(gj_emitter *e, gcc_jit_block *b,
                                gcc_jit_rvalue *o, bool maybe_null)
{
    if (maybe_null) {
        gcc_jit_block *live = gj_new_block(e, NULL);
        gcc_jit_block *done = gj_new_block(e, NULL);
        gcc_jit_block_end_with_conditional(
            b, NULL,
            gcc_jit_context_new_comparison(e->c, NULL, GCC_JIT_COMPARISON_NE,
                                           o, gj_null_obj(e)),
            live, done);
        gcc_jit_block *after = gj_decref_in(e, live, o, false);
        gcc_jit_block_end_with_jump(after, NULL, done);
        return done;
    }
    gj_ref_total(e, b, GCC_JIT_BINARY_OP_MINUS);
    gcc_jit_block_add_assignment_op(b, NULL, gj_refcnt(e, o),
                                    GCC_JIT_BINARY_OP_MINUS,
                                    gcc_jit_context_one(e->c, e->m->t.ssize));
    gcc_jit_block *dealloc = gj_new_block(e, NULL);
    gcc_jit_block *next = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        b, NULL,
        gcc_jit_context_new_comparison(
            e->c, NULL, GCC_JIT_COMPARISON_EQ,
            gcc_jit_lvalue_as_rvalue(gj_refcnt(e, o)),
            gcc_jit_context_zero(e->c, e->m->t.ssize)),
        dealloc, next);
    gcc_jit_rvalue *arg = o;
    gcc_jit_block_add_eval(dealloc, NULL,
                           gcc_jit_context_new_call(e->c, NULL, e->m->dealloc,
                                                    1, &arg));
    gcc_jit_block_end_with_jump(dealloc, NULL, next);
    return next;
}

void gj_incref(gj_emitter *e, gcc_jit_rvalue *o)
{
    gj_incref_in(e, e->cur, o);
}

void gj_decref(gj_emitter *e, gcc_jit_rvalue *o)
{
    e->cur = gj_decref_in(e, e->cur, o, false);
}

/* ---- error exits ---- */

gcc_jit_rvalue *gj_call_helper(gj_emitter *e, int h, int n,
                                   gcc_jit_rvalue **args)
{
    return gcc_jit_context_new_call(e->c, NULL, gj_helper(e->m, h), n, args);
}

/* A fresh scalar local; gcc merges the ones whose lives do not overlap. */
gcc_jit_lvalue *gj_temp(gj_emitter *e, gcc_jit_type *type)
{
    char name[32];
    snprintf(name, sizeof name, "t%d", e->ntemps++);
    return gcc_jit_function_new_local(e->fn, NULL, type, name);
}

gcc_jit_lvalue *gj_temp_array(gj_emitter *e, int n)
{
    char name[32];
    snprintf(name, sizeof name, "tmp%d", e->ntemps++);
    gcc_jit_type *t = gcc_jit_context_new_array_type(e->c, NULL, e->m->t.objp,
                                                     n > 0 ? n : 1);
    return gcc_jit_function_new_local(e->fn, NULL, t, name);
}

gcc_jit_lvalue *gj_elem(gj_emitter *e, gcc_jit_lvalue *arr, int i)
{
    return gcc_jit_context_new_array_access(
        e->c, NULL, gcc_jit_lvalue_as_rvalue(arr), gj_int_rv(e, i));
}

gcc_jit_rvalue *gj_array_ptr(gj_emitter *e, gcc_jit_lvalue *arr)
{
    return gcc_jit_lvalue_get_address(gj_elem(e, arr, 0), NULL);
}

/* Tracing on for this thread, with a trace function (not only a
 * profiler): the interpreter reports exceptions to it. */
static gcc_jit_rvalue *gj_trace_function_set(gj_emitter *e)
{
    gcc_jit_rvalue *tracing = gcc_jit_context_new_cast(
        e->c, NULL,
        gj_read(e, gcc_jit_lvalue_as_rvalue(e->cframe),
                offsetof(_PyCFrame, use_tracing),
                gcc_jit_context_get_int_type(e->c, 1, 0)),
        e->m->t.int_);
    gcc_jit_rvalue *func = gj_read(e, e->ts,
                                   offsetof(PyThreadState, c_tracefunc),
                                   e->m->t.voidp);
    return gj_and(e, gj_cmp(e, GCC_JIT_COMPARISON_NE, tracing, 0),
                  gcc_jit_context_new_comparison(
                      e->c, NULL, GCC_JIT_COMPARISON_NE, func,
                      gcc_jit_context_null(e->c, e->m->t.voidp)));
}

static int gj_exit_key(gj_emitter *e, int depth, int handler, bool tb)
{
    return ((depth * (e->info->nblocks + 1)) + handler + 1) * 2 + tb;
}

static gcc_jit_block *gj_unwind_block(gj_emitter *e, int depth, int handler,
                                   int hdepth, bool lasti, bool tb);

/* The exit itself: at the handler's depth, push lasti and the exception
 * and enter the handler; with no handler, leave the frame. */
static void gj_fill_unwind_end(gj_emitter *e, gcc_jit_block *b, int handler,
                            int hdepth, bool lasti)
{
    if (handler < 0) {
        gcc_jit_block_end_with_return(b, NULL, gj_null_obj(e));
        return;
    }
    gcc_jit_lvalue *out = gj_temp_array(e, 2);
    gcc_jit_rvalue *args[] = {e->ts, e->f, gj_int_rv(e, lasti), gj_array_ptr(e, out)};
    gcc_jit_rvalue *rc = gj_call_helper(e, EH_rt_unwind_push, 4, args);
    gcc_jit_block *ok = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        b, NULL, gj_cmp(e, GCC_JIT_COMPARISON_LT, rc, 0),
        gj_unwind_block(e, hdepth, -1, 0, false, false), ok);
    for (int i = 0; i <= (int)lasti; i++)
        gj_assign(ok, e->slots[hdepth + i],
               gcc_jit_lvalue_as_rvalue(gj_elem(e, out, i)));
    gcc_jit_block_end_with_jump(ok, NULL, e->blocks[handler]);
}

static gcc_jit_block *gj_unwind_block(gj_emitter *e, int depth, int handler,
                                   int hdepth, bool lasti, bool tb)
{
    int key = gj_exit_key(e, depth, handler, tb);
    if (e->exits[key])
        return e->exits[key];
    gcc_jit_block *b = gj_new_block(e, tb ? "traceback" : "unwind");
    e->exits[key] = b;
    if (tb) {
        /* Under a trace function the interpreter takes the frame over
         * here: it reports the exception and traces the handler. */
        gcc_jit_block *add = gj_new_block(e, NULL);
        gcc_jit_block_end_with_conditional(b, NULL, gj_trace_function_set(e),
                                           gj_handoff_block(e, depth, true),
                                           add);
        gcc_jit_rvalue *args[] = {e->ts, e->f};
        gcc_jit_block_add_eval(add, NULL,
                               gj_call_helper(e, EH_rt_add_traceback, 2, args));
        gcc_jit_block_end_with_jump(
            add, NULL, gj_unwind_block(e, depth, handler, hdepth, lasti, false));
        return b;
    }
    int floor = handler < 0 ? 0 : hdepth;
    if (depth <= floor) {
        gj_fill_unwind_end(e, b, handler, hdepth, lasti);
        return b;
    }
    gcc_jit_block *after = gj_decref_in(e, b, gj_slot(e, depth - 1), true);
    gcc_jit_block_end_with_jump(
        after, NULL, gj_unwind_block(e, depth - 1, handler, hdepth, lasti, false));
    return b;
}

gcc_jit_block *gj_exit_block(gj_emitter *e, const em_exit *ex)
{
    return gj_unwind_block(e, ex->depth, ex->handler, ex->hdepth, ex->lasti,
                        ex->traceback);
}

/* Continues at a fresh block after `cond` (true means failure). */
void gj_fail_if(gj_emitter *e, gcc_jit_rvalue *cond, const em_exit *ex)
{
    e->cur = gj_branch(e, e->cur, cond, gj_exit_block(e, ex));
}

/* ---- operands ---- */

gj_operand gj_operand_of(gj_emitter *e, const em_arg *a)
{
    switch (a->kind) {
    case 'K': return (gj_operand){gj_const(e, a->v), -1, true, a->n};
    case 'C': /* index -1: NULL */
        return (gj_operand){a->v < 0 ? gj_null_obj(e) : gj_const(e, a->v), -1,
                            false, 0};
    case 'L':
        return (gj_operand){gcc_jit_lvalue_as_rvalue(gj_local(e, a->v)), -1,
                            false, 0};
    default: return (gj_operand){gj_slot(e, a->v), a->v, false, 0};
    }
}

gcc_jit_block *gj_drop_in(gj_emitter *e, gcc_jit_block *b,
                          const gj_operand *o)
{
    return o->slot < 0 ? b : gj_decref_in(e, b, o->v, false);
}

void gj_drop(gj_emitter *e, const gj_operand *o)
{
    e->cur = gj_drop_in(e, e->cur, o);
}

void gj_clear_in(gj_emitter *e, gcc_jit_block *b, const gj_operand *o)
{
    if (o->slot >= 0)
        gj_assign(b, e->slots[o->slot], gj_null_obj(e));
}

void gj_own_in(gj_emitter *e, gcc_jit_block *b, const gj_operand *o)
{
    if (o->slot < 0)
        gj_incref_in(e, b, o->v);
}

/* ---- frame access ---- */

gcc_jit_lvalue *gj_local(gj_emitter *e, int i)
{
    return gcc_jit_context_new_array_access(
        e->c, NULL, gcc_jit_lvalue_as_rvalue(e->lp), gj_int_rv(e, i));
}

void gj_set_prev_instr(gj_emitter *e, int unit)
{
    gcc_jit_lvalue *first = e->first_instr;
    gcc_jit_lvalue *at = gcc_jit_context_new_array_access(
        e->c, NULL, gcc_jit_lvalue_as_rvalue(first),
        gj_int_rv(e, 2 * unit));
    gj_assign(e->cur, gj_at(e->m, e->f, GJ_FRAME_PREV_INSTR),
              gcc_jit_lvalue_get_address(at, NULL));
}

/* ---- reading objects (for the fast paths) ---- */

gcc_jit_rvalue *gj_read(gj_emitter *e, gcc_jit_rvalue *o, long off,
                             gcc_jit_type *t)
{
    return gcc_jit_lvalue_as_rvalue(gj_field(e->m, o, off, t));
}

gcc_jit_rvalue *gj_is_type(gj_emitter *e, gcc_jit_rvalue *o,
                               enum gj_pytype t)
{
    gcc_jit_rvalue *type = gcc_jit_lvalue_as_rvalue(
        gcc_jit_rvalue_dereference_field(o, NULL, e->m->t.ob_type));
    return gj_eq(e, type,
                 gcc_jit_context_new_cast(e->c, NULL,
                                          gj_addr_of(e, e->m->types[t]),
                                          e->m->t.voidp));
}

gcc_jit_rvalue *gj_and(gj_emitter *e, gcc_jit_rvalue *a,
                            gcc_jit_rvalue *b)
{
    return gcc_jit_context_new_binary_op(e->c, NULL,
                                         GCC_JIT_BINARY_OP_LOGICAL_AND,
                                         e->m->bool_, a, b);
}

gcc_jit_rvalue *gj_ob_size(gj_emitter *e, gcc_jit_rvalue *o)
{
    return gj_get(e->m, o, GJ_VAR_SIZE);
}

/* An exact int of at most one digit (3.11's "medium" value). */
gcc_jit_rvalue *gj_is_medium(gj_emitter *e, gcc_jit_rvalue *o)
{
    gcc_jit_rvalue *sz = gcc_jit_context_new_binary_op(
        e->c, NULL, GCC_JIT_BINARY_OP_PLUS, e->m->i64,
        gcc_jit_context_new_cast(e->c, NULL, gj_ob_size(e, o), e->m->i64),
        gcc_jit_context_one(e->c, e->m->i64));
    return gcc_jit_context_new_comparison(
        e->c, NULL, GCC_JIT_COMPARISON_LT,
        gcc_jit_context_new_cast(e->c, NULL, sz, e->m->u64),
        gcc_jit_context_new_rvalue_from_long(e->c, e->m->u64, 3));
}

gcc_jit_rvalue *gj_medium_value(gj_emitter *e, gcc_jit_rvalue *o)
{
    gcc_jit_rvalue *digit = gcc_jit_context_new_cast(
        e->c, NULL, gj_read(e, o, offsetof(PyLongObject, ob_digit), e->m->u32),
        e->m->i64);
    return gcc_jit_context_new_binary_op(
        e->c, NULL, GCC_JIT_BINARY_OP_MULT, e->m->i64,
        gcc_jit_context_new_cast(e->c, NULL, gj_ob_size(e, o), e->m->i64), digit);
}

gcc_jit_rvalue *gj_float_value(gj_emitter *e, gcc_jit_rvalue *o)
{
    return gj_read(e, o, offsetof(PyFloatObject, ob_fval), e->m->dbl);
}

gcc_jit_block *gj_box_int_in(gj_emitter *e, gcc_jit_block *b,
                             gcc_jit_lvalue *dst, gcc_jit_rvalue *v)
{
    gj_module *m = e->m;
    if (!m->runtime_state)
        m->runtime_state = gcc_jit_context_new_global(
            e->c, NULL, GCC_JIT_GLOBAL_IMPORTED, m->t.char_, "_PyRuntime");
    gcc_jit_block *small = gj_new_block(e, "small_int");
    gcc_jit_block *boxed = gj_new_block(e, "box_int");
    gcc_jit_block *done = gj_new_block(e, NULL);
    /* v + 5 < 262 as an unsigned: one comparison for -5 <= v < 257 */
    gcc_jit_lvalue *at = gj_temp(e, m->u64);
    gj_assign(b, at,
              gcc_jit_context_new_binary_op(
                  e->c, NULL, GCC_JIT_BINARY_OP_PLUS, m->u64,
                  gcc_jit_context_new_cast(e->c, NULL, v, m->u64),
                  gcc_jit_context_new_rvalue_from_long(e->c, m->u64,
                                                       _PY_NSMALLNEGINTS)));
    gcc_jit_rvalue *atv = gcc_jit_lvalue_as_rvalue(at);
    gcc_jit_block_end_with_conditional(
        b, NULL,
        gcc_jit_context_new_comparison(
            e->c, NULL, GCC_JIT_COMPARISON_LT, atv,
            gcc_jit_context_new_rvalue_from_long(
                e->c, m->u64, _PY_NSMALLNEGINTS + _PY_NSMALLPOSINTS)),
        small, boxed);
    /* &_PyLong_SMALL_INTS[v + 5], which lives in _PyRuntime */
    gcc_jit_rvalue *offset = gcc_jit_context_new_binary_op(
        e->c, NULL, GCC_JIT_BINARY_OP_PLUS, m->u64,
        gcc_jit_context_new_rvalue_from_long(
            e->c, m->u64,
            offsetof(_PyRuntimeState, global_objects.singletons.small_ints)),
        gcc_jit_context_new_binary_op(
            e->c, NULL, GCC_JIT_BINARY_OP_MULT, m->u64, atv,
            gcc_jit_context_new_rvalue_from_long(e->c, m->u64,
                                                 sizeof(PyLongObject))));
    gj_assign(small, dst,
              gcc_jit_context_new_cast(
                  e->c, NULL,
                  gcc_jit_lvalue_get_address(
                      gcc_jit_context_new_array_access(
                          e->c, NULL, gj_addr_of(e, m->runtime_state), offset),
                      NULL),
                  m->t.objp));
    gj_incref_in(e, small, gcc_jit_lvalue_as_rvalue(dst));
    gcc_jit_block_end_with_jump(small, NULL, done);
    gj_assign(boxed, dst, gj_call_lib(e, GJ_LONG_FROM_LL, v));
    gcc_jit_block_end_with_jump(boxed, NULL, done);
    return done;
}

gcc_jit_rvalue *gj_call_lib(gj_emitter *e, enum gj_pyfunc f,
                             gcc_jit_rvalue *arg)
{
    return gcc_jit_context_new_call(e->c, NULL, e->m->funcs[f], 1, &arg);
}

/* Jumps to `yes` when both operands are medium ints; the type test comes
 * first so the size field is only read from ints. */

/* ---- the eval breaker ---- */

/* If the eval breaker is set, handle what it asks for (signals, pending
 * calls, another thread's GIL request), leaving through ex on an error;
 * if tracing is on then (or was switched on by the call just made), the
 * frame goes on in the interpreter from code unit `resume`. */
void gj_poll_eval_breaker(gj_emitter *e, const em_exit *ex, int resume)
{
    gj_module *m = e->m;
    gcc_jit_block *poll = gj_new_block(e, "eval_breaker");
    gcc_jit_block *traced = gj_new_block(e, "traced");
    gcc_jit_block *next = gj_new_block(e, NULL);
    /* A relaxed atomic load, as ceval's: libgccjit 12 drops `volatile`
     * on dereferences, and a plain load is hoisted out of an empty loop.
     * use_tracing needs no such care: only this thread's own calls
     * change it, and those are calls here or in rt_poll. */
    gcc_jit_rvalue *load_args[] = {
        gcc_jit_context_new_cast(e->c, NULL,
                                 gcc_jit_lvalue_as_rvalue(e->eval_breaker),
                                 gcc_jit_type_get_pointer(gcc_jit_type_get_volatile(
                                     gcc_jit_type_get_const(m->t.void_)))),
        gj_int_rv(e, 0 /* __ATOMIC_RELAXED */),
    };
    gcc_jit_rvalue *flag = gcc_jit_context_new_cast(
        e->c, NULL,
        gcc_jit_context_new_call(
            e->c, NULL,
            gcc_jit_context_get_builtin_function(e->c, "__atomic_load_4"), 2,
            load_args),
        m->u32);
    gcc_jit_rvalue *tracing = gcc_jit_context_new_cast(
        e->c, NULL,
        gj_read(e, gcc_jit_lvalue_as_rvalue(e->cframe),
                offsetof(_PyCFrame, use_tracing),
                gcc_jit_context_get_int_type(e->c, 1, 0)),
        m->u32);
    gcc_jit_rvalue *either = gcc_jit_context_new_binary_op(
        e->c, NULL, GCC_JIT_BINARY_OP_BITWISE_OR, m->u32, flag, tracing);
    gcc_jit_block_end_with_conditional(
        e->cur, NULL,
        gj_expect(e,
                  gcc_jit_context_new_comparison(
                      e->c, NULL, GCC_JIT_COMPARISON_NE, either,
                      gcc_jit_context_zero(e->c, m->u32)),
                  false),
        poll, next);
    gcc_jit_rvalue *args[] = {e->ts, e->f};
    gcc_jit_lvalue *rc = gj_temp(e, m->t.int_);
    gj_assign(poll, rc, gj_call_helper(e, EH_rt_poll, 2, args));
    gcc_jit_block *ok = gj_branch(
        e, poll, gj_cmp(e, GCC_JIT_COMPARISON_LT, gcc_jit_lvalue_as_rvalue(rc), 0),
        gj_exit_block(e, ex));
    gcc_jit_block_end_with_conditional(
        ok, NULL, gj_cmp(e, GCC_JIT_COMPARISON_GT, gcc_jit_lvalue_as_rvalue(rc), 0),
        traced, next);
    /* The interpreter goes on after prev_instr. */
    e->cur = traced;
    gj_set_prev_instr(e, resume - 1);
    gcc_jit_block_end_with_jump(traced, NULL, gj_handoff_block(e, ex->depth, false));
    e->cur = next;
}

/* A site's cache, as a pointer to zeroed static storage of the size and
 * alignment of its C struct (pyaot/native.h), which the runtime fills. */
gcc_jit_rvalue *gj_new_cache(gj_emitter *e, size_t size)
{
    char name[48];
    snprintf(name, sizeof name, "pyaot_cache_%d", e->m->ncaches++);
    gcc_jit_type *words = gcc_jit_context_new_array_type(
        e->c, NULL, e->m->u64, (int)((size + 7) / 8));
    gcc_jit_lvalue *g = gcc_jit_context_new_global(
        e->c, NULL, GCC_JIT_GLOBAL_INTERNAL, words, name);
    return gcc_jit_context_new_cast(e->c, NULL,
                                    gcc_jit_lvalue_get_address(g, NULL),
                                    e->m->t.voidp);
}
