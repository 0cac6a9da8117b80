/* Arithmetic expressions (em_fx), and float ones in doubles: every value
 * the expression reads is checked once (to be a float, here), then the
 * arithmetic runs on machine values and only the result is boxed.
 * Anything else -- a value of another kind, a division by zero, a power
 * whose result pow() would flag -- runs the generic code lowering emits
 * after this, from the start of the expression, which nothing here has
 * changed: the results never depend on which path ran. */
#include <float.h>

#include "gj.h"

static gcc_jit_rvalue *as_rv(gcc_jit_lvalue *lv)
{
    return gcc_jit_lvalue_as_rvalue(lv);
}

static gcc_jit_rvalue *dbl(gj_emitter *e, double v)
{
    return gcc_jit_context_new_rvalue_from_double(e->c, e->m->dbl, v);
}

static gcc_jit_rvalue *compare(gj_emitter *e, enum gcc_jit_comparison op,
                               gcc_jit_rvalue *a, gcc_jit_rvalue *b)
{
    return gcc_jit_context_new_comparison(e->c, NULL, op, a, b);
}

static gcc_jit_rvalue *logical_not(gj_emitter *e, gcc_jit_rvalue *v)
{
    return gcc_jit_context_new_unary_op(e->c, NULL,
                                        GCC_JIT_UNARY_OP_LOGICAL_NEGATE,
                                        e->m->bool_, v);
}

/* Whether a double lies in [lo, hi] (false for a NaN). */
static gcc_jit_rvalue *within(gj_emitter *e, gcc_jit_rvalue *x, double lo,
                              double hi)
{
    return gj_and(e, compare(e, GCC_JIT_COMPARISON_GE, x, dbl(e, lo)),
                  compare(e, GCC_JIT_COMPARISON_LE, x, dbl(e, hi)));
}

static gcc_jit_rvalue *float_constant(gj_emitter *e, const em_fx_step *s)
{
    return dbl(e, s->c);
}

/* The float value of object `o` (NULL allowed when `maybe_null`) into a
 * new double, after jumping to `slow` unless it is exactly a float. */
static gcc_jit_rvalue *float_operand(gj_emitter *e, gcc_jit_rvalue *o,
                                     bool maybe_null, gcc_jit_block *slow)
{
    if (maybe_null)
        e->cur = gj_branch(e, e->cur, gj_eq(e, o, gj_null_obj(e)), slow);
    e->cur = gj_branch(e, e->cur, logical_not(e, gj_is_type(e, o, GJ_FLOAT)),
                       slow);
    gcc_jit_lvalue *x = gj_temp(e, e->m->dbl);
    gj_assign(e->cur, x, gj_float_value(e, o));
    return as_rv(x);
}

/* l `op` r, as float_add & co. compute it, or a jump to `slow` where
 * they would raise (float_div, float_pow: a positive finite base and a
 * normal result, where pow() sets no errno and takes no special case). */
static gcc_jit_rvalue *float_operate(gj_emitter *e, int op,
                                     gcc_jit_rvalue *l, gcc_jit_rvalue *r,
                                     gcc_jit_block *slow)
{
    gj_module *m = e->m;
    static const enum gcc_jit_binary_op simple[] = {
        [EM_FX_ADD] = GCC_JIT_BINARY_OP_PLUS,
        [EM_FX_SUB] = GCC_JIT_BINARY_OP_MINUS,
        [EM_FX_MUL] = GCC_JIT_BINARY_OP_MULT,
        [EM_FX_DIV] = GCC_JIT_BINARY_OP_DIVIDE,
    };
    gcc_jit_lvalue *x = gj_temp(e, m->dbl);
    if (op == EM_FX_POW) {
        e->cur = gj_branch(e, e->cur, logical_not(e, within(e, l, DBL_MIN, DBL_MAX)),
                           slow);
        gcc_jit_rvalue *args[] = {l, r};
        gj_assign(e->cur, x, gcc_jit_context_new_call(e->c, NULL, m->pow, 2, args));
        e->cur = gj_branch(e, e->cur,
                           logical_not(e, within(e, as_rv(x), DBL_MIN, DBL_MAX)),
                           slow);
        return as_rv(x);
    }
    if (op == EM_FX_DIV)
        e->cur = gj_branch(e, e->cur,
                           compare(e, GCC_JIT_COMPARISON_EQ, r, dbl(e, 0.0)),
                           slow);
    gj_assign(e->cur, x,
              gcc_jit_context_new_binary_op(e->c, NULL, simple[op], m->dbl, l, r));
    return as_rv(x);
}

static const gj_arith float_arith = {
    .operand = float_operand, .constant = float_constant,
    .operate = float_operate, .box = GJ_FLOAT_FROM_DOUBLE,
};

void gj_speculate(gj_emitter *e, const em_fx *fx)
{
    const gj_arith *a = fx->ints ? &gj_int_arith : &float_arith;
    /* The values by stack slot: an expression reaches at most EM_FX_MAX
     * slots under its depth and above it. */
    gcc_jit_rvalue *values[2 * EM_FX_MAX + 1];
    gcc_jit_rvalue **value = values + EM_FX_MAX - fx->depth;
    gcc_jit_block *slow = gj_new_block(e, "arith_generic");
    e->arith_done = gj_new_block(e, "arith_done");
    if (!e->cur)
        e->cur = gj_new_block(e, "dead");
    int depth = fx->depth, low = fx->depth, store = -1;
    for (int i = 0; i < fx->nsteps; i++) {
        const em_fx_step *s = &fx->steps[i];
        switch (s->kind) {
        case EM_FX_LOCAL:
            value[depth++] = a->operand(e, as_rv(gj_local(e, s->v)), true,
                                        slow);
            break;
        case EM_FX_CONST:
            value[depth++] = a->constant(e, s);
            break;
        case EM_FX_OP:
            depth -= 2;
            /* operands from under the expression: values it now owns */
            for (int k = depth; k < depth + 2 && k < low; k++)
                value[k] = a->operand(e, gj_slot(e, k), false, slow);
            if (depth < low)
                low = depth;
            value[depth] = a->operate(e, s->v, value[depth], value[depth + 1],
                                      slow);
            depth++;
            break;
        case EM_FX_STORE:
            store = s->v;
            depth--;
            break;
        }
    }
    int result = store >= 0 ? depth : depth - 1;
    /* One box for the result. Should it fail, the generic code meets
     * the same shortage, where its exception belongs. */
    gcc_jit_lvalue *box = gj_temp(e, e->m->t.objp);
    if (a->box == GJ_LONG_FROM_LL)
        e->cur = gj_box_int_in(e, e->cur, box, value[result]);
    else
        gj_assign(e->cur, box, gj_call_lib(e, a->box, value[result]));
    gcc_jit_block *no_box = gj_new_block(e, "arith_no_box");
    e->cur = gj_branch(e, e->cur, gj_eq(e, as_rv(box), gj_null_obj(e)), no_box);
    gcc_jit_block_add_eval(no_box, NULL,
                           gcc_jit_context_new_call(e->c, NULL, e->m->err_clear,
                                                    0, NULL));
    gcc_jit_block_end_with_jump(no_box, NULL, slow);

    for (int k = low; k < fx->depth; k++) {
        gj_decref(e, gj_slot(e, k));
        gj_assign(e->cur, e->slots[k], gj_null_obj(e));
    }
    if (store >= 0) {
        gcc_jit_lvalue *old = gj_temp(e, e->m->t.objp);
        gj_assign(e->cur, old, as_rv(gj_local(e, store)));
        gj_assign(e->cur, gj_local(e, store), as_rv(box));
        e->cur = gj_decref_in(e, e->cur, as_rv(old), true);
    } else {
        gj_assign(e->cur, e->slots[result], as_rv(box));
    }
    gcc_jit_block_end_with_jump(e->cur, NULL, e->arith_done);
    e->cur = slow;
}

void gj_end_speculation(gj_emitter *e)
{
    if (e->cur)
        gcc_jit_block_end_with_jump(e->cur, NULL, e->arith_done);
    e->cur = e->arith_done;
    e->arith_done = NULL;
}
