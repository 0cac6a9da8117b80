/* A code object's call entry (pyaot_enter_fn, pyaot/native.h): the 3.11
 * frame discipline of a direct call, as the runtime's plain_call,
 * rt_run_native_inlined and rt_frame_pop do it (runtime/call_binding.h,
 * runtime/frame_v311.h), written out with the code's shape as constants:
 * the arguments moved into their locals without a loop (a loop for calls
 * that leave parameters to their defaults), the frame's size known, the
 * native entry called directly. Every check it cannot pass
 * inline sends the call to rt_call_py, which makes it in full. */
#include <stddef.h>
#include <string.h>

#include "gj.h"
#include "pyaot/native.h"
#include "pyaot/v311/layouts.h"

/* How often a chain of call entries looks at the C stack (a power of 2). */
enum { STACK_CHECK_EVERY = 4 };

/* Code whose parameters take positional arguments as they are (the plain
 * case of plain_call, runtime/call_binding.h), keyword-only ones with
 * their defaults: no *args or **kwargs to make. */
static bool has_call_entry(PyCodeObject *co)
{
    return (co->co_flags & (CO_OPTIMIZED | CO_VARARGS | CO_VARKEYWORDS)) ==
           CO_OPTIMIZED;
}

static void enter_symbol(char *buf, size_t n, const char *symbol)
{
    snprintf(buf, n, "%s_enter", symbol);
}

static gcc_jit_function *new_enter(gj_module *m, enum gcc_jit_function_kind k,
                                   const char *symbol, gcc_jit_param **ps)
{
    char name[128];
    enter_symbol(name, sizeof name, symbol);
    gcc_jit_param *own[3];
    if (!ps)
        ps = own;
    ps[0] = gcc_jit_context_new_param(m->ctx, NULL, m->t.voidp, "tstate");
    ps[1] = gcc_jit_context_new_param(m->ctx, NULL, m->t.objpp, "base");
    ps[2] = gcc_jit_context_new_param(m->ctx, NULL, m->t.int_, "oparg");
    return gcc_jit_context_new_function(m->ctx, NULL, k, m->t.objp, name, 3,
                                        ps, 0);
}

/* Ends `b` in a jump to `slow` when `x` `op` `y`; returns the block
 * after. */
static gcc_jit_block *slow_if(gj_emitter *e, gcc_jit_block *b,
                              enum gcc_jit_comparison op, gcc_jit_rvalue *x,
                              gcc_jit_rvalue *y, gcc_jit_block *slow)
{
    return gj_branch(e, b, gcc_jit_context_new_comparison(e->c, NULL, op, x, y),
                     slow);
}

/* `v` kept in a new local assigned in `b`, as an rvalue. */
static gcc_jit_rvalue *keep(gj_emitter *e, gcc_jit_block *b,
                            gcc_jit_rvalue *v, gcc_jit_type *t)
{
    gcc_jit_lvalue *local = gj_temp(e, t);
    gj_assign(b, local, v);
    return gcc_jit_lvalue_as_rvalue(local);
}

gcc_jit_function *gj_import_enter(gj_module *m, const char *symbol)
{
    return new_enter(m, GCC_JIT_FUNCTION_IMPORTED, symbol, NULL);
}

/* The runtime's shared state and entry counter, declared once a module. */
static gcc_jit_rvalue *shared_state(gj_module *m)
{
    if (!m->shared_state)
        m->shared_state = gcc_jit_context_new_global(
            m->ctx, NULL, GCC_JIT_GLOBAL_IMPORTED, m->t.voidp,
            PYAOT_STATE_SYMBOL);
    return gcc_jit_lvalue_as_rvalue(m->shared_state);
}

/* A runtime function generated code calls by name, of two parameters,
 * declared once a module in `*slot`. */
static gcc_jit_function *runtime_fn2(gj_module *m, gcc_jit_function **slot,
                                     const char *name, gcc_jit_type *ret,
                                     gcc_jit_type *t0, gcc_jit_type *t1)
{
    if (!*slot) {
        gcc_jit_param *ps[] = {
            gcc_jit_context_new_param(m->ctx, NULL, t0, "a"),
            gcc_jit_context_new_param(m->ctx, NULL, t1, "b"),
        };
        *slot = gcc_jit_context_new_function(
            m->ctx, NULL, GCC_JIT_FUNCTION_IMPORTED, ret, name, 2, ps, 0);
    }
    return *slot;
}

/* rt_keyword_default(kwdefaults, name): a keyword-only parameter's
 * default, borrowed, or NULL. */
static gcc_jit_function *keyword_default(gj_module *m)
{
    return runtime_fn2(m, &m->keyword_default, PYAOT_KEYWORD_DEFAULT,
                       m->t.objp, m->t.objp, m->t.objp);
}

/* rt_count_entry(shared, code). */
static gcc_jit_function *count_entry(gj_module *m)
{
    return runtime_fn2(m, &m->count_entry, PYAOT_COUNT_ENTRY, m->t.void_,
                       m->t.voidp, m->t.objp);
}

/* Field `off` of the struct at `p`, as an rvalue of type `t`. */
#define AT(p, type, field, t) \
    gcc_jit_lvalue_as_rvalue(gj_field(m, (p), offsetof(type, field), (t)))
#define FIELD(p, type, field, t) gj_field(m, (p), offsetof(type, field), (t))

/* `p` + `n` elements of its pointer type. */
static gcc_jit_rvalue *offset_ptr(gj_module *m, gcc_jit_rvalue *p, long n)
{
    return gcc_jit_lvalue_get_address(
        gcc_jit_context_new_array_access(
            m->ctx, NULL, p,
            gcc_jit_context_new_rvalue_from_long(m->ctx, m->t.ssize, n)),
        NULL);
}

/* From `b` on to `done`: `nargs` arguments moved into the first locals,
 * then the last parameters' defaults (new references), as plain_call
 * fills them when a call leaves some out. */
static void fill_with_defaults(gj_emitter *e, gcc_jit_block *b,
                               gcc_jit_rvalue *locals, gcc_jit_rvalue *args,
                               gcc_jit_rvalue *nargs, gcc_jit_rvalue *defaults,
                               int argcount, gcc_jit_block *done)
{
    gj_module *m = e->m;
    gcc_jit_context *c = e->c;
    gcc_jit_type *int_ = m->t.int_;
    gcc_jit_lvalue *i = gj_temp(e, int_);
    gcc_jit_rvalue *iv = gcc_jit_lvalue_as_rvalue(i);
    gcc_jit_block *moving = gj_new_block(e, NULL);
    gcc_jit_block *move = gj_new_block(e, NULL);
    gcc_jit_block *taking = gj_new_block(e, NULL);
    gcc_jit_block *take = gj_new_block(e, NULL);
    gj_assign(b, i, gj_int_rv(e, 0));
    gcc_jit_block_end_with_jump(b, NULL, moving);
    gcc_jit_block_end_with_conditional(
        moving, NULL,
        gcc_jit_context_new_comparison(c, NULL, GCC_JIT_COMPARISON_LT, iv,
                                       nargs),
        move, taking);
    gj_assign(move, gcc_jit_context_new_array_access(c, NULL, locals, iv),
              gcc_jit_lvalue_as_rvalue(
                  gcc_jit_context_new_array_access(c, NULL, args, iv)));
    gcc_jit_block_add_assignment_op(move, NULL, i, GCC_JIT_BINARY_OP_PLUS,
                                    gcc_jit_context_one(c, int_));
    gcc_jit_block_end_with_jump(move, NULL, moving);
    gcc_jit_block_end_with_conditional(
        taking, NULL, gj_cmp(e, GCC_JIT_COMPARISON_LT, iv, argcount), take,
        done);
    /* defaults[i - (argcount - len(defaults))] */
    gcc_jit_rvalue *items = gcc_jit_lvalue_get_address(
        gj_field(m, defaults, offsetof(PyTupleObject, ob_item), m->t.objp),
        NULL);
    gcc_jit_rvalue *at = gcc_jit_context_new_binary_op(
        c, NULL, GCC_JIT_BINARY_OP_PLUS, m->t.ssize,
        gcc_jit_context_new_cast(
            c, NULL,
            gcc_jit_context_new_binary_op(c, NULL, GCC_JIT_BINARY_OP_MINUS,
                                          int_, iv, gj_int_rv(e, argcount)),
            m->t.ssize),
        gj_get(m, defaults, GJ_VAR_SIZE));
    gcc_jit_lvalue *d = gj_temp(e, m->t.objp);
    gj_assign(take, d,
              gcc_jit_lvalue_as_rvalue(
                  gcc_jit_context_new_array_access(c, NULL, items, at)));
    gj_incref_in(e, take, gcc_jit_lvalue_as_rvalue(d));
    gj_assign(take, gcc_jit_context_new_array_access(c, NULL, locals, iv),
              gcc_jit_lvalue_as_rvalue(d));
    gcc_jit_block_add_assignment_op(take, NULL, i, GCC_JIT_BINARY_OP_PLUS,
                                    gcc_jit_context_one(c, int_));
    gcc_jit_block_end_with_jump(take, NULL, taking);
}

/* From `b` on: the references in the `n` locals released, in a loop
 * (unrolled, a function with many locals would make much code for gcc
 * to compile); returns the block after. */
static gcc_jit_block *release_locals(gj_emitter *e, gcc_jit_block *b,
                                     gcc_jit_rvalue *locals, int n)
{
    gcc_jit_context *c = e->c;
    gcc_jit_type *int_ = e->m->t.int_;
    gcc_jit_lvalue *i = gj_temp(e, int_);
    gcc_jit_rvalue *iv = gcc_jit_lvalue_as_rvalue(i);
    gcc_jit_block *test = gj_new_block(e, NULL), *body = gj_new_block(e, NULL);
    gcc_jit_block *done = gj_new_block(e, NULL);
    gj_assign(b, i, gj_int_rv(e, 0));
    gcc_jit_block_end_with_jump(b, NULL, test);
    gcc_jit_block_end_with_conditional(
        test, NULL, gj_cmp(e, GCC_JIT_COMPARISON_LT, iv, n), body, done);
    body = gj_decref_in(
        e, body,
        gcc_jit_lvalue_as_rvalue(
            gcc_jit_context_new_array_access(c, NULL, locals, iv)),
        true);
    gcc_jit_block_add_assignment_op(body, NULL, i, GCC_JIT_BINARY_OP_PLUS,
                                    gcc_jit_context_one(c, int_));
    gcc_jit_block_end_with_jump(body, NULL, test);
    return done;
}

gcc_jit_function *gj_emit_enter(gj_module *m, PyCodeObject *co,
                                const char *symbol,
                                gcc_jit_function *native)
{
    if (!has_call_entry(co))
        return NULL;
    gcc_jit_context *c = m->ctx;
    gj_types *t = &m->t;
    gcc_jit_param *ps[3];
    gcc_jit_function *fn = new_enter(
        m, m->export_natives ? GCC_JIT_FUNCTION_EXPORTED
                             : GCC_JIT_FUNCTION_INTERNAL,
        symbol, ps);
    gj_emitter em;
    memset(&em, 0, sizeof em);
    gj_emitter *e = &em;
    e->m = m;
    e->c = c;
    e->fn = fn;
    gcc_jit_rvalue *ts = gcc_jit_param_as_rvalue(ps[0]);
    gcc_jit_rvalue *base = gcc_jit_param_as_rvalue(ps[1]);
    gcc_jit_rvalue *oparg = gcc_jit_param_as_rvalue(ps[2]);
    e->ts = ts;

    const int argcount = co->co_argcount, nlocals = co->co_nlocalsplus;
    const long size = nlocals + co->co_stacksize + FRAME_SPECIALS_SIZE;
    gcc_jit_block *b = gj_new_block(e, "entry");
    gcc_jit_block *slow = gj_new_block(e, "slow");
    gcc_jit_rvalue *slow_args[] = {ts, base, oparg};
    gcc_jit_block_end_with_return(
        slow, NULL, gj_call_helper(e, EH_rt_call_py, 3, slow_args));

    /* Slots as rt_call_py takes them: a method's self is its first
     * argument; the call fits when the arguments are the parameters. */
    gcc_jit_lvalue *is_meth = gj_temp(e, t->int_);
    gj_assign(b, is_meth,
              gcc_jit_context_new_cast(
                  c, NULL,
                  gcc_jit_context_new_comparison(
                      c, NULL, GCC_JIT_COMPARISON_NE,
                      gcc_jit_lvalue_as_rvalue(
                          gcc_jit_context_new_array_access(
                              c, NULL, base, gj_int_rv(e, 0))),
                      gj_null_obj(e)),
                  t->int_));
    gcc_jit_rvalue *meth = gcc_jit_lvalue_as_rvalue(is_meth);
    gcc_jit_lvalue *nargs_lv = gj_temp(e, t->int_);
    gj_assign(b, nargs_lv,
              gcc_jit_context_new_binary_op(c, NULL, GCC_JIT_BINARY_OP_PLUS,
                                            t->int_, oparg, meth));
    gcc_jit_rvalue *nargs = gcc_jit_lvalue_as_rvalue(nargs_lv);
    b = gj_branch(e, b, gj_cmp(e, GCC_JIT_COMPARISON_GT, nargs, argcount),
                  slow);
    gcc_jit_lvalue *func = gj_temp(e, t->objp);
    gcc_jit_lvalue *args = gj_temp(e, t->objpp);
    gj_assign(b, func,
              gcc_jit_lvalue_as_rvalue(gcc_jit_context_new_array_access(
                  c, NULL, base,
                  gcc_jit_context_new_binary_op(c, NULL,
                                                GCC_JIT_BINARY_OP_MINUS,
                                                t->int_, gj_int_rv(e, 1),
                                                meth))));
    gj_assign(b, args,
              gcc_jit_lvalue_get_address(
                  gcc_jit_context_new_array_access(
                      c, NULL, base,
                      gcc_jit_context_new_binary_op(
                          c, NULL, GCC_JIT_BINARY_OP_MINUS, t->int_,
                          gj_int_rv(e, 2), meth)),
                  NULL));

    /* Fewer arguments than parameters: the rest from the defaults. */
    gcc_jit_lvalue *defaults = gj_temp(e, t->objp);
    if (argcount > 0) {
        gcc_jit_block *some = gj_new_block(e, "defaults");
        gcc_jit_block *all = gj_new_block(e, NULL);
        gcc_jit_block_end_with_conditional(
            b, NULL, gj_cmp(e, GCC_JIT_COMPARISON_EQ, nargs, argcount), all,
            some);
        gj_assign(some, defaults,
                  AT(gcc_jit_lvalue_as_rvalue(func), PyFunctionObject,
                     func_defaults, t->objp));
        gcc_jit_rvalue *dv = gcc_jit_lvalue_as_rvalue(defaults);
        some = gj_branch(e, some, gj_eq(e, dv, gj_null_obj(e)), slow);
        some = gj_branch(
            e, some,
            gcc_jit_context_new_comparison(
                c, NULL, GCC_JIT_COMPARISON_GT,
                gcc_jit_context_new_cast(
                    c, NULL,
                    gcc_jit_context_new_binary_op(c, NULL,
                                                  GCC_JIT_BINARY_OP_MINUS,
                                                  t->int_,
                                                  gj_int_rv(e, argcount),
                                                  nargs),
                    t->ssize),
                gj_get(m, dv, GJ_VAR_SIZE)),
            slow);
        gcc_jit_block_end_with_jump(some, NULL, all);
        b = all;
    }

    /* rt_may_skip_evaluator and the shared state of this interpreter. */
    gcc_jit_rvalue *null = gcc_jit_context_null(c, t->voidp);
    gcc_jit_rvalue *shv = keep(e, b, shared_state(m), t->voidp);
    b = slow_if(e, b, GCC_JIT_COMPARISON_EQ, shv, null, slow);
    gcc_jit_rvalue *interpv =
        keep(e, b, AT(ts, PyThreadState, interp, t->voidp), t->voidp);
    b = slow_if(e, b, GCC_JIT_COMPARISON_NE,
                AT(shv, pyaot_shared, interp, t->voidp), interpv, slow);
    gcc_jit_rvalue *cframev =
        keep(e, b, AT(ts, PyThreadState, cframe, t->voidp), t->voidp);
    gcc_jit_type *u8 = gcc_jit_context_get_int_type(c, 1, 0);
    b = slow_if(e, b, GCC_JIT_COMPARISON_NE,
                AT(cframev, _PyCFrame, use_tracing, u8),
                gcc_jit_context_zero(c, u8), slow);
    b = slow_if(e, b, GCC_JIT_COMPARISON_NE,
                AT(interpv, PyInterpreterState, eval_frame, t->voidp),
                AT(shv, pyaot_shared, evaluator, t->voidp), slow);

    /* The callee's code object is one this entry was made for: a site
     * compares addresses only, which a new code object may reuse. */
    gcc_jit_rvalue *fv = gcc_jit_lvalue_as_rvalue(func);
    gcc_jit_rvalue *codev =
        keep(e, b, AT(fv, PyFunctionObject, func_code, t->objp), t->objp);
    gcc_jit_rvalue *extrav =
        keep(e, b, AT(codev, PyCodeObject, co_extra, t->voidp), t->voidp);
    b = slow_if(e, b, GCC_JIT_COMPARISON_EQ, extrav, null, slow);
    gcc_jit_rvalue *indexv =
        keep(e, b, AT(shv, pyaot_shared, enter_index, t->ssize), t->ssize);
    b = slow_if(e, b, GCC_JIT_COMPARISON_LE,
                AT(extrav, code_extra_layout, size, t->ssize), indexv, slow);
    gcc_jit_rvalue *extras = gcc_jit_lvalue_get_address(
        FIELD(extrav, code_extra_layout, extras, t->voidp), NULL);
    b = slow_if(e, b, GCC_JIT_COMPARISON_NE,
                gcc_jit_lvalue_as_rvalue(
                    gcc_jit_context_new_array_access(c, NULL, extras, indexv)),
                gcc_jit_context_new_cast(
                    c, NULL, gcc_jit_function_get_address(fn, NULL),
                    t->voidp),
                slow);

    /* _Py_EnterRecursiveCallTstate's test, and rt_stack_exhausted's for a
     * thread whose floor is known: anything else raises, or looks the
     * floor up, in rt_call_py. The C stack is looked at every
     * STACK_CHECK_EVERY levels only: every other way into native code
     * checks it, and a chain of call entries counts recursion down by one
     * a level, so it passes a check at least that often, and the margin
     * below the floor (runtime/cstack.c) holds the levels in between. */
    gcc_jit_lvalue *recursion =
        gj_at(m, ts, GJ_TS_RECURSION_REMAINING);
    gcc_jit_rvalue *remaining = gcc_jit_lvalue_as_rvalue(recursion);
    b = gj_branch(e, b, gj_cmp(e, GCC_JIT_COMPARISON_LE, remaining, 0), slow);
    gcc_jit_block *pushing = gj_new_block(e, "push");
    b = gj_branch(e, b,
                  gj_cmp(e, GCC_JIT_COMPARISON_NE,
                         gcc_jit_context_new_binary_op(
                             c, NULL, GCC_JIT_BINARY_OP_BITWISE_AND, t->int_,
                             remaining, gj_int_rv(e, STACK_CHECK_EVERY - 1)),
                         0),
                  pushing);
    gcc_jit_rvalue *id = AT(ts, PyThreadState, id, m->u64);
    gcc_jit_rvalue *slot = gcc_jit_lvalue_get_address(
        gcc_jit_context_new_array_access(
            c, NULL,
            gcc_jit_context_new_cast(
                c, NULL,
                gcc_jit_lvalue_get_address(
                    FIELD(shv, pyaot_shared, floors, t->char_), NULL),
                t->charp),
            gcc_jit_context_new_binary_op(
                c, NULL, GCC_JIT_BINARY_OP_MULT, m->u64,
                gcc_jit_context_new_binary_op(
                    c, NULL, GCC_JIT_BINARY_OP_BITWISE_AND, m->u64, id,
                    gcc_jit_context_new_rvalue_from_long(
                        c, m->u64, PYAOT_FLOOR_SLOTS - 1)),
                gcc_jit_context_new_rvalue_from_long(
                    c, m->u64, sizeof(pyaot_stack_floor)))),
        NULL);
    gcc_jit_rvalue *fl = keep(e, b, slot, t->voidp);
    b = slow_if(e, b, GCC_JIT_COMPARISON_NE,
                AT(fl, pyaot_stack_floor, thread_id, m->u64), id, slow);
    gcc_jit_lvalue *marker = gj_temp(e, t->char_);
    gcc_jit_rvalue *here = gcc_jit_lvalue_get_address(marker, NULL);
    b = slow_if(e, b, GCC_JIT_COMPARISON_LT, here,
                AT(fl, pyaot_stack_floor, floor, t->charp), slow);
    b = slow_if(e, b, GCC_JIT_COMPARISON_GE, here,
                AT(fl, pyaot_stack_floor, high, t->charp), slow);
    gcc_jit_block_end_with_jump(b, NULL, pushing);
    b = pushing;

    /* Keyword-only parameters take their defaults (__kwdefaults__, by
     * their names in the code object), looked up before anything is
     * done: a missing one is rt_call_py's error to raise. */
    const int kwonly = co->co_kwonlyargcount;
    gcc_jit_rvalue *kw_values[kwonly > 0 ? kwonly : 1];
    if (kwonly > 0) {
        gcc_jit_rvalue *kwdefaults =
            keep(e, b, AT(fv, PyFunctionObject, func_kwdefaults, t->objp),
                 t->objp);
        gcc_jit_rvalue *names = gcc_jit_lvalue_get_address(
            gj_field(m, AT(codev, PyCodeObject, co_localsplusnames, t->objp),
                     offsetof(PyTupleObject, ob_item), t->objp),
            NULL);
        for (int k = 0; k < kwonly; k++) {
            gcc_jit_rvalue *call_args[] = {
                kwdefaults,
                gcc_jit_lvalue_as_rvalue(gcc_jit_context_new_array_access(
                    c, NULL, names, gj_int_rv(e, argcount + k))),
            };
            kw_values[k] = keep(
                e, b,
                gcc_jit_context_new_call(c, NULL, keyword_default(m), 2,
                                         call_args),
                t->objp);
            b = slow_if(e, b, GCC_JIT_COMPARISON_EQ, kw_values[k],
                        gj_null_obj(e), slow);
        }
    }

    /* rt_frame_push: room in the data stack's chunk. */
    gcc_jit_rvalue *topv =
        keep(e, b, gj_get(m, ts, GJ_TS_DATASTACK_TOP), t->objpp);
    b = slow_if(e, b, GCC_JIT_COMPARISON_EQ, topv,
                gcc_jit_context_null(c, t->objpp), slow);
    gcc_jit_rvalue *endv = keep(e, b, offset_ptr(m, topv, size), t->objpp);
    b = slow_if(e, b, GCC_JIT_COMPARISON_GE, endv,
                AT(ts, PyThreadState, datastack_limit, t->objpp), slow);

    /* The frame: _PyFrame_InitializeSpecials, the callable's reference
     * moved into f_func, the arguments into their locals. */
    gcc_jit_rvalue *frame = gcc_jit_context_new_cast(c, NULL, topv, t->voidp);
    gj_assign(b, gj_at(m, ts, GJ_TS_DATASTACK_TOP), endv);
    gj_incref_in(e, b, codev);
    gj_assign(b, gj_at(m, frame, GJ_FRAME_FUNC), fv);
    gj_assign(b, gj_at(m, frame, GJ_FRAME_CODE), codev);
    gj_assign(b, gj_at(m, frame, GJ_FRAME_BUILTINS),
              AT(fv, PyFunctionObject, func_builtins, t->objp));
    gj_assign(b, gj_at(m, frame, GJ_FRAME_GLOBALS),
              AT(fv, PyFunctionObject, func_globals, t->objp));
    gj_assign(b, gj_at(m, frame, GJ_FRAME_LOCALS),
              gj_null_obj(e));
    gj_assign(b, gj_at(m, frame, GJ_FRAME_STACKTOP),
              gj_int_rv(e, nlocals));
    gj_assign(b, gj_at(m, frame, GJ_FRAME_FRAME_OBJ),
              gj_null_obj(e));
    gj_assign(b, gj_at(m, frame, GJ_FRAME_PREV_INSTR),
              gcc_jit_lvalue_get_address(
                  gcc_jit_context_new_array_access(
                      c, NULL,
                      gcc_jit_context_new_cast(c, NULL, codev, t->charp),
                      gj_int_rv(e, offsetof(PyCodeObject, co_code_adaptive) -
                                       sizeof(_Py_CODEUNIT))),
                  NULL));
    gj_assign(b, gj_at(m, frame, GJ_FRAME_IS_ENTRY),
              gcc_jit_context_new_rvalue_from_int(c, t->char_, 1));
    gj_assign(b, gj_at(m, frame, GJ_FRAME_OWNER),
              gcc_jit_context_new_rvalue_from_int(c, t->char_,
                                                  FRAME_OWNED_BY_THREAD));
    gcc_jit_rvalue *locals = gcc_jit_lvalue_get_address(
        gj_at(m, frame, GJ_FRAME_LOCALSPLUS), NULL);
    gcc_jit_rvalue *argsv = gcc_jit_lvalue_as_rvalue(args);
    if (argcount > 0) {
        gcc_jit_block *exact = gj_new_block(e, "exact");
        gcc_jit_block *partial = gj_new_block(e, "partial");
        gcc_jit_block *filled = gj_new_block(e, NULL);
        gcc_jit_block_end_with_conditional(
            b, NULL, gj_cmp(e, GCC_JIT_COMPARISON_EQ, nargs, argcount), exact,
            partial);
        for (int i = 0; i < argcount; i++)
            gj_assign(exact,
                      gcc_jit_context_new_array_access(c, NULL, locals,
                                                       gj_int_rv(e, i)),
                      gcc_jit_lvalue_as_rvalue(
                          gcc_jit_context_new_array_access(
                              c, NULL, argsv, gj_int_rv(e, i))));
        gcc_jit_block_end_with_jump(exact, NULL, filled);
        fill_with_defaults(e, partial, locals, argsv, nargs,
                           gcc_jit_lvalue_as_rvalue(defaults), argcount,
                           filled);
        b = filled;
    }
    for (int k = 0; k < kwonly; k++) {
        gj_incref_in(e, b, kw_values[k]);
        gj_assign(b,
                  gcc_jit_context_new_array_access(c, NULL, locals,
                                                   gj_int_rv(e, argcount + k)),
                  kw_values[k]);
    }
    for (int i = argcount + kwonly; i < nlocals; i++)
        gj_assign(b,
                  gcc_jit_context_new_array_access(c, NULL, locals,
                                                   gj_int_rv(e, i)),
                  gj_null_obj(e));

    /* rt_note_entry. */
    gcc_jit_block_add_assignment_op(
        b, NULL, gj_at(m, shv, GJ_SHARED_NATIVE_CALLS),
        GCC_JIT_BINARY_OP_PLUS, gcc_jit_context_one(c, m->u64));
    gcc_jit_block *count = gj_new_block(e, "count");
    gcc_jit_block *counted = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        b, NULL,
        gcc_jit_context_new_comparison(
            c, NULL, GCC_JIT_COMPARISON_GE,
            AT(shv, pyaot_shared, count_index, t->ssize),
            gcc_jit_context_zero(c, t->ssize)),
        count, counted);
    gcc_jit_rvalue *count_args[] = {shv, codev};
    gcc_jit_block_add_eval(count, NULL,
                           gcc_jit_context_new_call(c, NULL, count_entry(m),
                                                    2, count_args));
    gcc_jit_block_end_with_jump(count, NULL, counted);
    b = counted;

    /* rt_run_native_inlined: linked into the caller's C frame record,
     * recursion counted, the native entry run. */
    gj_assign(b, gj_at(m, frame, GJ_FRAME_PREVIOUS),
              gj_get(m, cframev, GJ_CFRAME_CURRENT_FRAME));
    gj_assign(b, gj_at(m, cframev, GJ_CFRAME_CURRENT_FRAME), frame);
    gcc_jit_block_add_assignment_op(b, NULL, recursion,
                                    GCC_JIT_BINARY_OP_MINUS,
                                    gcc_jit_context_one(c, t->int_));
    gcc_jit_lvalue *res = gj_temp(e, t->objp);
    gcc_jit_rvalue *call_args[] = {
        ts, frame, gcc_jit_context_zero(c, t->int_)};
    gj_assign(b, res, gcc_jit_context_new_call(c, NULL, native, 3, call_args));
    gj_assign(b,
              gj_at(m, AT(ts, PyThreadState, cframe, t->voidp),
                    GJ_CFRAME_CURRENT_FRAME),
              gj_get(m, frame, GJ_FRAME_PREVIOUS));
    gcc_jit_block_add_assignment_op(b, NULL, recursion,
                                    GCC_JIT_BINARY_OP_PLUS,
                                    gcc_jit_context_one(c, t->int_));

    /* rt_frame_pop, inline for a frame with no frame object whose locals
     * are all there; the runtime's for the rest (a generator's frame). */
    gcc_jit_block *general = gj_new_block(e, "pop_out");
    gcc_jit_block *done = gj_new_block(e, "done");
    b = gj_branch(e, b,
                  gcc_jit_context_new_comparison(
                      c, NULL, GCC_JIT_COMPARISON_NE,
                      gj_get(m, frame, GJ_FRAME_FRAME_OBJ),
                      gj_null_obj(e)),
                  general);
    b = gj_branch(e, b,
                  gj_cmp(e, GCC_JIT_COMPARISON_NE,
                         gj_get(m, frame, GJ_FRAME_STACKTOP),
                         nlocals),
                  general);
    gcc_jit_rvalue *pop_args[] = {ts, frame};
    gcc_jit_block_add_eval(general, NULL,
                           gj_call_helper(e, EH_rt_frame_pop_out, 2, pop_args));
    gcc_jit_block_end_with_jump(general, NULL, done);

    gcc_jit_block_add_assignment_op(b, NULL, recursion,
                                    GCC_JIT_BINARY_OP_MINUS,
                                    gcc_jit_context_one(c, t->int_));
    b = release_locals(e, b, locals, nlocals);
    b = gj_decref_in(e, b,
                     gj_get(m, frame, GJ_FRAME_LOCALS), true);
    b = gj_decref_in(e, b, gj_get(m, frame, GJ_FRAME_FUNC),
                     false);
    b = gj_decref_in(e, b, codev, false);
    gcc_jit_block_add_assignment_op(b, NULL, recursion,
                                    GCC_JIT_BINARY_OP_PLUS,
                                    gcc_jit_context_one(c, t->int_));
    gj_assign(b, gj_at(m, ts, GJ_TS_DATASTACK_TOP), topv);
    gcc_jit_block_end_with_jump(b, NULL, done);
    gcc_jit_block_end_with_return(done, NULL, gcc_jit_lvalue_as_rvalue(res));
    return fn;
}
