/* The libgccjit backend: implements the emitter interface by building one
 * gccjit function per code object. Stack slots are gccjit locals, so gcc
 * keeps them in registers; errors leave through per-depth unwind chains. */
#include <stdlib.h>
#include <string.h>

#include "pyaot/pyinternal.h"
#include "pyaot/opcodes.h"
#include "gj.h"

typedef struct gj_emitter {
    emitter base;
    gj_module *m;
    gcc_jit_context *c;
    const em_func *info;
    gcc_jit_function *fn;
    gcc_jit_rvalue *ts, *f;
    gcc_jit_lvalue **slots;
    gcc_jit_lvalue *lp, *consts, *first_instr, *eval_breaker;
    gcc_jit_block **blocks;
    bool *filled;           /* blocks the lowering has emitted */
    gcc_jit_block *cur;     /* where the next statement goes */
    gcc_jit_block **exits;  /* lazily built unwind chains, see exit_key */
    int ntemps;
} gj_emitter;

#define E(e) ((gj_emitter *)(e))

/* ---- small builders ---- */

static gcc_jit_block *new_block(gj_emitter *e, const char *name)
{
    return gcc_jit_function_new_block(e->fn, name);
}

static gcc_jit_rvalue *int_rv(gj_emitter *e, long v)
{
    return gcc_jit_context_new_rvalue_from_long(e->c, e->m->t.int_, v);
}

static gcc_jit_rvalue *null_obj(gj_emitter *e)
{
    return gcc_jit_context_null(e->c, e->m->t.objp);
}

static gcc_jit_rvalue *slot(gj_emitter *e, int i)
{
    return i < 0 ? null_obj(e) : gcc_jit_lvalue_as_rvalue(e->slots[i]);
}

static gcc_jit_rvalue *addr_of(gj_emitter *e, gcc_jit_lvalue *singleton)
{
    return gcc_jit_lvalue_get_address(singleton, NULL);
}

static gcc_jit_rvalue *eq(gj_emitter *e, gcc_jit_rvalue *a, gcc_jit_rvalue *b)
{
    return gcc_jit_context_new_comparison(e->c, NULL, GCC_JIT_COMPARISON_EQ,
                                          a, b);
}

static gcc_jit_rvalue *cmp(gj_emitter *e, enum gcc_jit_comparison op,
                           gcc_jit_rvalue *a, long v)
{
    return gcc_jit_context_new_comparison(e->c, NULL, op, a, int_rv(e, v));
}

static void assign(gcc_jit_block *b, gcc_jit_lvalue *lv, gcc_jit_rvalue *rv)
{
    gcc_jit_block_add_assignment(b, NULL, lv, rv);
}

/* Branches on `cond`; continues emitting in the fall-through block. */
static gcc_jit_block *branch(gj_emitter *e, gcc_jit_block *b,
                             gcc_jit_rvalue *cond, gcc_jit_block *if_true)
{
    gcc_jit_block *next = new_block(e, NULL);
    gcc_jit_block_end_with_conditional(b, NULL, cond, if_true, next);
    return next;
}

/* ---- reference counting, inline as Py_INCREF/Py_DECREF ---- */

static gcc_jit_lvalue *refcnt(gj_emitter *e, gcc_jit_rvalue *o)
{
    return gcc_jit_rvalue_dereference_field(o, NULL, e->m->t.ob_refcnt);
}

static void ref_total(gj_emitter *e, gcc_jit_block *b,
                      enum gcc_jit_binary_op op)
{
    if (e->m->ref_total)
        gcc_jit_block_add_assignment_op(
            b, NULL, e->m->ref_total, op,
            gcc_jit_context_one(e->c, e->m->t.ssize));
}

static void incref_in(gj_emitter *e, gcc_jit_block *b, gcc_jit_rvalue *o)
{
    ref_total(e, b, GCC_JIT_BINARY_OP_PLUS);
    gcc_jit_block_add_assignment_op(b, NULL, refcnt(e, o),
                                    GCC_JIT_BINARY_OP_PLUS,
                                    gcc_jit_context_one(e->c, e->m->t.ssize));
}

/* Emits Py_DECREF (or Py_XDECREF) of `o` at the end of `b`; returns the
 * block that continues after it. */
static gcc_jit_block *decref_in(gj_emitter *e, gcc_jit_block *b,
                                gcc_jit_rvalue *o, bool maybe_null)
{
    if (maybe_null) {
        gcc_jit_block *live = new_block(e, NULL);
        gcc_jit_block *done = new_block(e, NULL);
        gcc_jit_block_end_with_conditional(
            b, NULL,
            gcc_jit_context_new_comparison(e->c, NULL, GCC_JIT_COMPARISON_NE,
                                           o, null_obj(e)),
            live, done);
        gcc_jit_block *after = decref_in(e, live, o, false);
        gcc_jit_block_end_with_jump(after, NULL, done);
        return done;
    }
    ref_total(e, b, GCC_JIT_BINARY_OP_MINUS);
    gcc_jit_block_add_assignment_op(b, NULL, refcnt(e, o),
                                    GCC_JIT_BINARY_OP_MINUS,
                                    gcc_jit_context_one(e->c, e->m->t.ssize));
    gcc_jit_block *dealloc = new_block(e, NULL);
    gcc_jit_block *next = new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        b, NULL,
        gcc_jit_context_new_comparison(
            e->c, NULL, GCC_JIT_COMPARISON_EQ,
            gcc_jit_lvalue_as_rvalue(refcnt(e, o)),
            gcc_jit_context_zero(e->c, e->m->t.ssize)),
        dealloc, next);
    gcc_jit_rvalue *arg = o;
    gcc_jit_block_add_eval(dealloc, NULL,
                           gcc_jit_context_new_call(e->c, NULL, e->m->dealloc,
                                                    1, &arg));
    gcc_jit_block_end_with_jump(dealloc, NULL, next);
    return next;
}

static void incref(gj_emitter *e, gcc_jit_rvalue *o)
{
    incref_in(e, e->cur, o);
}

static void decref(gj_emitter *e, gcc_jit_rvalue *o)
{
    e->cur = decref_in(e, e->cur, o, false);
}

/* ---- error exits ---- */

static gcc_jit_rvalue *call_helper(gj_emitter *e, int h, int n,
                                   gcc_jit_rvalue **args)
{
    return gcc_jit_context_new_call(e->c, NULL, gj_helper(e->m, h), n, args);
}

/* A fresh scalar local; gcc merges the ones whose lives do not overlap. */
static gcc_jit_lvalue *temp(gj_emitter *e, gcc_jit_type *type)
{
    char name[32];
    snprintf(name, sizeof name, "t%d", e->ntemps++);
    return gcc_jit_function_new_local(e->fn, NULL, type, name);
}

static gcc_jit_lvalue *temp_array(gj_emitter *e, int n)
{
    char name[32];
    snprintf(name, sizeof name, "tmp%d", e->ntemps++);
    gcc_jit_type *t = gcc_jit_context_new_array_type(e->c, NULL, e->m->t.objp,
                                                     n > 0 ? n : 1);
    return gcc_jit_function_new_local(e->fn, NULL, t, name);
}

static gcc_jit_lvalue *elem(gj_emitter *e, gcc_jit_lvalue *arr, int i)
{
    return gcc_jit_context_new_array_access(
        e->c, NULL, gcc_jit_lvalue_as_rvalue(arr), int_rv(e, i));
}

static gcc_jit_rvalue *array_ptr(gj_emitter *e, gcc_jit_lvalue *arr)
{
    return gcc_jit_lvalue_get_address(elem(e, arr, 0), NULL);
}

static int exit_key(gj_emitter *e, int depth, int handler, bool tb)
{
    return ((depth * (e->info->nblocks + 1)) + handler + 1) * 2 + tb;
}

static gcc_jit_block *unwind_block(gj_emitter *e, int depth, int handler,
                                   int hdepth, bool lasti, bool tb);

/* The exit itself: at the handler's depth, push lasti and the exception
 * and enter the handler; with no handler, leave the frame. */
static void fill_unwind_end(gj_emitter *e, gcc_jit_block *b, int handler,
                            int hdepth, bool lasti)
{
    if (handler < 0) {
        gcc_jit_block_end_with_return(b, NULL, null_obj(e));
        return;
    }
    gcc_jit_lvalue *out = temp_array(e, 2);
    gcc_jit_rvalue *args[] = {e->ts, e->f, int_rv(e, lasti), array_ptr(e, out)};
    gcc_jit_rvalue *rc = call_helper(e, EH_rt_unwind_push, 4, args);
    gcc_jit_block *ok = new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        b, NULL, cmp(e, GCC_JIT_COMPARISON_LT, rc, 0),
        unwind_block(e, hdepth, -1, 0, false, false), ok);
    for (int i = 0; i <= (int)lasti; i++)
        assign(ok, e->slots[hdepth + i],
               gcc_jit_lvalue_as_rvalue(elem(e, out, i)));
    gcc_jit_block_end_with_jump(ok, NULL, e->blocks[handler]);
}

static gcc_jit_block *unwind_block(gj_emitter *e, int depth, int handler,
                                   int hdepth, bool lasti, bool tb)
{
    int key = exit_key(e, depth, handler, tb);
    if (e->exits[key])
        return e->exits[key];
    gcc_jit_block *b = new_block(e, tb ? "traceback" : "unwind");
    e->exits[key] = b;
    if (tb) {
        gcc_jit_rvalue *args[] = {e->ts, e->f};
        gcc_jit_block_add_eval(b, NULL,
                               call_helper(e, EH_rt_add_traceback, 2, args));
        gcc_jit_block_end_with_jump(
            b, NULL, unwind_block(e, depth, handler, hdepth, lasti, false));
        return b;
    }
    int floor = handler < 0 ? 0 : hdepth;
    if (depth <= floor) {
        fill_unwind_end(e, b, handler, hdepth, lasti);
        return b;
    }
    gcc_jit_block *after = decref_in(e, b, slot(e, depth - 1), true);
    gcc_jit_block_end_with_jump(
        after, NULL, unwind_block(e, depth - 1, handler, hdepth, lasti, false));
    return b;
}

static gcc_jit_block *exit_block(gj_emitter *e, const em_exit *ex)
{
    return unwind_block(e, ex->depth, ex->handler, ex->hdepth, ex->lasti,
                        ex->traceback);
}

/* Continues at a fresh block after `cond` (true means failure). */
static void fail_if(gj_emitter *e, gcc_jit_rvalue *cond, const em_exit *ex)
{
    e->cur = branch(e, e->cur, cond, exit_block(e, ex));
}

/* ---- frame access ---- */

static gcc_jit_lvalue *local(gj_emitter *e, int i)
{
    return gcc_jit_context_new_array_access(
        e->c, NULL, gcc_jit_lvalue_as_rvalue(e->lp), int_rv(e, i));
}

static void set_prev_instr(gj_emitter *e, int unit)
{
    gcc_jit_lvalue *first = e->first_instr;
    gcc_jit_lvalue *at = gcc_jit_context_new_array_access(
        e->c, NULL, gcc_jit_lvalue_as_rvalue(first),
        int_rv(e, 2 * unit));
    assign(e->cur,
           gj_field(e->m, e->f, offsetof(_PyInterpreterFrame, prev_instr),
                    e->m->t.voidp),
           gcc_jit_context_new_cast(e->c, NULL,
                                    gcc_jit_lvalue_get_address(at, NULL),
                                    e->m->t.voidp));
}

/* ---- the emitter interface ---- */

static int g_begin(emitter *em, const em_func *fn)
{
    gj_emitter *e = E(em);
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
    gcc_jit_block *entry = new_block(e, "entry");
    for (int i = 0; i < fn->nslots; i++) {
        char name[16];
        snprintf(name, sizeof name, "s%d", i);
        e->slots[i] = gcc_jit_function_new_local(e->fn, NULL, t->objp, name);
        assign(entry, e->slots[i], null_obj(e));
    }
    for (int b = 0; b < fn->nblocks; b++) {
        char name[16];
        snprintf(name, sizeof name, "B%d", b);
        e->blocks[b] = new_block(e, name);
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
    assign(entry, e->lp,
           gcc_jit_lvalue_get_address(
               gj_field(e->m, e->f, offsetof(_PyInterpreterFrame, localsplus),
                        t->objp),
               NULL));
    gcc_jit_rvalue *co_consts = gcc_jit_lvalue_as_rvalue(
        gj_field(e->m, code, offsetof(PyCodeObject, co_consts), t->voidp));
    assign(entry, e->consts,
           gcc_jit_lvalue_get_address(
               gj_field(e->m, co_consts, offsetof(PyTupleObject, ob_item),
                        t->objp),
               NULL));
    assign(entry, e->first_instr,
           gcc_jit_lvalue_get_address(
               gj_field(e->m, code, offsetof(PyCodeObject, co_code_adaptive),
                        t->char_),
               NULL));
    gcc_jit_rvalue *interp = gcc_jit_lvalue_as_rvalue(
        gj_field(e->m, e->ts, offsetof(PyThreadState, interp), t->voidp));
    assign(entry, e->eval_breaker,
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
    gj_emitter *e = E(em);
    /* A block that nothing reaches (after a raise) still needs an end,
     * and so do the blocks of unreachable bytecode. */
    if (e->cur)
        gcc_jit_block_end_with_return(e->cur, NULL, null_obj(e));
    e->cur = NULL;
    for (int b = 0; b < e->info->nblocks; b++)
        if (!e->filled[b])
            gcc_jit_block_end_with_return(e->blocks[b], NULL, null_obj(e));
    return 0;
}

static void g_block(emitter *em, int b, const dec_instr *first)
{
    gj_emitter *e = E(em);
    (void)first;
    if (e->cur)
        gcc_jit_block_end_with_jump(e->cur, NULL, e->blocks[b]);
    e->cur = e->blocks[b];
    e->filled[b] = true;
}

static void g_instr(emitter *em, const dec_instr *in, bool current)
{
    gj_emitter *e = E(em);
    if (!e->cur)
        e->cur = new_block(e, "dead");
    char comment[64];
    snprintf(comment, sizeof comment, "%d %s %d line %d", 2 * in->offset,
             op_table[in->opcode].name, in->oparg, in->line);
    gcc_jit_block_add_comment(e->cur, NULL, comment);
    if (current)
        set_prev_instr(e, in->offset);
}

static void g_load_const(emitter *em, int dst, int i)
{
    gj_emitter *e = E(em);
    gcc_jit_rvalue *v = gcc_jit_lvalue_as_rvalue(gcc_jit_context_new_array_access(
        e->c, NULL, gcc_jit_lvalue_as_rvalue(e->consts), int_rv(e, i)));
    assign(e->cur, e->slots[dst], v);
    incref(e, slot(e, dst));
}

static void unbound_check(gj_emitter *e, gcc_jit_rvalue *v, int idx,
                          const em_exit *ex)
{
    gcc_jit_block *bad = new_block(e, "unbound");
    e->cur = branch(e, e->cur, eq(e, v, null_obj(e)), bad);
    gcc_jit_rvalue *args[] = {e->ts, e->f, int_rv(e, idx)};
    gcc_jit_block_add_eval(bad, NULL,
                           call_helper(e, EH_rt_unbound_local, 3, args));
    gcc_jit_block_end_with_jump(bad, NULL, exit_block(e, ex));
}

static void g_load_fast(emitter *em, int dst, int idx, const em_exit *ex)
{
    gj_emitter *e = E(em);
    assign(e->cur, e->slots[dst], gcc_jit_lvalue_as_rvalue(local(e, idx)));
    if (ex)
        unbound_check(e, slot(e, dst), idx, ex);
    incref(e, slot(e, dst));
}

static void g_store_fast(emitter *em, int idx, int src)
{
    gj_emitter *e = E(em);
    gcc_jit_lvalue *old = temp(e, e->m->t.objp);
    assign(e->cur, old, gcc_jit_lvalue_as_rvalue(local(e, idx)));
    assign(e->cur, local(e, idx), slot(e, src));
    assign(e->cur, e->slots[src], null_obj(e));
    e->cur = decref_in(e, e->cur, gcc_jit_lvalue_as_rvalue(old), true);
}

static void g_delete_fast(emitter *em, int idx, const em_exit *ex)
{
    gj_emitter *e = E(em);
    gcc_jit_lvalue *old = temp(e, e->m->t.objp);
    assign(e->cur, old, gcc_jit_lvalue_as_rvalue(local(e, idx)));
    unbound_check(e, gcc_jit_lvalue_as_rvalue(old), idx, ex);
    assign(e->cur, local(e, idx), null_obj(e));
    decref(e, gcc_jit_lvalue_as_rvalue(old));
}

static void g_set_null(emitter *em, int dst)
{
    gj_emitter *e = E(em);
    assign(e->cur, e->slots[dst], null_obj(e));
}

static void g_copy(emitter *em, int dst, int src)
{
    gj_emitter *e = E(em);
    assign(e->cur, e->slots[dst], slot(e, src));
    incref(e, slot(e, dst));
}

static void g_swap(emitter *em, int a, int b)
{
    gj_emitter *e = E(em);
    gcc_jit_lvalue *t = temp(e, e->m->t.objp);
    assign(e->cur, t, slot(e, a));
    assign(e->cur, e->slots[a], slot(e, b));
    assign(e->cur, e->slots[b], gcc_jit_lvalue_as_rvalue(t));
}

static void g_pop(emitter *em, int s)
{
    gj_emitter *e = E(em);
    decref(e, slot(e, s));
    assign(e->cur, e->slots[s], null_obj(e));
}

/* A helper call: arguments marshalled from slots, stolen slots cleared,
 * the failure test for the helper's return kind, then the popped
 * arguments released and the results stored. */
static void g_call(emitter *em, int h, int dst, const em_arg *args, int n,
                   const em_exit *ex)
{
    gj_emitter *e = E(em);
    gcc_jit_rvalue *rv[8];
    gcc_jit_lvalue *out = NULL;
    int out_base = 0, out_n = 0;
    for (int i = 0; i < n; i++) {
        const em_arg *a = &args[i];
        switch (a->kind) {
        case 'T': rv[i] = e->ts; break;
        case 'F': rv[i] = e->f; break;
        case 'I': rv[i] = int_rv(e, a->v); break;
        case 'C':
            rv[i] = a->v < 0 ? null_obj(e)
                             : gcc_jit_lvalue_as_rvalue(
                                   gcc_jit_context_new_array_access(
                                       e->c, NULL,
                                       gcc_jit_lvalue_as_rvalue(e->consts),
                                       int_rv(e, a->v)));
            break;
        case 'O': case 'S': rv[i] = slot(e, a->v); break;
        case 'A': case 'X': {
            gcc_jit_lvalue *arr = temp_array(e, a->n);
            for (int k = 0; k < a->n; k++)
                assign(e->cur, elem(e, arr, k), slot(e, a->v + k));
            rv[i] = array_ptr(e, arr);
            break;
        }
        case 'W':
            out = temp_array(e, a->n);
            out_base = a->v;
            out_n = a->n;
            rv[i] = array_ptr(e, out);
            break;
        }
    }
    char ret = em_helpers[h].ret;
    gcc_jit_rvalue *call = call_helper(e, h, n, rv);
    gcc_jit_lvalue *r = NULL;
    if (ret == 'V') {
        gcc_jit_block_add_eval(e->cur, NULL, call);
    } else {
        r = temp(e, ret == 'O' ? e->m->t.objp : e->m->t.int_);
        assign(e->cur, r, call);
    }
    for (int i = 0; i < n; i++) {
        if (args[i].kind == 'S' && args[i].v >= 0)
            assign(e->cur, e->slots[args[i].v], null_obj(e));
        if (args[i].kind == 'X')
            for (int k = 0; k < args[i].n; k++)
                assign(e->cur, e->slots[args[i].v + k], null_obj(e));
    }
    gcc_jit_rvalue *rr = r ? gcc_jit_lvalue_as_rvalue(r) : NULL;
    switch (ret) {
    case 'O': fail_if(e, eq(e, rr, null_obj(e)), ex); break;
    case 'I': case 'B': fail_if(e, cmp(e, GCC_JIT_COMPARISON_LT, rr, 0), ex); break;
    case 'R': {
        em_exit quiet = *ex;
        quiet.traceback = false;
        gcc_jit_block_end_with_conditional(
            e->cur, NULL, cmp(e, GCC_JIT_COMPARISON_NE, rr, 0),
            exit_block(e, &quiet), exit_block(e, ex));
        e->cur = new_block(e, "dead");
        return;
    }
    }
    for (int i = 0; i < n; i++)
        if (args[i].kind == 'O' && args[i].pop && args[i].v >= 0) {
            decref(e, slot(e, args[i].v));
            assign(e->cur, e->slots[args[i].v], null_obj(e));
        }
    if (dst >= 0 && ret == 'O')
        assign(e->cur, e->slots[dst], rr);
    for (int k = 0; k < out_n; k++)
        assign(e->cur, e->slots[out_base + k],
               gcc_jit_lvalue_as_rvalue(elem(e, out, k)));
}

static void g_binary_op(emitter *em, int dst, int l, int r, int nb,
                        const em_exit *ex)
{
    em_arg args[] = {{'O', l, 0, true}, {'O', r, 0, true}, {'I', nb, 0, false}};
    g_call(em, EH_rt_binary_op, dst, args, 3, ex);
}

static void g_compare_op(emitter *em, int dst, int l, int r, int op,
                         const em_exit *ex)
{
    em_arg args[] = {{'O', l, 0, true}, {'O', r, 0, true}, {'I', op, 0, false}};
    g_call(em, EH_rt_compare_op, dst, args, 3, ex);
}

static void g_is_op(emitter *em, int dst, int l, int r, bool invert)
{
    gj_emitter *e = E(em);
    gcc_jit_lvalue *res = temp(e, e->m->t.objp);
    gcc_jit_block *yes = new_block(e, NULL), *no = new_block(e, NULL);
    gcc_jit_block *join = new_block(e, NULL);
    gcc_jit_block_end_with_conditional(e->cur, NULL, eq(e, slot(e, l), slot(e, r)),
                                       invert ? no : yes, invert ? yes : no);
    assign(yes, res, addr_of(e, e->m->true_));
    assign(no, res, addr_of(e, e->m->false_));
    gcc_jit_block_end_with_jump(yes, NULL, join);
    gcc_jit_block_end_with_jump(no, NULL, join);
    e->cur = join;
    incref(e, gcc_jit_lvalue_as_rvalue(res));
    decref(e, slot(e, l));
    decref(e, slot(e, r));
    if (dst != r)
        assign(e->cur, e->slots[r], null_obj(e));
    assign(e->cur, e->slots[dst], gcc_jit_lvalue_as_rvalue(res));
}

static void g_load_global(emitter *em, int dst, int oparg, const em_exit *ex)
{
    gj_emitter *e = E(em);
    if (oparg & 1)
        assign(e->cur, e->slots[dst++], null_obj(e));
    em_arg args[] = {{'T', 0, 0, false}, {'F', 0, 0, false},
                     {'I', oparg >> 1, 0, false}};
    em_exit ex2 = *ex;
    ex2.depth = dst; /* the NULL pushed first is owned (and empty) */
    g_call(em, EH_rt_load_global, dst, args, 3, &ex2);
}

static void g_call_function(emitter *em, int base, int oparg, int kwnames,
                            const em_exit *ex)
{
    em_arg args[] = {{'T', 0, 0, false}, {'X', base, oparg + 2, false},
                     {'I', oparg, 0, false}, {'C', kwnames, 0, false}};
    g_call(em, EH_rt_call, base, args, 4, ex);
}

/* Truth of `v` as an int rvalue: the bools and None without a call. */
static gcc_jit_rvalue *truth(gj_emitter *e, gcc_jit_rvalue *v,
                             const em_exit *ex)
{
    gcc_jit_lvalue *t = temp(e, e->m->t.int_);
    gcc_jit_block *is_true = new_block(e, NULL), *not_true = new_block(e, NULL);
    gcc_jit_block *is_false = new_block(e, NULL), *slow = new_block(e, NULL);
    gcc_jit_block *join = new_block(e, NULL);
    gcc_jit_block_end_with_conditional(e->cur, NULL,
                                       eq(e, v, addr_of(e, e->m->true_)),
                                       is_true, not_true);
    assign(is_true, t, int_rv(e, 1));
    gcc_jit_block_end_with_jump(is_true, NULL, join);
    gcc_jit_block_end_with_conditional(
        not_true, NULL,
        gcc_jit_context_new_binary_op(
            e->c, NULL, GCC_JIT_BINARY_OP_LOGICAL_OR,
            gcc_jit_context_get_type(e->c, GCC_JIT_TYPE_BOOL),
            eq(e, v, addr_of(e, e->m->false_)), eq(e, v, addr_of(e, e->m->none))),
        is_false, slow);
    assign(is_false, t, int_rv(e, 0));
    gcc_jit_block_end_with_jump(is_false, NULL, join);
    gcc_jit_rvalue *arg = v;
    assign(slow, t, call_helper(e, EH_rt_truth, 1, &arg));
    e->cur = slow;
    fail_if(e, cmp(e, GCC_JIT_COMPARISON_LT, gcc_jit_lvalue_as_rvalue(t), 0), ex);
    gcc_jit_block_end_with_jump(e->cur, NULL, join);
    e->cur = join;
    return gcc_jit_lvalue_as_rvalue(t);
}

static void g_unary_not(emitter *em, int dst, int src, const em_exit *ex)
{
    gj_emitter *e = E(em);
    gcc_jit_rvalue *t = truth(e, slot(e, src), ex);
    gcc_jit_lvalue *res = temp(e, e->m->t.objp);
    gcc_jit_block *yes = new_block(e, NULL), *no = new_block(e, NULL);
    gcc_jit_block *join = new_block(e, NULL);
    gcc_jit_block_end_with_conditional(e->cur, NULL,
                                       cmp(e, GCC_JIT_COMPARISON_NE, t, 0), yes, no);
    assign(yes, res, addr_of(e, e->m->false_));
    assign(no, res, addr_of(e, e->m->true_));
    gcc_jit_block_end_with_jump(yes, NULL, join);
    gcc_jit_block_end_with_jump(no, NULL, join);
    e->cur = join;
    incref(e, gcc_jit_lvalue_as_rvalue(res));
    decref(e, slot(e, src));
    assign(e->cur, e->slots[dst], gcc_jit_lvalue_as_rvalue(res));
}

static void g_jump(emitter *em, int b)
{
    gj_emitter *e = E(em);
    gcc_jit_block_end_with_jump(e->cur, NULL, e->blocks[b]);
    e->cur = NULL;
}

static void g_cond_jump(emitter *em, int op, int s, int target, int fall,
                        const em_exit *ex)
{
    gj_emitter *e = E(em);
    gcc_jit_rvalue *v = slot(e, s);
    gcc_jit_rvalue *cond;
    bool jump_if = true, keep_on_jump = false;
    switch (op) {
    case OP_POP_JUMP_FORWARD_IF_NONE:
    case OP_POP_JUMP_BACKWARD_IF_NONE:
    case OP_POP_JUMP_FORWARD_IF_NOT_NONE:
    case OP_POP_JUMP_BACKWARD_IF_NOT_NONE:
        cond = eq(e, v, addr_of(e, e->m->none));
        jump_if = op == OP_POP_JUMP_FORWARD_IF_NONE ||
                  op == OP_POP_JUMP_BACKWARD_IF_NONE;
        break;
    default:
        cond = cmp(e, GCC_JIT_COMPARISON_NE, truth(e, v, ex), 0);
        jump_if = op == OP_POP_JUMP_FORWARD_IF_TRUE ||
                  op == OP_POP_JUMP_BACKWARD_IF_TRUE ||
                  op == OP_JUMP_IF_TRUE_OR_POP;
        keep_on_jump = op == OP_JUMP_IF_TRUE_OR_POP ||
                       op == OP_JUMP_IF_FALSE_OR_POP;
        break;
    }
    gcc_jit_block *jumps = new_block(e, NULL), *falls = new_block(e, NULL);
    gcc_jit_block_end_with_conditional(e->cur, NULL, cond,
                                       jump_if ? jumps : falls,
                                       jump_if ? falls : jumps);
    if (!keep_on_jump)
        jumps = decref_in(e, jumps, v, false);
    gcc_jit_block_end_with_jump(jumps, NULL, e->blocks[target]);
    falls = decref_in(e, falls, v, false);
    gcc_jit_block_end_with_jump(falls, NULL, e->blocks[fall]);
    e->cur = NULL;
}

static void g_for_iter(emitter *em, int iter, int body, int done,
                       const em_exit *ex)
{
    gj_emitter *e = E(em);
    gcc_jit_lvalue *out = temp_array(e, 1);
    gcc_jit_rvalue *args[] = {e->ts, slot(e, iter), array_ptr(e, out)};
    gcc_jit_lvalue *r = temp(e, e->m->t.int_);
    assign(e->cur, r, call_helper(e, EH_rt_for_iter, 3, args));
    fail_if(e, cmp(e, GCC_JIT_COMPARISON_LT, gcc_jit_lvalue_as_rvalue(r), 0), ex);
    gcc_jit_block *got = new_block(e, NULL), *end = new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        e->cur, NULL, cmp(e, GCC_JIT_COMPARISON_NE, gcc_jit_lvalue_as_rvalue(r), 0),
        got, end);
    assign(got, e->slots[iter + 1], gcc_jit_lvalue_as_rvalue(elem(e, out, 0)));
    gcc_jit_block_end_with_jump(got, NULL, e->blocks[body]);
    end = decref_in(e, end, slot(e, iter), false);
    assign(end, e->slots[iter], null_obj(e));
    gcc_jit_block_end_with_jump(end, NULL, e->blocks[done]);
    e->cur = NULL;
}

static void g_eval_breaker(emitter *em, const em_exit *ex)
{
    gj_emitter *e = E(em);
    gcc_jit_block *poll = new_block(e, "eval_breaker");
    gcc_jit_block *next = new_block(e, NULL);
    gcc_jit_rvalue *flag = gcc_jit_lvalue_as_rvalue(gcc_jit_rvalue_dereference(
        gcc_jit_lvalue_as_rvalue(e->eval_breaker), NULL));
    gcc_jit_block_end_with_conditional(e->cur, NULL,
                                       cmp(e, GCC_JIT_COMPARISON_NE, flag, 0),
                                       poll, next);
    gcc_jit_rvalue *args[] = {e->ts, e->f};
    gcc_jit_rvalue *rc = call_helper(e, EH_rt_eval_breaker, 2, args);
    gcc_jit_block_end_with_conditional(poll, NULL,
                                       cmp(e, GCC_JIT_COMPARISON_LT, rc, 0),
                                       exit_block(e, ex), next);
    e->cur = next;
}

static void g_ret(emitter *em, int s)
{
    gj_emitter *e = E(em);
    gcc_jit_block_end_with_return(e->cur, NULL, slot(e, s));
    e->cur = NULL;
}

static const em_ops gj_ops = {
    g_begin, g_end, g_block, g_instr,
    g_load_const, g_load_fast, g_store_fast, g_delete_fast,
    g_set_null, g_copy, g_swap, g_pop,
    g_call, g_binary_op, g_compare_op, g_is_op, g_load_global,
    g_call_function, g_unary_not,
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
    return E(em)->fn;
}

void gj_emitter_free(emitter *em)
{
    gj_emitter *e = E(em);
    if (!e)
        return;
    free(e->slots);
    free(e->blocks);
    free(e->filled);
    free(e->exits);
    free(e);
}
