/* Int expressions in 64-bit integers (em_fx with `ints`): every value the
 * expression reads is checked once to be an int of at most two digits
 * (below 2**60 in magnitude), every result to stay below 2**62, where
 * the machine's operations give what int's do; only the result is boxed.
 * Anything else -- a wider int, a value of another kind, a division by
 * zero, a negative shift -- runs the generic code (gj_floats.c says how
 * the two paths meet). */
#include "gj.h"

enum { RANGE_BITS = 62 };

static gcc_jit_rvalue *as_rv(gcc_jit_lvalue *lv)
{
    return gcc_jit_lvalue_as_rvalue(lv);
}

static gcc_jit_rvalue *i64(gj_emitter *e, long long v)
{
    return gcc_jit_context_new_rvalue_from_long(e->c, e->m->i64, v);
}

static gcc_jit_rvalue *cmp(gj_emitter *e, enum gcc_jit_comparison op,
                           gcc_jit_rvalue *a, gcc_jit_rvalue *b)
{
    return gcc_jit_context_new_comparison(e->c, NULL, op, a, b);
}

static gcc_jit_rvalue *binop(gj_emitter *e, enum gcc_jit_binary_op op,
                             gcc_jit_type *t, gcc_jit_rvalue *a,
                             gcc_jit_rvalue *b)
{
    return gcc_jit_context_new_binary_op(e->c, NULL, op, t, a, b);
}

static gcc_jit_rvalue *cast(gj_emitter *e, gcc_jit_rvalue *v, gcc_jit_type *t)
{
    return gcc_jit_context_new_cast(e->c, NULL, v, t);
}

/* Jumps to `slow` unless v lies in [-2**62, 2**62). */
static void check_range(gj_emitter *e, gcc_jit_rvalue *v, gcc_jit_block *slow)
{
    gcc_jit_rvalue *shifted = binop(
        e, GCC_JIT_BINARY_OP_PLUS, e->m->u64, cast(e, v, e->m->u64),
        gcc_jit_context_new_rvalue_from_long(e->c, e->m->u64,
                                             1LL << RANGE_BITS));
    e->cur = gj_branch(
        e, e->cur,
        cmp(e, GCC_JIT_COMPARISON_GE, shifted,
            gcc_jit_context_new_rvalue_from_long(e->c, e->m->u64,
                                                 (long)(1ULL << 63))),
        slow);
}

static gcc_jit_rvalue *int_constant(gj_emitter *e, const em_fx_step *s)
{
    return i64(e, s->k);
}

/* The value of object `o` (NULL allowed when `maybe_null`) into a new
 * 64-bit integer, after jumping to `slow` unless it is exactly an int of
 * at most two digits: the first digit, the second shifted above it, the
 * sign from the size (0 for zero, whatever its digit holds). */
static gcc_jit_rvalue *int_operand(gj_emitter *e, gcc_jit_rvalue *o,
                                   bool maybe_null, gcc_jit_block *slow)
{
    gj_module *m = e->m;
    if (maybe_null)
        e->cur = gj_branch(e, e->cur, gj_eq(e, o, gj_null_obj(e)), slow);
    e->cur = gj_branch(
        e, e->cur,
        gcc_jit_context_new_unary_op(e->c, NULL, GCC_JIT_UNARY_OP_LOGICAL_NEGATE,
                                     m->bool_, gj_is_type(e, o, GJ_LONG)),
        slow);
    gcc_jit_lvalue *size = gj_temp(e, m->i64);
    gj_assign(e->cur, size, cast(e, gj_ob_size(e, o), m->i64));
    /* |size| <= 2: size + 2 in [0, 4] */
    e->cur = gj_branch(
        e, e->cur,
        cmp(e, GCC_JIT_COMPARISON_GT,
            cast(e, binop(e, GCC_JIT_BINARY_OP_PLUS, m->i64, as_rv(size), i64(e, 2)),
                 m->u64),
            gcc_jit_context_new_rvalue_from_long(e->c, m->u64, 4)),
        slow);
    size_t digits = offsetof(PyLongObject, ob_digit);
    gcc_jit_lvalue *mag = gj_temp(e, m->i64);
    gj_assign(e->cur, mag, cast(e, gj_read(e, o, digits, m->u32), m->i64));
    gcc_jit_block *two = gj_new_block(e, "int_two_digits");
    gcc_jit_block *signed_ = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        e->cur, NULL,
        cmp(e, GCC_JIT_COMPARISON_EQ,
            binop(e, GCC_JIT_BINARY_OP_MULT, m->i64, as_rv(size), as_rv(size)),
            i64(e, 4)),
        two, signed_);
    gcc_jit_rvalue *high = cast(e, gj_read(e, o, digits + sizeof(digit), m->u32),
                                m->i64);
    gcc_jit_block_add_assignment_op(
        two, NULL, mag, GCC_JIT_BINARY_OP_PLUS,
        binop(e, GCC_JIT_BINARY_OP_LSHIFT, m->i64, high, i64(e, PyLong_SHIFT)));
    gcc_jit_block_end_with_jump(two, NULL, signed_);
    e->cur = signed_;
    /* sign: (size > 0) - (size < 0) */
    gcc_jit_rvalue *sign = binop(
        e, GCC_JIT_BINARY_OP_MINUS, m->i64,
        cast(e, cmp(e, GCC_JIT_COMPARISON_GT, as_rv(size), i64(e, 0)), m->i64),
        cast(e, cmp(e, GCC_JIT_COMPARISON_LT, as_rv(size), i64(e, 0)), m->i64));
    gcc_jit_lvalue *x = gj_temp(e, m->i64);
    gj_assign(e->cur, x, binop(e, GCC_JIT_BINARY_OP_MULT, m->i64, as_rv(mag), sign));
    return as_rv(x);
}

/* l `op` r as int's operations compute it, or a jump to `slow` where
 * they would raise or the result would leave the range. */
static gcc_jit_rvalue *int_operate(gj_emitter *e, int op, gcc_jit_rvalue *l,
                                   gcc_jit_rvalue *r, gcc_jit_block *slow)
{
    gj_module *m = e->m;
    gcc_jit_lvalue *z = gj_temp(e, m->i64);
    switch (op) {
    case EM_FX_ADD:
    case EM_FX_SUB:
        /* operands below 2**62: no overflow in 64 bits */
        gj_assign(e->cur, z,
                  binop(e, op == EM_FX_ADD ? GCC_JIT_BINARY_OP_PLUS
                                           : GCC_JIT_BINARY_OP_MINUS,
                        m->i64, l, r));
        check_range(e, as_rv(z), slow);
        break;
    case EM_FX_MUL: {
        gcc_jit_type *i128 = gcc_jit_context_get_type(e->c, GCC_JIT_TYPE_INT128_T);
        gcc_jit_lvalue *wide = gj_temp(e, i128);
        gj_assign(e->cur, wide,
                  binop(e, GCC_JIT_BINARY_OP_MULT, i128, cast(e, l, i128),
                        cast(e, r, i128)));
        e->cur = gj_branch(e, e->cur,
                           cmp(e, GCC_JIT_COMPARISON_GE, as_rv(wide),
                               cast(e, i64(e, 1LL << RANGE_BITS), i128)),
                           slow);
        e->cur = gj_branch(e, e->cur,
                           cmp(e, GCC_JIT_COMPARISON_LT, as_rv(wide),
                               cast(e, i64(e, -(1LL << RANGE_BITS)), i128)),
                           slow);
        gj_assign(e->cur, z, cast(e, as_rv(wide), m->i64));
        break;
    }
    case EM_FX_AND:
    case EM_FX_OR:
    case EM_FX_XOR: {
        /* two's complement within 63 bits stays within them */
        static const enum gcc_jit_binary_op bitwise[] = {
            [EM_FX_AND] = GCC_JIT_BINARY_OP_BITWISE_AND,
            [EM_FX_OR] = GCC_JIT_BINARY_OP_BITWISE_OR,
            [EM_FX_XOR] = GCC_JIT_BINARY_OP_BITWISE_XOR,
        };
        gj_assign(e->cur, z, binop(e, bitwise[op], m->i64, l, r));
        break;
    }
    case EM_FX_RSHIFT: {
        /* a negative count raises; 63 and more all give 0 or -1 */
        e->cur = gj_branch(e, e->cur, cmp(e, GCC_JIT_COMPARISON_LT, r, i64(e, 0)),
                           slow);
        gcc_jit_lvalue *count = gj_temp(e, m->i64);
        gj_assign(e->cur, count, r);
        gcc_jit_block *clamp = gj_new_block(e, NULL), *go = gj_new_block(e, NULL);
        gcc_jit_block_end_with_conditional(
            e->cur, NULL, cmp(e, GCC_JIT_COMPARISON_GT, r, i64(e, 63)), clamp, go);
        gj_assign(clamp, count, i64(e, 63));
        gcc_jit_block_end_with_jump(clamp, NULL, go);
        e->cur = go;
        gj_assign(e->cur, z, binop(e, GCC_JIT_BINARY_OP_RSHIFT, m->i64, l,
                                   as_rv(count)));
        break;
    }
    case EM_FX_FLOORDIV:
    case EM_FX_MOD: {
        /* division by zero raises */
        e->cur = gj_branch(e, e->cur, cmp(e, GCC_JIT_COMPARISON_EQ, r, i64(e, 0)),
                           slow);
        gcc_jit_lvalue *x = gj_temp(e, m->i64), *y = gj_temp(e, m->i64);
        gj_assign(e->cur, x, l);
        gj_assign(e->cur, y, r);
        e->cur = gj_floor_div_mod(e, e->cur, x, y, z, op == EM_FX_MOD);
        break;
    }
    }
    return as_rv(z);
}

const gj_arith gj_int_arith = {
    .operand = int_operand, .constant = int_constant,
    .operate = int_operate, .box = GJ_LONG_FROM_LL,
};
