/* Inline fast paths for numbers, the counterpart of 3.11's BINARY_OP_*
 * and COMPARE_OP_*_JUMP specialisations: one-digit ints and floats, with
 * the generic runtime helper as the slow path, so results never depend on
 * which path ran; also truth tests, `not`, `-x` and `is`. */
#include "pyaot/pyinternal.h"
#include <opcode.h> /* NB_* operator numbers */

#include "gj.h"
#include "pyaot/native.h"
#include "pyaot/opcodes.h"

enum { NB_INPLACE_FIRST = 13 };

static gcc_jit_rvalue *truth_value(gj_emitter *e, bool v)
{
    return gcc_jit_context_new_rvalue_from_int(e->c, e->m->bool_, v);
}

static gcc_jit_rvalue *is_type(gj_emitter *e, const gj_operand *o,
                               enum gj_pytype t)
{
    return o->konst ? truth_value(e, t == GJ_LONG) : gj_is_type(e, o->v, t);
}

static gcc_jit_rvalue *is_medium(gj_emitter *e, const gj_operand *o)
{
    return o->konst ? truth_value(e, true) : gj_is_medium(e, o->v);
}

static gcc_jit_rvalue *medium_value(gj_emitter *e, const gj_operand *o)
{
    return o->konst ? gcc_jit_context_new_rvalue_from_long(e->c, e->m->i64,
                                                           o->value)
                    : gj_medium_value(e, o->v);
}

/* Jumps to `yes` when l and r are both one-digit ints, to `wide` (when
 * given) when they are ints but not both of one digit; returns the block
 * for everything else. */
static gcc_jit_block *when_ints(gj_emitter *e, gcc_jit_block *b,
                                const gj_operand *l, const gj_operand *r,
                                gcc_jit_block *yes, gcc_jit_block *wide)
{
    gcc_jit_block *ints = gj_new_block(e, "ints");
    gcc_jit_block *other = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        b, NULL, gj_and(e, is_type(e, l, GJ_LONG), is_type(e, r, GJ_LONG)),
        ints, other);
    gcc_jit_block_end_with_conditional(
        ints, NULL, gj_and(e, is_medium(e, l), is_medium(e, r)), yes,
        wide ? wide : other);
    return other;
}

static gcc_jit_block *when_medium_ints(gj_emitter *e, gcc_jit_block *b,
                                       const gj_operand *l, const gj_operand *r,
                                       gcc_jit_block *yes)
{
    return when_ints(e, b, l, r, yes, NULL);
}

/* The operators rt_long_binary_op does in machine arithmetic. */
static bool has_wide_int_op(int base)
{
    switch (base) {
    case NB_ADD: case NB_SUBTRACT: case NB_MULTIPLY: case NB_AND: case NB_OR:
    case NB_XOR: case NB_RSHIFT: case NB_FLOOR_DIVIDE: case NB_REMAINDER:
        return true;
    }
    return false;
}

static gcc_jit_block *when_floats(gj_emitter *e, gcc_jit_block *b,
                                  const gj_operand *l, const gj_operand *r,
                                  gcc_jit_block *yes)
{
    gcc_jit_block *other = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        b, NULL, gj_and(e, is_type(e, l, GJ_FLOAT), is_type(e, r, GJ_FLOAT)),
        yes, other);
    return other;
}

/* ---- arithmetic ---- */

static gcc_jit_rvalue *lv_of(gcc_jit_lvalue *l)
{
    return gcc_jit_lvalue_as_rvalue(l);
}

static gcc_jit_rvalue *binop(gj_emitter *e, enum gcc_jit_binary_op op,
                             gcc_jit_type *t, gcc_jit_rvalue *a,
                             gcc_jit_rvalue *b)
{
    return gcc_jit_context_new_binary_op(e->c, NULL, op, t, a, b);
}

static gcc_jit_rvalue *i64_cmp(gj_emitter *e, enum gcc_jit_comparison op,
                               gcc_jit_rvalue *a, long v)
{
    return gcc_jit_context_new_comparison(
        e->c, NULL, op, a, gcc_jit_context_new_rvalue_from_long(e->c, e->m->i64, v));
}

gcc_jit_block *gj_floor_div_mod(gj_emitter *e, gcc_jit_block *b,
                                gcc_jit_lvalue *x, gcc_jit_lvalue *y,
                                gcc_jit_lvalue *z, bool want_mod)
{
    gj_module *m = e->m;
    gcc_jit_lvalue *q = gj_temp(e, m->i64), *r = gj_temp(e, m->i64);
    gj_assign(b, q, binop(e, GCC_JIT_BINARY_OP_DIVIDE, m->i64, lv_of(x), lv_of(y)));
    gj_assign(b, r, binop(e, GCC_JIT_BINARY_OP_MODULO, m->i64, lv_of(x), lv_of(y)));
    gcc_jit_block *adjust = gj_new_block(e, NULL), *join = gj_new_block(e, NULL);
    gcc_jit_rvalue *signs_differ = i64_cmp(
        e, GCC_JIT_COMPARISON_LT,
        binop(e, GCC_JIT_BINARY_OP_BITWISE_XOR, m->i64, lv_of(r), lv_of(y)), 0);
    gcc_jit_block_end_with_conditional(
        b, NULL, gj_and(e, i64_cmp(e, GCC_JIT_COMPARISON_NE, lv_of(r), 0), signs_differ),
        adjust, join);
    gcc_jit_block_add_assignment_op(adjust, NULL, q, GCC_JIT_BINARY_OP_MINUS,
                                    gcc_jit_context_one(e->c, m->i64));
    gcc_jit_block_add_assignment_op(adjust, NULL, r, GCC_JIT_BINARY_OP_PLUS,
                                    lv_of(y));
    gcc_jit_block_end_with_jump(adjust, NULL, join);
    gj_assign(join, z, lv_of(want_mod ? r : q));
    return join;
}

/* Emits `res = x OP y` for one-digit ints into `b` (so no result can
 * overflow 64 bits), sending what would raise or need a big int to
 * `slow`. Returns false when OP has no int fast path. */
static bool int_op(gj_emitter *e, gcc_jit_block *b, int op,
                   const gj_operand *l, const gj_operand *r,
                   gcc_jit_lvalue *res, gcc_jit_block *slow,
                   gcc_jit_block *done)
{
    gj_module *m = e->m;
    static const enum gcc_jit_binary_op simple[] = {
        [NB_ADD] = GCC_JIT_BINARY_OP_PLUS,
        [NB_SUBTRACT] = GCC_JIT_BINARY_OP_MINUS,
        [NB_MULTIPLY] = GCC_JIT_BINARY_OP_MULT,
        [NB_AND] = GCC_JIT_BINARY_OP_BITWISE_AND,
        [NB_OR] = GCC_JIT_BINARY_OP_BITWISE_OR,
        [NB_XOR] = GCC_JIT_BINARY_OP_BITWISE_XOR,
    };
    bool is_simple = op == NB_ADD || op == NB_SUBTRACT || op == NB_MULTIPLY ||
                     op == NB_AND || op == NB_OR || op == NB_XOR;
    if (!is_simple && op != NB_RSHIFT && op != NB_LSHIFT &&
        op != NB_FLOOR_DIVIDE && op != NB_REMAINDER && op != NB_TRUE_DIVIDE)
        return false;
    gcc_jit_lvalue *x = gj_temp(e, m->i64), *y = gj_temp(e, m->i64);
    gcc_jit_lvalue *z = gj_temp(e, m->i64);
    gj_assign(b, x, medium_value(e, l));
    gj_assign(b, y, medium_value(e, r));
    if (is_simple) {
        gj_assign(b, z, binop(e, simple[op], m->i64, lv_of(x), lv_of(y)));
    } else if (op == NB_RSHIFT) {
        /* A negative count raises; 63 and more all give 0 or -1. */
        b = gj_branch(e, b, i64_cmp(e, GCC_JIT_COMPARISON_LT, lv_of(y), 0), slow);
        gcc_jit_block *clamp = gj_new_block(e, NULL), *go = gj_new_block(e, NULL);
        gcc_jit_block_end_with_conditional(
            b, NULL, i64_cmp(e, GCC_JIT_COMPARISON_GT, lv_of(y), 63), clamp, go);
        gj_assign(clamp, y, gcc_jit_context_new_rvalue_from_long(e->c, m->i64, 63));
        gcc_jit_block_end_with_jump(clamp, NULL, go);
        b = go;
        gj_assign(b, z, binop(e, GCC_JIT_BINARY_OP_RSHIFT, m->i64, lv_of(x), lv_of(y)));
    } else if (op == NB_LSHIFT) {
        /* Counts up to 31 keep a 30-bit value within 62 bits. */
        b = gj_branch(e, b,
                      gcc_jit_context_new_comparison(
                          e->c, NULL, GCC_JIT_COMPARISON_GE,
                          gcc_jit_context_new_cast(e->c, NULL, lv_of(y), m->u64),
                          gcc_jit_context_new_rvalue_from_long(e->c, m->u64, 32)),
                      slow);
        gj_assign(b, z, gcc_jit_context_new_cast(
                            e->c, NULL,
                            binop(e, GCC_JIT_BINARY_OP_LSHIFT, m->u64,
                                  gcc_jit_context_new_cast(e->c, NULL, lv_of(x), m->u64),
                                  gcc_jit_context_new_cast(e->c, NULL, lv_of(y), m->u64)),
                            m->i64));
    } else {
        /* Division by zero raises in the slow path. */
        b = gj_branch(e, b, i64_cmp(e, GCC_JIT_COMPARISON_EQ, lv_of(y), 0), slow);
        if (op == NB_TRUE_DIVIDE) {
            /* Exact operands below 2**53: one correctly rounded division,
             * as CPython's own fast path. */
            gj_assign(b, res,
                      gj_call_lib(e, GJ_FLOAT_FROM_DOUBLE,
                            binop(e, GCC_JIT_BINARY_OP_DIVIDE, m->dbl,
                                  gcc_jit_context_new_cast(e->c, NULL, lv_of(x), m->dbl),
                                  gcc_jit_context_new_cast(e->c, NULL, lv_of(y), m->dbl))));
            gcc_jit_block_end_with_jump(b, NULL, done);
            return true;
        }
        b = gj_floor_div_mod(e, b, x, y, z, op == NB_REMAINDER);
    }
    b = gj_box_int_in(e, b, res, lv_of(z));
    gcc_jit_block_end_with_jump(b, NULL, done);
    return true;
}

/* Loads `o` as a double when it is a float or a one-digit int; jumps to
 * `slow` otherwise. Returns the block that continues. */
static gcc_jit_block *as_double(gj_emitter *e, gcc_jit_block *b,
                                const gj_operand *o, gcc_jit_lvalue *out,
                                gcc_jit_block *slow)
{
    if (o->konst) {
        gj_assign(b, out, gcc_jit_context_new_rvalue_from_double(
                              e->c, e->m->dbl, (double)o->value));
        return b;
    }
    gcc_jit_block *is_float = gj_new_block(e, NULL);
    gcc_jit_block *not_float = gj_new_block(e, NULL);
    gcc_jit_block *is_int = gj_new_block(e, NULL);
    gcc_jit_block *small = gj_new_block(e, NULL);
    gcc_jit_block *next = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(b, NULL, gj_is_type(e, o->v, GJ_FLOAT),
                                       is_float, not_float);
    gj_assign(is_float, out, gj_float_value(e, o->v));
    gcc_jit_block_end_with_jump(is_float, NULL, next);
    gcc_jit_block_end_with_conditional(not_float, NULL,
                                       gj_is_type(e, o->v, GJ_LONG), is_int,
                                       slow);
    gcc_jit_block_end_with_conditional(is_int, NULL, gj_is_medium(e, o->v),
                                       small, slow);
    gj_assign(small, out,
              gcc_jit_context_new_cast(e->c, NULL, gj_medium_value(e, o->v),
                                       e->m->dbl));
    gcc_jit_block_end_with_jump(small, NULL, next);
    return next;
}

static bool float_op(int nb, enum gcc_jit_binary_op *op)
{
    switch (nb) {
    case NB_ADD: *op = GCC_JIT_BINARY_OP_PLUS; return true;
    case NB_SUBTRACT: *op = GCC_JIT_BINARY_OP_MINUS; return true;
    case NB_MULTIPLY: *op = GCC_JIT_BINARY_OP_MULT; return true;
    case NB_TRUE_DIVIDE: *op = GCC_JIT_BINARY_OP_DIVIDE; return true;
    }
    return false;
}

/* The int and float paths of BINARY_OP `nb`: each sets `res` (NULL on
 * error) and jumps to `done`. Returns the block that takes
 * every other case, with e->cur undefined. */
static gcc_jit_block *binary_fast(gj_emitter *e, const gj_operand *l,
                                  const gj_operand *r, int nb,
                                  gcc_jit_lvalue *res, gcc_jit_block *done)
{
    gj_module *m = e->m;
    /* ints and floats are immutable: in-place forms compute the same. */
    int base = nb >= NB_INPLACE_FIRST ? nb - NB_INPLACE_FIRST : nb;
    gcc_jit_block *slow = gj_new_block(e, "generic");
    gcc_jit_block *b = e->cur;
    gcc_jit_block *ints = gj_new_block(e, "int_op");
    gcc_jit_block *wide = has_wide_int_op(base) ? gj_new_block(e, "wide_int_op")
                                                : NULL;
    gcc_jit_block *after_ints = when_ints(e, b, l, r, ints, wide);
    if (!int_op(e, ints, base, l, r, res, slow, done))
        gcc_jit_block_end_with_jump(ints, NULL, after_ints);
    if (wide) {
        gcc_jit_rvalue *args[] = {l->v, r->v, gj_int_rv(e, nb)};
        gj_assign(wide, res, gj_call_helper(e, EH_rt_long_binary_op, 3, args));
        gcc_jit_block_end_with_jump(wide, NULL, done);
    }
    b = after_ints;
    enum gcc_jit_binary_op op;
    if (!float_op(base, &op)) {
        gcc_jit_block_end_with_jump(b, NULL, slow);
        return slow;
    }
    /* Floats, or a float and a small int, as float_add & co. do. */
    gcc_jit_lvalue *x = gj_temp(e, m->dbl), *y = gj_temp(e, m->dbl);
    b = as_double(e, b, l, x, slow);
    b = as_double(e, b, r, y, slow);
    if (base == NB_TRUE_DIVIDE) /* division by zero raises */
        b = gj_branch(e, b,
                      gcc_jit_context_new_comparison(
                          e->c, NULL, GCC_JIT_COMPARISON_EQ, lv_of(y),
                          gcc_jit_context_zero(e->c, m->dbl)),
                      slow);
    gj_assign(b, res, gj_call_lib(e, GJ_FLOAT_FROM_DOUBLE,
                                  binop(e, op, m->dbl, lv_of(x), lv_of(y))));
    gcc_jit_block_end_with_jump(b, NULL, done);
    return slow;
}

void gj_binary_op(gj_emitter *e, int dst, const em_arg *l, const em_arg *r,
                  int nb, const em_exit *ex)
{
    gj_operand lo = gj_operand_of(e, l), ro = gj_operand_of(e, r);
    gcc_jit_lvalue *res = gj_temp(e, e->m->t.objp);
    gcc_jit_block *done = gj_new_block(e, NULL);
    gcc_jit_block *slow = binary_fast(e, &lo, &ro, nb, res, done);
    gcc_jit_rvalue *args[] = {lo.v, ro.v, gj_int_rv(e, nb),
                              gj_new_cache(e, sizeof(pyaot_operator_cache))};
    gj_assign(slow, res, gj_call_helper(e, EH_rt_binary_op_cached, 4, args));
    gcc_jit_block_end_with_jump(slow, NULL, done);
    e->cur = done;
    gj_fail_if(e, gj_eq(e, gcc_jit_lvalue_as_rvalue(res), gj_null_obj(e)), ex);
    gj_drop(e, &lo);
    gj_drop(e, &ro);
    gj_clear_in(e, e->cur, &ro);
    gj_assign(e->cur, e->slots[dst], gcc_jit_lvalue_as_rvalue(res));
}

/* BINARY_OP fused with the STORE_FAST after it: numbers inline, the
 * rest (where strs are extended in place) in rt_binary_op_to_local. */
void gj_binary_op_to_local(gj_emitter *e, int local, const em_arg *l,
                           const em_arg *r, int nb, const em_exit *ex)
{
    gj_operand lo = gj_operand_of(e, l), ro = gj_operand_of(e, r);
    gcc_jit_lvalue *res = gj_temp(e, e->m->t.objp);
    gcc_jit_block *fast = gj_new_block(e, NULL);
    gcc_jit_block *done = gj_new_block(e, NULL);
    gcc_jit_block *slow = binary_fast(e, &lo, &ro, nb, res, fast);

    e->cur = fast;
    gj_fail_if(e, gj_eq(e, gcc_jit_lvalue_as_rvalue(res), gj_null_obj(e)), ex);
    gj_drop(e, &lo);
    gj_drop(e, &ro);
    gcc_jit_lvalue *old = gj_temp(e, e->m->t.objp);
    gj_assign(e->cur, old, gcc_jit_lvalue_as_rvalue(gj_local(e, local)));
    gj_assign(e->cur, gj_local(e, local), gcc_jit_lvalue_as_rvalue(res));
    e->cur = gj_decref_in(e, e->cur, gcc_jit_lvalue_as_rvalue(old), true);
    gcc_jit_block_end_with_jump(e->cur, NULL, done);

    /* The helper steals both operands, the borrowed ones too. */
    gj_own_in(e, slow, &lo);
    gj_own_in(e, slow, &ro);
    gcc_jit_rvalue *args[] = {e->f, gj_int_rv(e, local), lo.v, ro.v,
                              gj_int_rv(e, nb)};
    gcc_jit_lvalue *rc = gj_temp(e, e->m->t.int_);
    gj_assign(slow, rc, gj_call_helper(e, EH_rt_binary_op_to_local, 5, args));
    gj_clear_in(e, slow, &lo);
    gj_clear_in(e, slow, &ro);
    e->cur = slow;
    gj_fail_if(e, gj_cmp(e, GCC_JIT_COMPARISON_LT,
                         gcc_jit_lvalue_as_rvalue(rc), 0), ex);
    gcc_jit_block_end_with_jump(e->cur, NULL, done);
    e->cur = done;
    gj_clear_in(e, e->cur, &lo);
    gj_clear_in(e, e->cur, &ro);
}

/* ---- comparisons ---- */

static enum gcc_jit_comparison comparison(int op)
{
    static const enum gcc_jit_comparison map[] = {
        GCC_JIT_COMPARISON_LT, GCC_JIT_COMPARISON_LE, GCC_JIT_COMPARISON_EQ,
        GCC_JIT_COMPARISON_NE, GCC_JIT_COMPARISON_GT, GCC_JIT_COMPARISON_GE,
    };
    return map[op];
}

/* Emits the int and float comparisons, and == and != of strs, into
 * `cond`, leaving e->cur at the generic case; the fast blocks release the
 * operands and jump to `decided`. */
static void compare_fast(gj_emitter *e, const gj_operand *l, const gj_operand *r,
                         int op, gcc_jit_lvalue *cond, gcc_jit_block *decided)
{
    gcc_jit_block *ints = gj_new_block(e, "int_compare");
    gcc_jit_block *b = when_medium_ints(e, e->cur, l, r, ints);
    gj_assign(ints, cond,
              gcc_jit_context_new_comparison(e->c, NULL, comparison(op),
                                             medium_value(e, l),
                                             medium_value(e, r)));
    gcc_jit_block *fast[3] = {ints, NULL, NULL};
    int nfast = 1;
    if (!r->konst) { /* an int constant is never a float */
        gcc_jit_block *floats = gj_new_block(e, "float_compare");
        b = when_floats(e, b, l, r, floats);
        gj_assign(floats, cond,
                  gcc_jit_context_new_comparison(e->c, NULL, comparison(op),
                                                 gj_float_value(e, l->v),
                                                 gj_float_value(e, r->v)));
        fast[nfast++] = floats;
    }
    if ((op == Py_EQ || op == Py_NE) && !l->konst && !r->konst) {
        /* 3.11's COMPARE_OP_STR_JUMP: two exact strs by their contents */
        gcc_jit_block *strs = gj_new_block(e, "str_compare");
        gcc_jit_block *other = gj_new_block(e, NULL);
        gcc_jit_block_end_with_conditional(
            b, NULL,
            gj_and(e, gj_is_type(e, l->v, GJ_UNICODE),
                   gj_is_type(e, r->v, GJ_UNICODE)),
            strs, other);
        gcc_jit_rvalue *pair[] = {l->v, r->v};
        gcc_jit_rvalue *equal = gcc_jit_context_new_call(
            e->c, NULL, e->m->unicode_equal, 2, pair);
        gj_assign(strs, cond,
                  gcc_jit_context_new_comparison(
                      e->c, NULL,
                      op == Py_EQ ? GCC_JIT_COMPARISON_NE
                                  : GCC_JIT_COMPARISON_EQ,
                      equal, gj_int_rv(e, 0)));
        fast[nfast++] = strs;
        b = other;
    }
    for (int i = 0; i < nfast; i++) {
        gcc_jit_block *k = gj_drop_in(e, fast[i], l);
        k = gj_drop_in(e, k, r);
        gcc_jit_block_end_with_jump(k, NULL, decided);
    }
    e->cur = b;
}

/* The generic comparison: its result object lands in slot dst. */
static void compare_slow(gj_emitter *e, int dst, const gj_operand *l,
                         const gj_operand *r, int op, const em_exit *ex)
{
    gcc_jit_lvalue *res = gj_temp(e, e->m->t.objp);
    gcc_jit_rvalue *args[] = {l->v, r->v, gj_int_rv(e, op),
                              gj_new_cache(e, sizeof(pyaot_operator_cache))};
    gj_assign(e->cur, res,
              gj_call_helper(e, EH_rt_compare_op_cached, 4, args));
    gj_fail_if(e, gj_eq(e, gcc_jit_lvalue_as_rvalue(res), gj_null_obj(e)), ex);
    gj_drop(e, l);
    gj_drop(e, r);
    gj_clear_in(e, e->cur, l);
    gj_clear_in(e, e->cur, r);
    gj_assign(e->cur, e->slots[dst], gcc_jit_lvalue_as_rvalue(res));
}

static gcc_jit_rvalue *bool_object(gj_emitter *e, gcc_jit_block *b,
                                   gcc_jit_rvalue *cond, gcc_jit_lvalue *out,
                                   gcc_jit_block *join)
{
    gcc_jit_block *yes = gj_new_block(e, NULL), *no = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(b, NULL, cond, yes, no);
    gj_assign(yes, out, gj_addr_of(e, e->m->true_));
    gj_assign(no, out, gj_addr_of(e, e->m->false_));
    gcc_jit_block_end_with_jump(yes, NULL, join);
    gcc_jit_block_end_with_jump(no, NULL, join);
    return gcc_jit_lvalue_as_rvalue(out);
}

void gj_compare_op(gj_emitter *e, int dst, const em_arg *l, const em_arg *r,
                   int op, const em_exit *ex)
{
    gj_operand lo = gj_operand_of(e, l), ro = gj_operand_of(e, r);
    gcc_jit_lvalue *cond = gj_temp(e, e->m->bool_);
    gcc_jit_block *decided = gj_new_block(e, "compared");
    gcc_jit_block *done = gj_new_block(e, NULL);
    compare_fast(e, &lo, &ro, op, cond, decided);
    compare_slow(e, dst, &lo, &ro, op, ex);
    gcc_jit_block_end_with_jump(e->cur, NULL, done);
    gcc_jit_lvalue *obj = gj_temp(e, e->m->t.objp);
    gcc_jit_block *boxed = gj_new_block(e, NULL);
    gcc_jit_rvalue *v = bool_object(e, decided, gcc_jit_lvalue_as_rvalue(cond),
                                    obj, boxed);
    gj_incref_in(e, boxed, v);
    gj_clear_in(e, boxed, &lo);
    gj_clear_in(e, boxed, &ro);
    gj_assign(boxed, e->slots[dst], v);
    gcc_jit_block_end_with_jump(boxed, NULL, done);
    e->cur = done;
}

/* COMPARE_OP and the jump on its result: to `yes` when the comparison
 * holds, else to `no`, both operands dropped on either edge. */
void gj_compare_branch(gj_emitter *e, const em_arg *l, const em_arg *r,
                       int op, gcc_jit_block *yes, gcc_jit_block *no,
                       const em_exit *ex)
{
    gj_operand lo = gj_operand_of(e, l), ro = gj_operand_of(e, r);
    gcc_jit_lvalue *cond = gj_temp(e, e->m->bool_);
    gcc_jit_block *decided = gj_new_block(e, "compared");
    if (!e->info->once)
        compare_fast(e, &lo, &ro, op, cond, decided);
    /* The generic case: the comparison's truth from one call; the
     * operands stay on the stack until it has not failed. */
    gcc_jit_rvalue *args[] = {lo.v, ro.v, gj_int_rv(e, op),
                              gj_new_cache(e, sizeof(pyaot_operator_cache))};
    gcc_jit_lvalue *t = gj_temp(e, e->m->t.int_);
    gj_assign(e->cur, t,
              gj_call_helper(e, EH_rt_compare_truth_cached, 4, args));
    gj_fail_if(e, gj_cmp(e, GCC_JIT_COMPARISON_LT,
                         gcc_jit_lvalue_as_rvalue(t), 0), ex);
    gj_drop(e, &lo);
    gj_drop(e, &ro);
    gj_clear_in(e, e->cur, &lo);
    gj_clear_in(e, e->cur, &ro);
    gj_assign(e->cur, cond,
              gcc_jit_context_new_comparison(e->c, NULL, GCC_JIT_COMPARISON_NE,
                                             gcc_jit_lvalue_as_rvalue(t),
                                             gj_int_rv(e, 0)));
    gcc_jit_block_end_with_jump(e->cur, NULL, decided);
    gcc_jit_block_end_with_conditional(decided, NULL,
                                       gcc_jit_lvalue_as_rvalue(cond), yes, no);
    e->cur = NULL;
}

/* ---- truth, `not` and `is` ---- */

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

void gj_unary_not(gj_emitter *e, int dst, int src, const em_exit *ex)
{
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

/* `-x` of an int of one digit (3.11 leaves UNARY_NEGATIVE generic):
 * its value negated and boxed as rt_long_from_i64 boxes it; anything
 * else through rt_unary_op. */
void gj_unary_negative(gj_emitter *e, int dst, int src, const em_exit *ex)
{
    gj_module *m = e->m;
    gcc_jit_rvalue *o = gj_slot(e, src);
    gcc_jit_lvalue *res = gj_temp(e, m->t.objp);
    gcc_jit_block *is_int = gj_new_block(e, "neg_int");
    gcc_jit_block *medium = gj_new_block(e, "neg_medium");
    gcc_jit_block *slow = gj_new_block(e, "neg_generic");
    gcc_jit_block *join = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(e->cur, NULL, gj_is_type(e, o, GJ_LONG),
                                       is_int, slow);
    gcc_jit_block_end_with_conditional(is_int, NULL, gj_is_medium(e, o),
                                       medium, slow);
    gcc_jit_block *boxed = gj_box_int_in(
        e, medium, res,
        gcc_jit_context_new_unary_op(e->c, NULL, GCC_JIT_UNARY_OP_MINUS,
                                     m->i64, gj_medium_value(e, o)));
    gcc_jit_block_end_with_jump(boxed, NULL, join);
    gcc_jit_rvalue *args[] = {o, gj_int_rv(e, OP_UNARY_NEGATIVE)};
    gj_assign(slow, res, gj_call_helper(e, EH_rt_unary_op, 2, args));
    gcc_jit_block_end_with_jump(slow, NULL, join);
    e->cur = join;
    gj_fail_if(e, gj_eq(e, gcc_jit_lvalue_as_rvalue(res), gj_null_obj(e)), ex);
    gj_decref(e, o);
    gj_assign(e->cur, e->slots[dst], gcc_jit_lvalue_as_rvalue(res));
}

/* `is` and `is not`: a pointer comparison, never a call. */
void gj_is_op(gj_emitter *e, int dst, const em_arg *l, const em_arg *r,
              bool invert)
{
    gj_operand lo = gj_operand_of(e, l), ro = gj_operand_of(e, r);
    gcc_jit_lvalue *res = gj_temp(e, e->m->t.objp);
    gcc_jit_block *yes = gj_new_block(e, NULL), *no = gj_new_block(e, NULL);
    gcc_jit_block *join = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(e->cur, NULL, gj_eq(e, lo.v, ro.v),
                                       invert ? no : yes, invert ? yes : no);
    gj_assign(yes, res, gj_addr_of(e, e->m->true_));
    gj_assign(no, res, gj_addr_of(e, e->m->false_));
    gcc_jit_block_end_with_jump(yes, NULL, join);
    gcc_jit_block_end_with_jump(no, NULL, join);
    e->cur = join;
    gj_incref(e, gcc_jit_lvalue_as_rvalue(res));
    gj_drop(e, &lo);
    gj_drop(e, &ro);
    gj_clear_in(e, e->cur, &ro);
    gj_assign(e->cur, e->slots[dst], gcc_jit_lvalue_as_rvalue(res));
}
