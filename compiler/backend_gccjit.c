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
    };
    e->fn = gcc_jit_context_new_function(e->c, NULL,
                                         GCC_JIT_FUNCTION_INTERNAL, t->objp,
                                         fn->symbol, 2, params, 0);
    e->ts = gcc_jit_param_as_rvalue(params[0]);
    e->f = gcc_jit_param_as_rvalue(params[1]);
    e->slots = calloc(fn->nslots, sizeof *e->slots);
    e->blocks = calloc(fn->nblocks, sizeof *e->blocks);
    e->filled = calloc(fn->nblocks, sizeof *e->filled);
    e->exits = calloc((size_t)(fn->nslots + 1) * (fn->nblocks + 1) * 2,
                      sizeof *e->exits);
    if (!e->slots || !e->blocks || !e->filled || !e->exits)
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
    e->eval_breaker = gcc_jit_function_new_local(
        e->fn, NULL, gcc_jit_type_get_pointer(gcc_jit_type_get_volatile(t->int_)),
        "eval_breaker");

    gcc_jit_rvalue *code = gcc_jit_lvalue_as_rvalue(
        gj_field(e->m, e->f, offsetof(_PyInterpreterFrame, f_code), t->voidp));
    gj_assign(entry, e->lp,
           gcc_jit_lvalue_get_address(
               gj_field(e->m, e->f, offsetof(_PyInterpreterFrame, localsplus),
                        t->objp),
               NULL));
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
    gcc_jit_block_end_with_jump(entry, NULL, e->blocks[0]);
    e->cur = NULL;
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
    gcc_jit_rvalue *v = gcc_jit_lvalue_as_rvalue(gcc_jit_context_new_array_access(
        e->c, NULL, gcc_jit_lvalue_as_rvalue(e->consts), gj_int_rv(e, i)));
    gj_assign(e->cur, e->slots[dst], v);
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

/* A helper call: arguments marshalled from slots, stolen slots cleared,
 * the failure test for the helper's return kind, then the popped
 * arguments released and the results stored. */
static void g_call(emitter *em, int h, int dst, const em_arg *args, int n,
                   const em_exit *ex)
{
    gj_emitter *e = GJ(em);
    gcc_jit_rvalue *rv[8];
    gcc_jit_lvalue *out = NULL;
    int out_base = 0, out_n = 0;
    for (int i = 0; i < n; i++) {
        const em_arg *a = &args[i];
        switch (a->kind) {
        case 'T': rv[i] = e->ts; break;
        case 'F': rv[i] = e->f; break;
        case 'I': rv[i] = gj_int_rv(e, a->v); break;
        case 'C':
            rv[i] = a->v < 0 ? gj_null_obj(e)
                             : gcc_jit_lvalue_as_rvalue(
                                   gcc_jit_context_new_array_access(
                                       e->c, NULL,
                                       gcc_jit_lvalue_as_rvalue(e->consts),
                                       gj_int_rv(e, a->v)));
            break;
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

static void g_is_op(emitter *em, int dst, int l, int r, bool invert)
{
    gj_emitter *e = GJ(em);
    gcc_jit_lvalue *res = gj_temp(e, e->m->t.objp);
    gcc_jit_block *yes = gj_new_block(e, NULL), *no = gj_new_block(e, NULL);
    gcc_jit_block *join = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(e->cur, NULL, gj_eq(e, gj_slot(e, l), gj_slot(e, r)),
                                       invert ? no : yes, invert ? yes : no);
    gj_assign(yes, res, gj_addr_of(e, e->m->true_));
    gj_assign(no, res, gj_addr_of(e, e->m->false_));
    gcc_jit_block_end_with_jump(yes, NULL, join);
    gcc_jit_block_end_with_jump(no, NULL, join);
    e->cur = join;
    gj_incref(e, gcc_jit_lvalue_as_rvalue(res));
    gj_decref(e, gj_slot(e, l));
    gj_decref(e, gj_slot(e, r));
    if (dst != r)
        gj_assign(e->cur, e->slots[r], gj_null_obj(e));
    gj_assign(e->cur, e->slots[dst], gcc_jit_lvalue_as_rvalue(res));
}

static void g_call_function(emitter *em, int base, int oparg, int kwnames,
                            const em_exit *ex)
{
    em_arg args[] = {{'T', 0, 0, false}, {'X', base, oparg + 2, false},
                     {'I', oparg, 0, false}, {'C', kwnames, 0, false}};
    g_call(em, EH_rt_call, base, args, 4, ex);
}

/* Truth of `v` as an int rvalue: the bools and None without a call. */
gcc_jit_rvalue *gj_truth(gj_emitter *e, gcc_jit_rvalue *v,
                             const em_exit *ex)
{
    gcc_jit_lvalue *t = gj_temp(e, e->m->t.int_);
    gcc_jit_block *is_true = gj_new_block(e, NULL), *not_true = gj_new_block(e, NULL);
    gcc_jit_block *is_false = gj_new_block(e, NULL), *slow = gj_new_block(e, NULL);
    gcc_jit_block *join = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(e->cur, NULL,
                                       gj_eq(e, v, gj_addr_of(e, e->m->true_)),
                                       is_true, not_true);
    gj_assign(is_true, t, gj_int_rv(e, 1));
    gcc_jit_block_end_with_jump(is_true, NULL, join);
    gcc_jit_block_end_with_conditional(
        not_true, NULL,
        gcc_jit_context_new_binary_op(
            e->c, NULL, GCC_JIT_BINARY_OP_LOGICAL_OR,
            gcc_jit_context_get_type(e->c, GCC_JIT_TYPE_BOOL),
            gj_eq(e, v, gj_addr_of(e, e->m->false_)), gj_eq(e, v, gj_addr_of(e, e->m->none))),
        is_false, slow);
    gj_assign(is_false, t, gj_int_rv(e, 0));
    gcc_jit_block_end_with_jump(is_false, NULL, join);
    gcc_jit_rvalue *arg = v;
    gj_assign(slow, t, gj_call_helper(e, EH_rt_truth, 1, &arg));
    e->cur = slow;
    gj_fail_if(e, gj_cmp(e, GCC_JIT_COMPARISON_LT, gcc_jit_lvalue_as_rvalue(t), 0), ex);
    gcc_jit_block_end_with_jump(e->cur, NULL, join);
    e->cur = join;
    return gcc_jit_lvalue_as_rvalue(t);
}

static void g_unary_not(emitter *em, int dst, int src, const em_exit *ex)
{
    gj_emitter *e = GJ(em);
    gcc_jit_rvalue *t = gj_truth(e, gj_slot(e, src), ex);
    gcc_jit_lvalue *res = gj_temp(e, e->m->t.objp);
    gcc_jit_block *yes = gj_new_block(e, NULL), *no = gj_new_block(e, NULL);
    gcc_jit_block *join = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(e->cur, NULL,
                                       gj_cmp(e, GCC_JIT_COMPARISON_NE, t, 0), yes, no);
    gj_assign(yes, res, gj_addr_of(e, e->m->false_));
    gj_assign(no, res, gj_addr_of(e, e->m->true_));
    gcc_jit_block_end_with_jump(yes, NULL, join);
    gcc_jit_block_end_with_jump(no, NULL, join);
    e->cur = join;
    gj_incref(e, gcc_jit_lvalue_as_rvalue(res));
    gj_decref(e, gj_slot(e, src));
    gj_assign(e->cur, e->slots[dst], gcc_jit_lvalue_as_rvalue(res));
}

static void g_binary_op(emitter *em, int dst, int l, int r, int nb,
                        const em_exit *ex)
{
    gj_binary_op(GJ(em), dst, l, r, nb, ex);
}

static void g_compare_op(emitter *em, int dst, int l, int r, int op,
                         const em_exit *ex)
{
    gj_compare_op(GJ(em), dst, l, r, op, ex);
}

static void g_compare_jump(emitter *em, int l, int r, int op, bool jump_if,
                           int target, int fall, const em_exit *ex)
{
    gj_compare_jump(GJ(em), l, r, op, jump_if, target, fall, ex);
}

static void g_binary_subscr(emitter *em, int dst, int c, int sub,
                            const em_exit *ex)
{
    gj_binary_subscr(GJ(em), dst, c, sub, ex);
}

static void g_store_subscr(emitter *em, int c, int sub, int v,
                           const em_exit *ex)
{
    gj_store_subscr(GJ(em), c, sub, v, ex);
}

static void g_load_global(emitter *em, int dst, int oparg, const em_exit *ex)
{
    gj_emitter *e = GJ(em);
    if (oparg & 1)
        gj_assign(e->cur, e->slots[dst++], gj_null_obj(e));
    em_exit owned = *ex;
    owned.depth = dst; /* the NULL pushed first is owned (and empty) */
    gj_load_global(e, dst, oparg >> 1, &owned);
}

static void g_load_attr(emitter *em, int dst, int namei, int owner,
                        const em_exit *ex)
{
    gj_load_attr(GJ(em), dst, namei, owner, ex);
}

static void g_store_attr(emitter *em, int namei, int owner, int value,
                         const em_exit *ex)
{
    gj_store_attr(GJ(em), namei, owner, value, ex);
}

static void g_load_method(emitter *em, int namei, int owner, const em_exit *ex)
{
    gj_load_method(GJ(em), namei, owner, ex);
}

static void g_for_iter(emitter *em, int iter, int body, int done,
                       const em_exit *ex)
{
    gj_for_iter(GJ(em), iter, body, done, ex);
}

static void g_jump(emitter *em, int b)
{
    gj_emitter *e = GJ(em);
    gcc_jit_block_end_with_jump(e->cur, NULL, e->blocks[b]);
    e->cur = NULL;
}

static void g_cond_jump(emitter *em, int op, int s, int target, int fall,
                        const em_exit *ex)
{
    gj_emitter *e = GJ(em);
    gcc_jit_rvalue *v = gj_slot(e, s);
    gcc_jit_rvalue *cond;
    bool jump_if = true, keep_on_jump = false;
    switch (op) {
    case OP_POP_JUMP_FORWARD_IF_NONE:
    case OP_POP_JUMP_BACKWARD_IF_NONE:
    case OP_POP_JUMP_FORWARD_IF_NOT_NONE:
    case OP_POP_JUMP_BACKWARD_IF_NOT_NONE:
        cond = gj_eq(e, v, gj_addr_of(e, e->m->none));
        jump_if = op == OP_POP_JUMP_FORWARD_IF_NONE ||
                  op == OP_POP_JUMP_BACKWARD_IF_NONE;
        break;
    default:
        cond = gj_cmp(e, GCC_JIT_COMPARISON_NE, gj_truth(e, v, ex), 0);
        jump_if = op == OP_POP_JUMP_FORWARD_IF_TRUE ||
                  op == OP_POP_JUMP_BACKWARD_IF_TRUE ||
                  op == OP_JUMP_IF_TRUE_OR_POP;
        keep_on_jump = op == OP_JUMP_IF_TRUE_OR_POP ||
                       op == OP_JUMP_IF_FALSE_OR_POP;
        break;
    }
    gcc_jit_block *jumps = gj_new_block(e, NULL), *falls = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(e->cur, NULL, cond,
                                       jump_if ? jumps : falls,
                                       jump_if ? falls : jumps);
    if (!keep_on_jump)
        jumps = gj_decref_in(e, jumps, v, false);
    gcc_jit_block_end_with_jump(jumps, NULL, e->blocks[target]);
    falls = gj_decref_in(e, falls, v, false);
    gcc_jit_block_end_with_jump(falls, NULL, e->blocks[fall]);
    e->cur = NULL;
}

static void g_eval_breaker(emitter *em, const em_exit *ex)
{
    gj_emitter *e = GJ(em);
    gcc_jit_block *poll = gj_new_block(e, "eval_breaker");
    gcc_jit_block *next = gj_new_block(e, NULL);
    /* A relaxed atomic load, as ceval's: libgccjit 12 drops `volatile`
     * on dereferences, and a plain load is hoisted out of an empty loop. */
    gcc_jit_rvalue *load_args[] = {
        gcc_jit_context_new_cast(e->c, NULL,
                                 gcc_jit_lvalue_as_rvalue(e->eval_breaker),
                                 gcc_jit_type_get_pointer(gcc_jit_type_get_volatile(
                                     gcc_jit_type_get_const(e->m->t.void_)))),
        gj_int_rv(e, 0 /* __ATOMIC_RELAXED */),
    };
    gcc_jit_rvalue *flag = gcc_jit_context_new_cast(
        e->c, NULL,
        gcc_jit_context_new_call(
            e->c, NULL,
            gcc_jit_context_get_builtin_function(e->c, "__atomic_load_4"), 2,
            load_args),
        e->m->t.int_);
    gcc_jit_block_end_with_conditional(e->cur, NULL,
                                       gj_cmp(e, GCC_JIT_COMPARISON_NE, flag, 0),
                                       poll, next);
    gcc_jit_rvalue *args[] = {e->ts, e->f};
    gcc_jit_rvalue *rc = gj_call_helper(e, EH_rt_eval_breaker, 2, args);
    gcc_jit_block_end_with_conditional(poll, NULL,
                                       gj_cmp(e, GCC_JIT_COMPARISON_LT, rc, 0),
                                       gj_exit_block(e, ex), next);
    e->cur = next;
}

static void g_ret(emitter *em, int s)
{
    gj_emitter *e = GJ(em);
    gcc_jit_block_end_with_return(e->cur, NULL, gj_slot(e, s));
    e->cur = NULL;
}

static const em_ops gj_ops = {
    g_begin, g_end, g_block, g_instr,
    g_load_const, g_load_fast, g_store_fast, g_delete_fast,
    g_set_null, g_copy, g_swap, g_pop,
    g_call, g_binary_op, g_compare_op, g_compare_jump, g_binary_subscr,
    g_store_subscr, g_is_op, g_load_global, g_load_attr, g_store_attr,
    g_load_method, g_call_function, g_unary_not,
    g_jump, g_cond_jump, g_for_iter, g_eval_breaker, g_ret,
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
    free(e);
}
