/* The libgccjit backend: implements the emitter interface by building one
 * gccjit function per code object. Stack slots are gccjit locals, so gcc
 * keeps them in registers; errors leave through per-depth unwind chains. */
#include <stdlib.h>
#include <string.h>

#include "pyaot/pyinternal.h"
#include "pyaot/opcodes.h"
#include "gj.h"

/* ---- the emitter interface ---- */

static int g_begin(emitter *em, const em_func *fn)
{
    gj_emitter *e = GJ(em);
    gj_types *t = &e->m->t;
    e->info = fn;
    gcc_jit_param *params[] = {
        gcc_jit_context_new_param(e->c, NULL, t->voidp, "tstate"),
        gcc_jit_context_new_param(e->c, NULL, t->voidp, "frame"),
        gcc_jit_context_new_param(e->c, NULL, t->int_, "throwflag"),
    };
    e->fn = gcc_jit_context_new_function(
        e->c, NULL,
        e->m->export_natives ? GCC_JIT_FUNCTION_EXPORTED
                             : GCC_JIT_FUNCTION_INTERNAL,
        t->objp, fn->symbol, 3, params, 0);
    e->ts = gcc_jit_param_as_rvalue(params[0]);
    e->f = gcc_jit_param_as_rvalue(params[1]);
    e->throwflag = gcc_jit_param_as_rvalue(params[2]);
    e->slots = calloc(fn->nslots, sizeof *e->slots);
    e->blocks = calloc(fn->nblocks, sizeof *e->blocks);
    e->filled = calloc(fn->nblocks, sizeof *e->filled);
    e->exits = calloc((size_t)(fn->nslots + 1) * (fn->nblocks + 1) * 2,
                      sizeof *e->exits);
    e->handoffs = calloc(2 * (size_t)(fn->nslots + 1), sizeof *e->handoffs);
    if (!e->slots || !e->blocks || !e->filled || !e->exits || !e->handoffs)
        return -1;
    gcc_jit_block *entry = gj_new_block(e, "entry");
    for (int i = 0; i < fn->nslots; i++) {
        char name[16];
        snprintf(name, sizeof name, "s%d", i);
        e->slots[i] = gcc_jit_function_new_local(e->fn, NULL, t->objp, name);
        gj_assign(entry, e->slots[i], gj_null_obj(e));
    }
    for (int b = 0; b < fn->nblocks; b++) {
        char name[16];
        snprintf(name, sizeof name, "B%d", b);
        e->blocks[b] = gj_new_block(e, name);
    }
    e->lp = gcc_jit_function_new_local(e->fn, NULL, t->objpp, "localsplus");
    e->consts = gcc_jit_function_new_local(e->fn, NULL, t->objpp, "consts");
    e->first_instr = gcc_jit_function_new_local(e->fn, NULL, t->charp,
                                                "first_instr");
    e->cframe = gcc_jit_function_new_local(e->fn, NULL, t->voidp, "cframe");
    gj_assign(entry, e->cframe,
              gcc_jit_lvalue_as_rvalue(gj_field(
                  e->m, e->ts, offsetof(PyThreadState, cframe), t->voidp)));
    e->eval_breaker = gcc_jit_function_new_local(
        e->fn, NULL, gcc_jit_type_get_pointer(gcc_jit_type_get_volatile(t->int_)),
        "eval_breaker");

    gcc_jit_rvalue *code = gj_get(e->m, e->f, GJ_FRAME_CODE);
    gj_assign(entry, e->lp,
              gcc_jit_lvalue_get_address(
                  gj_at(e->m, e->f, GJ_FRAME_LOCALSPLUS), NULL));
    gcc_jit_rvalue *co_consts = gcc_jit_lvalue_as_rvalue(
        gj_field(e->m, code, offsetof(PyCodeObject, co_consts), t->voidp));
    gj_assign(entry, e->consts,
           gcc_jit_lvalue_get_address(
               gj_field(e->m, co_consts, offsetof(PyTupleObject, ob_item),
                        t->objp),
               NULL));
    gj_assign(entry, e->first_instr,
           gcc_jit_lvalue_get_address(
               gj_field(e->m, code, offsetof(PyCodeObject, co_code_adaptive),
                        t->char_),
               NULL));
    gcc_jit_rvalue *interp = gcc_jit_lvalue_as_rvalue(
        gj_field(e->m, e->ts, offsetof(PyThreadState, interp), t->voidp));
    gj_assign(entry, e->eval_breaker,
           gcc_jit_lvalue_get_address(
               gj_field(e->m, interp,
                        offsetof(PyInterpreterState, ceval.eval_breaker),
                        gcc_jit_type_get_volatile(t->int_)),
               NULL));
    e->cur = NULL;
    if (fn->resumable)
        return gj_resume_dispatch(e, entry);
    gcc_jit_block_end_with_jump(entry, NULL, e->blocks[0]);
    return 0;
}

static int g_end(emitter *em)
{
    gj_emitter *e = GJ(em);
    /* A block that nothing reaches (after a raise) still needs an end,
     * and so do the blocks of unreachable bytecode. */
    if (e->cur)
        gcc_jit_block_end_with_return(e->cur, NULL, gj_null_obj(e));
    e->cur = NULL;
    for (int b = 0; b < e->info->nblocks; b++)
        if (!e->filled[b])
            gcc_jit_block_end_with_return(e->blocks[b], NULL, gj_null_obj(e));
    return 0;
}

static void g_block(emitter *em, int b, const dec_instr *first)
{
    gj_emitter *e = GJ(em);
    (void)first;
    if (e->cur)
        gcc_jit_block_end_with_jump(e->cur, NULL, e->blocks[b]);
    e->cur = e->blocks[b];
    e->filled[b] = true;
}

static void g_instr(emitter *em, const dec_instr *in, bool current)
{
    gj_emitter *e = GJ(em);
    if (!e->cur)
        e->cur = gj_new_block(e, "dead");
    char comment[64];
    snprintf(comment, sizeof comment, "%d %s %d line %d", 2 * in->offset,
             op_table[in->opcode].name, in->oparg, in->line);
    gcc_jit_block_add_comment(e->cur, NULL, comment);
    if (current)
        gj_set_prev_instr(e, in->offset);
}

static void g_load_const(emitter *em, int dst, int i)
{
    gj_emitter *e = GJ(em);
    gj_assign(e->cur, e->slots[dst], gj_const(e, i));
    gj_incref(e, gj_slot(e, dst));
}

static void unbound_check(gj_emitter *e, gcc_jit_rvalue *v, int idx,
                          const em_exit *ex)
{
    gcc_jit_block *bad = gj_new_block(e, "unbound");
    e->cur = gj_branch(e, e->cur, gj_eq(e, v, gj_null_obj(e)), bad);
    gcc_jit_rvalue *args[] = {e->ts, e->f, gj_int_rv(e, idx)};
    gcc_jit_block_add_eval(bad, NULL,
                           gj_call_helper(e, EH_rt_unbound_local, 3, args));
    gcc_jit_block_end_with_jump(bad, NULL, gj_exit_block(e, ex));
}

static void g_load_fast(emitter *em, int dst, int idx, const em_exit *ex)
{
    gj_emitter *e = GJ(em);
    gj_assign(e->cur, e->slots[dst], gcc_jit_lvalue_as_rvalue(gj_local(e, idx)));
    if (ex)
        unbound_check(e, gj_slot(e, dst), idx, ex);
    gj_incref(e, gj_slot(e, dst));
}

static void g_store_fast(emitter *em, int idx, int src)
{
    gj_emitter *e = GJ(em);
    gcc_jit_lvalue *old = gj_temp(e, e->m->t.objp);
    gj_assign(e->cur, old, gcc_jit_lvalue_as_rvalue(gj_local(e, idx)));
    gj_assign(e->cur, gj_local(e, idx), gj_slot(e, src));
    gj_assign(e->cur, e->slots[src], gj_null_obj(e));
    e->cur = gj_decref_in(e, e->cur, gcc_jit_lvalue_as_rvalue(old), true);
}

static void g_delete_fast(emitter *em, int idx, const em_exit *ex)
{
    gj_emitter *e = GJ(em);
    gcc_jit_lvalue *old = gj_temp(e, e->m->t.objp);
    gj_assign(e->cur, old, gcc_jit_lvalue_as_rvalue(gj_local(e, idx)));
    unbound_check(e, gcc_jit_lvalue_as_rvalue(old), idx, ex);
    gj_assign(e->cur, gj_local(e, idx), gj_null_obj(e));
    gj_decref(e, gcc_jit_lvalue_as_rvalue(old));
}

static void g_set_null(emitter *em, int dst)
{
    gj_emitter *e = GJ(em);
    gj_assign(e->cur, e->slots[dst], gj_null_obj(e));
}

static void g_copy(emitter *em, int dst, int src)
{
    gj_emitter *e = GJ(em);
    gj_assign(e->cur, e->slots[dst], gj_slot(e, src));
    gj_incref(e, gj_slot(e, dst));
}

static void g_swap(emitter *em, int a, int b)
{
    gj_emitter *e = GJ(em);
    gcc_jit_lvalue *t = gj_temp(e, e->m->t.objp);
    gj_assign(e->cur, t, gj_slot(e, a));
    gj_assign(e->cur, e->slots[a], gj_slot(e, b));
    gj_assign(e->cur, e->slots[b], gcc_jit_lvalue_as_rvalue(t));
}

static void g_pop(emitter *em, int s)
{
    gj_emitter *e = GJ(em);
    gj_decref(e, gj_slot(e, s));
    gj_assign(e->cur, e->slots[s], gj_null_obj(e));
}

/* A helper call: carried out inline when the helper has a fast path
 * (gj_fast.c), else as it is (gj_helper_call). */
static void g_call(emitter *em, int h, int dst, const em_arg *args, int n,
                   const em_exit *ex)
{
    gj_emitter *e = GJ(em);
    /* Code that runs once takes the helpers as they are: small code
     * compiles fast. */
    gj_fast_fn *fast = e->info->once ? NULL : gj_fast_path(h);
    if (fast && fast(e, dst, args, ex))
        return;
    gj_helper_call(e, h, dst, args, n, ex);
}

/* The call of helper `h` itself: the arguments marshalled from slots,
 * stolen slots cleared, the failure test for the helper's return kind,
 * then the popped arguments released and the results stored. Fast paths
 * call it for what they leave to the helper. */
void gj_helper_call(gj_emitter *e, int h, int dst, const em_arg *args, int n,
                    const em_exit *ex)
{
    gcc_jit_rvalue *rv[8];
    gcc_jit_lvalue *out = NULL;
    int out_base = 0, out_n = 0;
    for (int i = 0; i < n; i++) {
        const em_arg *a = &args[i];
        switch (a->kind) {
        case 'T': rv[i] = e->ts; break;
        case 'F': rv[i] = e->f; break;
        case 'I': rv[i] = gj_int_rv(e, a->v); break;
        case 'C': case 'K': case 'L': {
            /* borrowed: a reference when it stands for a stolen slot */
            gj_operand o = gj_operand_of(e, a);
            rv[i] = o.v;
            if (em_helper_arg_kind(h, i) == 'S')
                gj_own_in(e, e->cur, &o);
            break;
        }
        case 'O': case 'S': rv[i] = gj_slot(e, a->v); break;
        case 'A': case 'X': {
            gcc_jit_lvalue *arr = gj_temp_array(e, a->n);
            for (int k = 0; k < a->n; k++)
                gj_assign(e->cur, gj_elem(e, arr, k), gj_slot(e, a->v + k));
            rv[i] = gj_array_ptr(e, arr);
            break;
        }
        case 'W':
            out = gj_temp_array(e, a->n);
            out_base = a->v;
            out_n = a->n;
            rv[i] = gj_array_ptr(e, out);
            break;
        }
    }
    char ret = em_helpers[h].ret;
    gcc_jit_rvalue *call = gj_call_helper(e, h, n, rv);
    gcc_jit_lvalue *r = NULL;
    if (ret == 'V') {
        gcc_jit_block_add_eval(e->cur, NULL, call);
    } else {
        r = gj_temp(e, ret == 'O' ? e->m->t.objp : e->m->t.int_);
        gj_assign(e->cur, r, call);
    }
    for (int i = 0; i < n; i++) {
        if (args[i].kind == 'S' && args[i].v >= 0)
            gj_assign(e->cur, e->slots[args[i].v], gj_null_obj(e));
        if (args[i].kind == 'X')
            for (int k = 0; k < args[i].n; k++)
                gj_assign(e->cur, e->slots[args[i].v + k], gj_null_obj(e));
    }
    gcc_jit_rvalue *rr = r ? gcc_jit_lvalue_as_rvalue(r) : NULL;
    switch (ret) {
    case 'O': gj_fail_if(e, gj_eq(e, rr, gj_null_obj(e)), ex); break;
    case 'I': case 'B': gj_fail_if(e, gj_cmp(e, GCC_JIT_COMPARISON_LT, rr, 0), ex); break;
    case 'R': {
        em_exit quiet = *ex;
        quiet.traceback = false;
        gcc_jit_block_end_with_conditional(
            e->cur, NULL, gj_cmp(e, GCC_JIT_COMPARISON_NE, rr, 0),
            gj_exit_block(e, &quiet), gj_exit_block(e, ex));
        e->cur = gj_new_block(e, "dead");
        return;
    }
    }
    for (int i = 0; i < n; i++)
        if (args[i].kind == 'O' && args[i].pop && args[i].v >= 0) {
            gj_decref(e, gj_slot(e, args[i].v));
            gj_assign(e->cur, e->slots[args[i].v], gj_null_obj(e));
        }
    if (dst >= 0 && ret == 'O')
        gj_assign(e->cur, e->slots[dst], rr);
    for (int k = 0; k < out_n; k++)
        gj_assign(e->cur, e->slots[out_base + k],
               gcc_jit_lvalue_as_rvalue(gj_elem(e, out, k)));
}

static void g_jump(emitter *em, int b)
{
    gj_emitter *e = GJ(em);
    gcc_jit_block_end_with_jump(e->cur, NULL, e->blocks[b]);
    e->cur = NULL;
}

/* The taken edge polls the eval breaker first when asked (3.11's
 * backward jumps), after the jump's own drops. */
static gcc_jit_block *taken_edge(gj_emitter *e, const em_branch *br)
{
    if (!br->poll_on_jump)
        return e->blocks[br->target];
    gcc_jit_block *poll = gj_new_block(e, "poll_on_jump");
    gcc_jit_block *saved = e->cur;
    e->cur = poll;
    gj_poll_eval_breaker(e, &br->poll_exit, br->poll_resume);
    gcc_jit_block_end_with_jump(e->cur, NULL, e->blocks[br->target]);
    e->cur = saved;
    return poll;
}

static void g_branch(emitter *em, const em_branch *br)
{
    gj_emitter *e = GJ(em);
    gcc_jit_block *taken = taken_edge(e, br);
    gcc_jit_block *stays = e->blocks[br->fallthrough];
    if (br->test == EM_COMPARE) {
        gj_compare_branch(e, &br->left, &br->right, br->cmp,
                          br->jump_if ? taken : stays,
                          br->jump_if ? stays : taken, &br->exit);
        return;
    }
    gcc_jit_rvalue *v = gj_slot(e, br->value);
    gcc_jit_rvalue *holds =
        br->test == EM_IS_NONE
            ? gj_eq(e, v, gj_addr_of(e, e->m->none))
            : gj_cmp(e, GCC_JIT_COMPARISON_NE, gj_truth(e, v, &br->exit), 0);
    gcc_jit_block *jumps = gj_new_block(e, NULL), *falls = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(e->cur, NULL, holds,
                                       br->jump_if ? jumps : falls,
                                       br->jump_if ? falls : jumps);
    if (!br->keep_on_jump)
        jumps = gj_decref_in(e, jumps, v, false);
    gcc_jit_block_end_with_jump(jumps, NULL, taken);
    falls = gj_decref_in(e, falls, v, false);
    gcc_jit_block_end_with_jump(falls, NULL, stays);
    e->cur = NULL;
}

static void g_for_iter(emitter *em, int iter, int body, int done,
                       const em_exit *ex)
{
    gj_for_iter(GJ(em), iter, body, done, ex);
}

static void g_eval_breaker(emitter *em, const em_exit *ex, int resume)
{
    gj_poll_eval_breaker(GJ(em), ex, resume);
}

static void g_ret(emitter *em, int s)
{
    gj_emitter *e = GJ(em);
    gcc_jit_block_end_with_return(e->cur, NULL, gj_slot(e, s));
    e->cur = NULL;
}

static void g_suspend(emitter *em, int value, int depth)
{
    gj_suspend(GJ(em), value, depth);
}

static void g_send(emitter *em, int recv, int next, int done,
                   const em_exit *ex)
{
    gj_send(GJ(em), recv, next, done, ex);
}

static void g_speculate(emitter *em, const em_fx *fx)
{
    gj_speculate(GJ(em), fx);
}

static void g_end_speculation(emitter *em)
{
    gj_end_speculation(GJ(em));
}

static const em_ops gj_ops = {
    .begin = g_begin, .end = g_end, .block = g_block, .instr = g_instr,
    .load_const = g_load_const, .load_fast = g_load_fast,
    .store_fast = g_store_fast, .delete_fast = g_delete_fast,
    .set_null = g_set_null, .copy = g_copy, .swap = g_swap, .pop = g_pop,
    .call = g_call, .jump = g_jump, .branch = g_branch,
    .for_iter = g_for_iter, .eval_breaker = g_eval_breaker, .ret = g_ret,
    .speculate = g_speculate, .end_speculation = g_end_speculation,
    .suspend = g_suspend, .send = g_send,
};

emitter *gj_emitter_new(gj_module *m)
{
    gj_emitter *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->base.ops = &gj_ops;
    e->m = m;
    e->c = m->ctx;
    return &e->base;
}

gcc_jit_function *gj_emitter_function(emitter *em)
{
    return GJ(em)->fn;
}

void gj_emitter_free(emitter *em)
{
    gj_emitter *e = GJ(em);
    if (!e)
        return;
    free(e->slots);
    free(e->blocks);
    free(e->filled);
    free(e->exits);
    free(e->handoffs);
    free(e);
}
