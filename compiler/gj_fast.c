/* Inline fast paths, the counterpart of 3.11's specialised instructions:
 * small ints, floats, list indexing, range and list iteration, globals
 * cached on dict versions. Each guards its types and falls back to the
 * generic runtime helper, so results never depend on which path ran. */
#include "pyaot/pyinternal.h"
#include "internal/pycore_dict.h"
#include <opcode.h> /* NB_* operator numbers */

#include "gj.h"

enum { NB_INPLACE_FIRST = 13 };

/* Layouts private to CPython's .c files, as 3.11 defines them. */
typedef struct { PyObject_HEAD long index, start, step, len; } rangeiter_layout;
typedef struct {
    PyObject_HEAD
    Py_ssize_t it_index;
    PyListObject *it_seq;
} listiter_layout;

/* ---- reading objects ---- */

static gcc_jit_rvalue *field(gj_emitter *e, gcc_jit_rvalue *o, long off,
                             gcc_jit_type *t)
{
    return gcc_jit_lvalue_as_rvalue(gj_field(e->m, o, off, t));
}

static gcc_jit_rvalue *is_type(gj_emitter *e, gcc_jit_rvalue *o,
                               enum gj_pytype t)
{
    gcc_jit_rvalue *type = gcc_jit_lvalue_as_rvalue(
        gcc_jit_rvalue_dereference_field(o, NULL, e->m->t.ob_type));
    return gj_eq(e, type,
                 gcc_jit_context_new_cast(e->c, NULL,
                                          gj_addr_of(e, e->m->types[t]),
                                          e->m->t.voidp));
}

static gcc_jit_rvalue *both(gj_emitter *e, gcc_jit_rvalue *a,
                            gcc_jit_rvalue *b)
{
    return gcc_jit_context_new_binary_op(e->c, NULL,
                                         GCC_JIT_BINARY_OP_LOGICAL_AND,
                                         e->m->bool_, a, b);
}

static gcc_jit_rvalue *ob_size(gj_emitter *e, gcc_jit_rvalue *o)
{
    return field(e, o, offsetof(PyVarObject, ob_size), e->m->t.ssize);
}

/* An exact int of at most one digit (3.11's "medium" value). */
static gcc_jit_rvalue *is_medium(gj_emitter *e, gcc_jit_rvalue *o)
{
    gcc_jit_rvalue *sz = gcc_jit_context_new_binary_op(
        e->c, NULL, GCC_JIT_BINARY_OP_PLUS, e->m->i64,
        gcc_jit_context_new_cast(e->c, NULL, ob_size(e, o), e->m->i64),
        gcc_jit_context_one(e->c, e->m->i64));
    return gcc_jit_context_new_comparison(
        e->c, NULL, GCC_JIT_COMPARISON_LT,
        gcc_jit_context_new_cast(e->c, NULL, sz, e->m->u64),
        gcc_jit_context_new_rvalue_from_long(e->c, e->m->u64, 3));
}

static gcc_jit_rvalue *medium_value(gj_emitter *e, gcc_jit_rvalue *o)
{
    gcc_jit_rvalue *digit = gcc_jit_context_new_cast(
        e->c, NULL, field(e, o, offsetof(PyLongObject, ob_digit), e->m->u32),
        e->m->i64);
    return gcc_jit_context_new_binary_op(
        e->c, NULL, GCC_JIT_BINARY_OP_MULT, e->m->i64,
        gcc_jit_context_new_cast(e->c, NULL, ob_size(e, o), e->m->i64), digit);
}

static gcc_jit_rvalue *float_value(gj_emitter *e, gcc_jit_rvalue *o)
{
    return field(e, o, offsetof(PyFloatObject, ob_fval), e->m->dbl);
}

static gcc_jit_rvalue *call1(gj_emitter *e, enum gj_pyfunc f,
                             gcc_jit_rvalue *arg)
{
    return gcc_jit_context_new_call(e->c, NULL, e->m->funcs[f], 1, &arg);
}

/* Jumps to `yes` when both operands are medium ints; the type test comes
 * first so the size field is only read from ints. */
static gcc_jit_block *when_medium_ints(gj_emitter *e, gcc_jit_block *b,
                                       gcc_jit_rvalue *l, gcc_jit_rvalue *r,
                                       gcc_jit_block *yes)
{
    gcc_jit_block *ints = gj_new_block(e, "ints");
    gcc_jit_block *other = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        b, NULL, both(e, is_type(e, l, GJ_LONG), is_type(e, r, GJ_LONG)),
        ints, other);
    gcc_jit_block *big = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        ints, NULL, both(e, is_medium(e, l), is_medium(e, r)), yes, big);
    gcc_jit_block_end_with_jump(big, NULL, other);
    return other;
}

static gcc_jit_block *when_floats(gj_emitter *e, gcc_jit_block *b,
                                  gcc_jit_rvalue *l, gcc_jit_rvalue *r,
                                  gcc_jit_block *yes)
{
    gcc_jit_block *other = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        b, NULL, both(e, is_type(e, l, GJ_FLOAT), is_type(e, r, GJ_FLOAT)),
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

/* Python's floor division and modulo from C's truncating ones. */
static gcc_jit_block *floor_div_mod(gj_emitter *e, gcc_jit_block *b,
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
        b, NULL, both(e, i64_cmp(e, GCC_JIT_COMPARISON_NE, lv_of(r), 0), signs_differ),
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
                   gcc_jit_rvalue *lv, gcc_jit_rvalue *rv,
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
    gj_assign(b, x, medium_value(e, lv));
    gj_assign(b, y, medium_value(e, rv));
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
                      call1(e, GJ_FLOAT_FROM_DOUBLE,
                            binop(e, GCC_JIT_BINARY_OP_DIVIDE, m->dbl,
                                  gcc_jit_context_new_cast(e->c, NULL, lv_of(x), m->dbl),
                                  gcc_jit_context_new_cast(e->c, NULL, lv_of(y), m->dbl))));
            gcc_jit_block_end_with_jump(b, NULL, done);
            return true;
        }
        b = floor_div_mod(e, b, x, y, z, op == NB_REMAINDER);
    }
    gj_assign(b, res, call1(e, GJ_LONG_FROM_LL, lv_of(z)));
    gcc_jit_block_end_with_jump(b, NULL, done);
    return true;
}

/* Loads `o` as a double when it is a float or a one-digit int; jumps to
 * `slow` otherwise. Returns the block that continues. */
static gcc_jit_block *as_double(gj_emitter *e, gcc_jit_block *b,
                                gcc_jit_rvalue *o, gcc_jit_lvalue *out,
                                gcc_jit_block *slow)
{
    gcc_jit_block *is_float = gj_new_block(e, NULL);
    gcc_jit_block *not_float = gj_new_block(e, NULL);
    gcc_jit_block *is_int = gj_new_block(e, NULL);
    gcc_jit_block *small = gj_new_block(e, NULL);
    gcc_jit_block *next = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(b, NULL, is_type(e, o, GJ_FLOAT),
                                       is_float, not_float);
    gj_assign(is_float, out, float_value(e, o));
    gcc_jit_block_end_with_jump(is_float, NULL, next);
    gcc_jit_block_end_with_conditional(not_float, NULL, is_type(e, o, GJ_LONG),
                                       is_int, slow);
    gcc_jit_block_end_with_conditional(is_int, NULL, is_medium(e, o), small, slow);
    gj_assign(small, out,
              gcc_jit_context_new_cast(e->c, NULL, medium_value(e, o), e->m->dbl));
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

void gj_binary_op(gj_emitter *e, int dst, int l, int r, int nb,
                  const em_exit *ex)
{
    gj_module *m = e->m;
    /* ints and floats are immutable: in-place forms compute the same. */
    int base = nb >= NB_INPLACE_FIRST ? nb - NB_INPLACE_FIRST : nb;
    gcc_jit_rvalue *lv = gj_slot(e, l), *rv = gj_slot(e, r);
    gcc_jit_lvalue *res = gj_temp(e, m->t.objp);
    gcc_jit_block *done = gj_new_block(e, NULL);
    gcc_jit_block *slow = gj_new_block(e, "generic");
    gcc_jit_block *b = e->cur;
    gcc_jit_block *ints = gj_new_block(e, "int_op");
    gcc_jit_block *after_ints = when_medium_ints(e, b, lv, rv, ints);
    if (int_op(e, ints, base, lv, rv, res, slow, done))
        b = after_ints;
    else
        gcc_jit_block_end_with_jump(ints, NULL, after_ints), b = after_ints;
    enum gcc_jit_binary_op op;
    if (float_op(base, &op)) {
        /* Floats, or a float and a small int, as float_add & co. do. */
        gcc_jit_lvalue *x = gj_temp(e, m->dbl), *y = gj_temp(e, m->dbl);
        b = as_double(e, b, lv, x, slow);
        b = as_double(e, b, rv, y, slow);
        if (base == NB_TRUE_DIVIDE) /* division by zero raises */
            b = gj_branch(e, b,
                          gcc_jit_context_new_comparison(
                              e->c, NULL, GCC_JIT_COMPARISON_EQ, lv_of(y),
                              gcc_jit_context_zero(e->c, m->dbl)),
                          slow);
        gj_assign(b, res, call1(e, GJ_FLOAT_FROM_DOUBLE,
                                binop(e, op, m->dbl, lv_of(x), lv_of(y))));
        gcc_jit_block_end_with_jump(b, NULL, done);
    } else {
        gcc_jit_block_end_with_jump(b, NULL, slow);
    }
    gcc_jit_rvalue *args[] = {lv, rv, gj_int_rv(e, nb)};
    gj_assign(slow, res, gj_call_helper(e, EH_rt_binary_op, 3, args));
    gcc_jit_block_end_with_jump(slow, NULL, done);
    e->cur = done;
    gj_fail_if(e, gj_eq(e, gcc_jit_lvalue_as_rvalue(res), gj_null_obj(e)), ex);
    gj_decref(e, lv);
    gj_decref(e, rv);
    gj_assign(e->cur, e->slots[r], gj_null_obj(e));
    gj_assign(e->cur, e->slots[dst], gcc_jit_lvalue_as_rvalue(res));
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

/* Emits the int and float comparisons into `cond`, leaving e->cur at
 * the generic case; both fast blocks release the operands and jump to
 * `decided`. */
static void compare_fast(gj_emitter *e, int l, int r, int op,
                         gcc_jit_lvalue *cond, gcc_jit_block *decided)
{
    gcc_jit_rvalue *lv = gj_slot(e, l), *rv = gj_slot(e, r);
    gcc_jit_block *ints = gj_new_block(e, "int_compare");
    gcc_jit_block *floats = gj_new_block(e, "float_compare");
    gcc_jit_block *b = when_medium_ints(e, e->cur, lv, rv, ints);
    b = when_floats(e, b, lv, rv, floats);
    gj_assign(ints, cond,
              gcc_jit_context_new_comparison(e->c, NULL, comparison(op),
                                             medium_value(e, lv),
                                             medium_value(e, rv)));
    gj_assign(floats, cond,
              gcc_jit_context_new_comparison(e->c, NULL, comparison(op),
                                             float_value(e, lv),
                                             float_value(e, rv)));
    gcc_jit_block *fast[] = {ints, floats};
    for (int i = 0; i < 2; i++) {
        gcc_jit_block *k = gj_decref_in(e, fast[i], lv, false);
        k = gj_decref_in(e, k, rv, false);
        gcc_jit_block_end_with_jump(k, NULL, decided);
    }
    e->cur = b;
}

/* The generic comparison: its result object lands in slot l. */
static void compare_slow(gj_emitter *e, int l, int r, int op,
                         const em_exit *ex)
{
    gcc_jit_rvalue *lv = gj_slot(e, l), *rv = gj_slot(e, r);
    gcc_jit_lvalue *res = gj_temp(e, e->m->t.objp);
    gcc_jit_rvalue *args[] = {lv, rv, gj_int_rv(e, op)};
    gj_assign(e->cur, res, gj_call_helper(e, EH_rt_compare_op, 3, args));
    gj_fail_if(e, gj_eq(e, gcc_jit_lvalue_as_rvalue(res), gj_null_obj(e)), ex);
    gj_decref(e, lv);
    gj_decref(e, rv);
    gj_assign(e->cur, e->slots[r], gj_null_obj(e));
    gj_assign(e->cur, e->slots[l], gcc_jit_lvalue_as_rvalue(res));
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

void gj_compare_op(gj_emitter *e, int dst, int l, int r, int op,
                   const em_exit *ex)
{
    gcc_jit_lvalue *cond = gj_temp(e, e->m->bool_);
    gcc_jit_block *decided = gj_new_block(e, "compared");
    gcc_jit_block *done = gj_new_block(e, NULL);
    compare_fast(e, l, r, op, cond, decided);
    compare_slow(e, l, r, op, ex);
    gcc_jit_block_end_with_jump(e->cur, NULL, done);
    gcc_jit_lvalue *obj = gj_temp(e, e->m->t.objp);
    gcc_jit_block *boxed = gj_new_block(e, NULL);
    gcc_jit_rvalue *v = bool_object(e, decided, gcc_jit_lvalue_as_rvalue(cond),
                                    obj, boxed);
    gj_incref_in(e, boxed, v);
    gj_assign(boxed, e->slots[l], v);
    gj_assign(boxed, e->slots[r], gj_null_obj(e));
    gcc_jit_block_end_with_jump(boxed, NULL, done);
    e->cur = done;
    if (dst != l) {
        gj_assign(e->cur, e->slots[dst], gj_slot(e, l));
        gj_assign(e->cur, e->slots[l], gj_null_obj(e));
    }
}

void gj_compare_jump(gj_emitter *e, int l, int r, int op, bool jump_if,
                     int target, int fall, const em_exit *ex)
{
    gcc_jit_lvalue *cond = gj_temp(e, e->m->bool_);
    gcc_jit_block *decided = gj_new_block(e, "compared");
    compare_fast(e, l, r, op, cond, decided);
    compare_slow(e, l, r, op, ex);
    /* The result object is now the tested value, one slot deep. */
    em_exit popped = *ex;
    popped.depth = l + 1;
    gcc_jit_rvalue *t = gj_truth(e, gj_slot(e, l), &popped);
    gj_assign(e->cur, cond,
              gcc_jit_context_new_comparison(e->c, NULL, GCC_JIT_COMPARISON_NE,
                                             t, gj_int_rv(e, 0)));
    gj_decref(e, gj_slot(e, l));
    gj_assign(e->cur, e->slots[l], gj_null_obj(e));
    gcc_jit_block_end_with_jump(e->cur, NULL, decided);
    gcc_jit_block_end_with_conditional(
        decided, NULL, gcc_jit_lvalue_as_rvalue(cond),
        e->blocks[jump_if ? target : fall], e->blocks[jump_if ? fall : target]);
    e->cur = NULL;
}

/* ---- subscripts ---- */

/* Jumps to `yes` with `index` set when c is a list and sub a medium int
 * within it (negative indexes take the generic path). */
static gcc_jit_block *when_list_index(gj_emitter *e, gcc_jit_rvalue *c,
                                      gcc_jit_rvalue *sub,
                                      gcc_jit_lvalue *index,
                                      gcc_jit_block *yes)
{
    gcc_jit_block *list = gj_new_block(e, "list_index");
    gcc_jit_block *other = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        e->cur, NULL, both(e, is_type(e, c, GJ_LIST), is_type(e, sub, GJ_LONG)),
        list, other);
    gcc_jit_block *small = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(list, NULL, is_medium(e, sub), small,
                                       other);
    gj_assign(small, index, medium_value(e, sub));
    gcc_jit_rvalue *in_range = gcc_jit_context_new_comparison(
        e->c, NULL, GCC_JIT_COMPARISON_LT,
        gcc_jit_context_new_cast(e->c, NULL, gcc_jit_lvalue_as_rvalue(index),
                                 e->m->u64),
        gcc_jit_context_new_cast(e->c, NULL, ob_size(e, c), e->m->u64));
    gcc_jit_block_end_with_conditional(small, NULL, in_range, yes, other);
    return other;
}

static gcc_jit_lvalue *list_item(gj_emitter *e, gcc_jit_rvalue *c,
                                 gcc_jit_lvalue *index)
{
    gcc_jit_rvalue *items = field(e, c, offsetof(PyListObject, ob_item),
                                  e->m->t.objpp);
    return gcc_jit_context_new_array_access(e->c, NULL, items,
                                            gcc_jit_lvalue_as_rvalue(index));
}

void gj_binary_subscr(gj_emitter *e, int dst, int c, int sub,
                      const em_exit *ex)
{
    gcc_jit_rvalue *cv = gj_slot(e, c), *sv = gj_slot(e, sub);
    gcc_jit_lvalue *index = gj_temp(e, e->m->i64);
    gcc_jit_lvalue *res = gj_temp(e, e->m->t.objp);
    gcc_jit_block *yes = gj_new_block(e, "list_item");
    gcc_jit_block *done = gj_new_block(e, NULL);
    gcc_jit_block *slow = when_list_index(e, cv, sv, index, yes);
    gj_assign(yes, res, gcc_jit_lvalue_as_rvalue(list_item(e, cv, index)));
    gj_incref_in(e, yes, gcc_jit_lvalue_as_rvalue(res));
    gcc_jit_block_end_with_jump(yes, NULL, done);
    gcc_jit_rvalue *args[] = {cv, sv};
    gj_assign(slow, res, gj_call_helper(e, EH_rt_binary_subscr, 2, args));
    gcc_jit_block_end_with_jump(slow, NULL, done);
    e->cur = done;
    gj_fail_if(e, gj_eq(e, gcc_jit_lvalue_as_rvalue(res), gj_null_obj(e)), ex);
    gj_decref(e, cv);
    gj_decref(e, sv);
    gj_assign(e->cur, e->slots[sub], gj_null_obj(e));
    gj_assign(e->cur, e->slots[dst], gcc_jit_lvalue_as_rvalue(res));
}

void gj_store_subscr(gj_emitter *e, int c, int sub, int v, const em_exit *ex)
{
    gcc_jit_rvalue *cv = gj_slot(e, c), *sv = gj_slot(e, sub);
    gcc_jit_lvalue *index = gj_temp(e, e->m->i64);
    gcc_jit_lvalue *old = gj_temp(e, e->m->t.objp);
    gcc_jit_block *yes = gj_new_block(e, "list_store");
    gcc_jit_block *done = gj_new_block(e, NULL);
    gcc_jit_block *slow = when_list_index(e, cv, sv, index, yes);
    /* The list takes the value's reference; the old item is released
     * once the store is complete, as list_ass_item does. */
    gj_assign(yes, old, gcc_jit_lvalue_as_rvalue(list_item(e, cv, index)));
    gj_assign(yes, list_item(e, cv, index), gj_slot(e, v));
    gj_assign(yes, e->slots[v], gj_null_obj(e));
    yes = gj_decref_in(e, yes, gcc_jit_lvalue_as_rvalue(old), true);
    gcc_jit_block_end_with_jump(yes, NULL, done);
    gcc_jit_rvalue *args[] = {cv, sv, gj_slot(e, v)};
    gcc_jit_lvalue *rc = gj_temp(e, e->m->t.int_);
    gj_assign(slow, rc, gj_call_helper(e, EH_rt_store_subscr, 3, args));
    e->cur = slow;
    gj_fail_if(e, gj_cmp(e, GCC_JIT_COMPARISON_LT,
                         gcc_jit_lvalue_as_rvalue(rc), 0), ex);
    gj_decref(e, gj_slot(e, v));
    gj_assign(e->cur, e->slots[v], gj_null_obj(e));
    gcc_jit_block_end_with_jump(e->cur, NULL, done);
    e->cur = done;
    gj_decref(e, cv);
    gj_decref(e, sv);
    gj_assign(e->cur, e->slots[c], gj_null_obj(e));
    gj_assign(e->cur, e->slots[sub], gj_null_obj(e));
}

/* ---- inline caches: one zeroed static struct per site ---- */

static gcc_jit_lvalue *new_cache(gj_emitter *e, gcc_jit_struct *type)
{
    char name[48];
    snprintf(name, sizeof name, "pyaot_cache_%d", e->m->ncaches++);
    return gcc_jit_context_new_global(e->c, NULL, GCC_JIT_GLOBAL_INTERNAL,
                                      gcc_jit_struct_as_type(type), name);
}

static gcc_jit_rvalue *cache_field(gcc_jit_lvalue *cache,
                                   gcc_jit_struct *type, int i)
{
    return gcc_jit_lvalue_as_rvalue(gcc_jit_lvalue_access_field(
        cache, NULL, gcc_jit_struct_get_field(type, i)));
}

static gcc_jit_rvalue *cache_ptr(gj_emitter *e, gcc_jit_lvalue *cache)
{
    return gcc_jit_context_new_cast(e->c, NULL,
                                    gcc_jit_lvalue_get_address(cache, NULL),
                                    e->m->t.voidp);
}

/* ---- globals ---- */

void gj_load_global(gj_emitter *e, int dst, int namei, const em_exit *ex)
{
    gj_module *m = e->m;
    gcc_jit_lvalue *cache = new_cache(e, m->gcache);
    gcc_jit_field *fields[3];
    for (int i = 0; i < 3; i++)
        fields[i] = gcc_jit_struct_get_field(m->gcache, i);
    gcc_jit_rvalue *globals = field(
        e, e->f, offsetof(_PyInterpreterFrame, f_globals), m->t.voidp);
    gcc_jit_rvalue *builtins = field(
        e, e->f, offsetof(_PyInterpreterFrame, f_builtins), m->t.voidp);
    gcc_jit_rvalue *hit = both(
        e,
        gj_eq(e, field(e, globals, offsetof(PyDictObject, ma_version_tag), m->u64),
              gcc_jit_lvalue_as_rvalue(gcc_jit_lvalue_access_field(cache, NULL,
                                                                   fields[0]))),
        gj_eq(e, field(e, builtins, offsetof(PyDictObject, ma_version_tag), m->u64),
              gcc_jit_lvalue_as_rvalue(gcc_jit_lvalue_access_field(cache, NULL,
                                                                   fields[1]))));
    gcc_jit_block *cached = gj_new_block(e, "global_cached");
    gcc_jit_block *lookup = gj_new_block(e, "global_lookup");
    gcc_jit_block *done = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(e->cur, NULL, hit, cached, lookup);
    gj_assign(cached, e->slots[dst],
              gcc_jit_lvalue_as_rvalue(
                  gcc_jit_lvalue_access_field(cache, NULL, fields[2])));
    gj_incref_in(e, cached, gj_slot(e, dst));
    gcc_jit_block_end_with_jump(cached, NULL, done);
    gcc_jit_rvalue *args[] = {e->ts, e->f, gj_int_rv(e, namei),
                              cache_ptr(e, cache)};
    gj_assign(lookup, e->slots[dst],
              gj_call_helper(e, EH_rt_load_global_cached, 4, args));
    e->cur = lookup;
    gj_fail_if(e, gj_eq(e, gj_slot(e, dst), gj_null_obj(e)), ex);
    gcc_jit_block_end_with_jump(e->cur, NULL, done);
    e->cur = done;
}

/* ---- iteration ---- */

void gj_for_iter(gj_emitter *e, int iter, int body, int done,
                 const em_exit *ex)
{
    gj_module *m = e->m;
    gcc_jit_rvalue *it = gj_slot(e, iter);
    gcc_jit_lvalue *item = e->slots[iter + 1];
    gcc_jit_block *exhausted = gj_new_block(e, "exhausted");

    /* range(): the next value straight from the iterator's counters. */
    gcc_jit_block *range = gj_new_block(e, "range_next");
    gcc_jit_block *not_range = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(e->cur, NULL, is_type(e, it, GJ_RANGEITER),
                                       range, not_range);
    gcc_jit_lvalue *index = gj_field(m, it, offsetof(rangeiter_layout, index),
                                     m->i64);
    gcc_jit_block *more = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        range, NULL,
        gcc_jit_context_new_comparison(
            e->c, NULL, GCC_JIT_COMPARISON_LT, gcc_jit_lvalue_as_rvalue(index),
            field(e, it, offsetof(rangeiter_layout, len), m->i64)),
        more, exhausted);
    gcc_jit_rvalue *value = gcc_jit_context_new_binary_op(
        e->c, NULL, GCC_JIT_BINARY_OP_PLUS, m->i64,
        field(e, it, offsetof(rangeiter_layout, start), m->i64),
        gcc_jit_context_new_binary_op(
            e->c, NULL, GCC_JIT_BINARY_OP_MULT, m->i64,
            gcc_jit_lvalue_as_rvalue(index),
            field(e, it, offsetof(rangeiter_layout, step), m->i64)));
    gj_assign(more, item, call1(e, GJ_LONG_FROM_LL, value));
    gcc_jit_block_add_assignment_op(more, NULL, index, GCC_JIT_BINARY_OP_PLUS,
                                    gcc_jit_context_one(e->c, m->i64));
    e->cur = more;
    gj_fail_if(e, gj_eq(e, gcc_jit_lvalue_as_rvalue(item), gj_null_obj(e)), ex);
    gcc_jit_block_end_with_jump(e->cur, NULL, e->blocks[body]);

    /* A list iterator within its list: the item without a call. */
    gcc_jit_block *list = gj_new_block(e, "list_next");
    gcc_jit_block *generic = gj_new_block(e, "next");
    gcc_jit_block_end_with_conditional(not_range, NULL,
                                       is_type(e, it, GJ_LISTITER), list, generic);
    gcc_jit_rvalue *seq = field(e, it, offsetof(listiter_layout, it_seq),
                                m->t.objp);
    gcc_jit_lvalue *li = gj_field(m, it, offsetof(listiter_layout, it_index),
                                  m->i64);
    gcc_jit_block *has_seq = gj_new_block(e, NULL);
    gcc_jit_block *in_list = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        list, NULL,
        gcc_jit_context_new_comparison(e->c, NULL, GCC_JIT_COMPARISON_NE, seq,
                                       gj_null_obj(e)),
        has_seq, generic);
    gcc_jit_block_end_with_conditional(
        has_seq, NULL,
        gcc_jit_context_new_comparison(
            e->c, NULL, GCC_JIT_COMPARISON_LT, gcc_jit_lvalue_as_rvalue(li),
            gcc_jit_context_new_cast(e->c, NULL, ob_size(e, seq), m->i64)),
        in_list, generic);
    gcc_jit_rvalue *items = field(e, seq, offsetof(PyListObject, ob_item),
                                  m->t.objpp);
    gj_assign(in_list, item,
              gcc_jit_lvalue_as_rvalue(gcc_jit_context_new_array_access(
                  e->c, NULL, items, gcc_jit_lvalue_as_rvalue(li))));
    gcc_jit_block_add_assignment_op(in_list, NULL, li, GCC_JIT_BINARY_OP_PLUS,
                                    gcc_jit_context_one(e->c, m->i64));
    gj_incref_in(e, in_list, gcc_jit_lvalue_as_rvalue(item));
    gcc_jit_block_end_with_jump(in_list, NULL, e->blocks[body]);

    /* Anything else through tp_iternext, in the runtime. */
    gcc_jit_lvalue *out = gj_temp_array(e, 1);
    gcc_jit_rvalue *args[] = {e->ts, it, gj_array_ptr(e, out)};
    gcc_jit_lvalue *r = gj_temp(e, m->t.int_);
    gj_assign(generic, r, gj_call_helper(e, EH_rt_for_iter, 3, args));
    e->cur = generic;
    gj_fail_if(e, gj_cmp(e, GCC_JIT_COMPARISON_LT, gcc_jit_lvalue_as_rvalue(r), 0),
               ex);
    gcc_jit_block *got = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        e->cur, NULL,
        gj_cmp(e, GCC_JIT_COMPARISON_NE, gcc_jit_lvalue_as_rvalue(r), 0), got,
        exhausted);
    gj_assign(got, item, gcc_jit_lvalue_as_rvalue(gj_elem(e, out, 0)));
    gcc_jit_block_end_with_jump(got, NULL, e->blocks[body]);

    gcc_jit_block *end = gj_decref_in(e, exhausted, it, false);
    gj_assign(end, e->slots[iter], gj_null_obj(e));
    gcc_jit_block_end_with_jump(end, NULL, e->blocks[done]);
    e->cur = NULL;
}

/* ---- attributes: 3.11's instance-value and method specialisations ---- */

enum { ATTR_VERSION, ATTR_INDEX, ATTR_NENTRIES, ATTR_DESCR };

/* Jumps to `yes` when `o`'s type has the version the cache recorded. */
static gcc_jit_block *when_cached_type(gj_emitter *e, gcc_jit_rvalue *o,
                                       gcc_jit_lvalue *cache,
                                       gcc_jit_block *yes)
{
    gj_module *m = e->m;
    gcc_jit_rvalue *tp = gcc_jit_lvalue_as_rvalue(
        gcc_jit_rvalue_dereference_field(o, NULL, m->t.ob_type));
    gcc_jit_rvalue *want = cache_field(cache, m->acache, ATTR_VERSION);
    gcc_jit_rvalue *hit = both(
        e, gj_eq(e, field(e, tp, offsetof(PyTypeObject, tp_version_tag), m->u32),
                 want),
        gcc_jit_context_new_comparison(e->c, NULL, GCC_JIT_COMPARISON_NE, want,
                                       gcc_jit_context_zero(e->c, m->u32)));
    gcc_jit_block *miss = gj_new_block(e, "attr_miss");
    gcc_jit_block_end_with_conditional(e->cur, NULL, hit, yes, miss);
    return miss;
}

/* The instance's inline values array (3.11 keeps its pointer 4 words
 * before the object), as an rvalue of PyObject **. */
static gcc_jit_rvalue *inline_values(gj_emitter *e, gcc_jit_rvalue *o)
{
    return field(e, o, -4 * (long)sizeof(PyObject *), e->m->t.objpp);
}

static gcc_jit_lvalue *value_slot(gj_emitter *e, gcc_jit_lvalue *values,
                                  gcc_jit_lvalue *cache)
{
    return gcc_jit_context_new_array_access(
        e->c, NULL, gcc_jit_lvalue_as_rvalue(values),
        cache_field(cache, e->m->acache, ATTR_INDEX));
}

static gcc_jit_rvalue *not_null(gj_emitter *e, gcc_jit_rvalue *p,
                                gcc_jit_type *t)
{
    return gcc_jit_context_new_comparison(e->c, NULL, GCC_JIT_COMPARISON_NE,
                                          p, gcc_jit_context_null(e->c, t));
}

/* Leaves e->cur where `o` has the cached type and inline values (loaded
 * into `values`); returns the block that takes every other case. */
static gcc_jit_block *when_cached_values(gj_emitter *e, gcc_jit_rvalue *o,
                                         gcc_jit_lvalue *cache,
                                         gcc_jit_lvalue *values)
{
    gcc_jit_block *typed = gj_new_block(e, "attr_cached");
    gcc_jit_block *slow = when_cached_type(e, o, cache, typed);
    gj_assign(typed, values, inline_values(e, o));
    gcc_jit_block *has_values = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        typed, NULL,
        not_null(e, gcc_jit_lvalue_as_rvalue(values), e->m->t.objpp),
        has_values, slow);
    e->cur = has_values;
    return slow;
}

void gj_load_attr(gj_emitter *e, int dst, int namei, int owner,
                  const em_exit *ex)
{
    gj_module *m = e->m;
    gcc_jit_lvalue *cache = new_cache(e, m->acache);
    gcc_jit_rvalue *o = gj_slot(e, owner);
    gcc_jit_lvalue *res = gj_temp(e, m->t.objp);
    gcc_jit_lvalue *values = gj_temp(e, m->t.objpp);
    gcc_jit_block *done = gj_new_block(e, NULL);
    gcc_jit_block *slow = when_cached_values(e, o, cache, values);
    gcc_jit_block *has_values = e->cur;
    gj_assign(has_values, res,
              gcc_jit_lvalue_as_rvalue(value_slot(e, values, cache)));
    gcc_jit_block *found = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        has_values, NULL, not_null(e, gcc_jit_lvalue_as_rvalue(res), m->t.objp),
        found, slow);
    gj_incref_in(e, found, gcc_jit_lvalue_as_rvalue(res));
    gcc_jit_block_end_with_jump(found, NULL, done);
    gcc_jit_rvalue *args[] = {e->f, gj_int_rv(e, namei), o, cache_ptr(e, cache)};
    gj_assign(slow, res, gj_call_helper(e, EH_rt_load_attr_cached, 4, args));
    gcc_jit_block_end_with_jump(slow, NULL, done);
    e->cur = done;
    gj_fail_if(e, gj_eq(e, gcc_jit_lvalue_as_rvalue(res), gj_null_obj(e)), ex);
    gj_decref(e, o);
    gj_assign(e->cur, e->slots[dst], gcc_jit_lvalue_as_rvalue(res));
}

void gj_store_attr(gj_emitter *e, int namei, int owner, int value,
                   const em_exit *ex)
{
    gj_module *m = e->m;
    gcc_jit_lvalue *cache = new_cache(e, m->acache);
    gcc_jit_rvalue *o = gj_slot(e, owner), *v = gj_slot(e, value);
    gcc_jit_lvalue *values = gj_temp(e, m->t.objpp);
    gcc_jit_lvalue *old = gj_temp(e, m->t.objp);
    gcc_jit_block *done = gj_new_block(e, NULL);
    gcc_jit_block *slow = when_cached_values(e, o, cache, values);
    gcc_jit_block *has_values = e->cur;
    /* Replacing an existing value only: a new one changes the insertion
     * order the runtime keeps, which the slow path handles. */
    gj_assign(has_values, old,
              gcc_jit_lvalue_as_rvalue(value_slot(e, values, cache)));
    gcc_jit_block *replace = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        has_values, NULL, not_null(e, gcc_jit_lvalue_as_rvalue(old), m->t.objp),
        replace, slow);
    gj_assign(replace, value_slot(e, values, cache), v);
    replace = gj_decref_in(e, replace, gcc_jit_lvalue_as_rvalue(old), false);
    gcc_jit_block_end_with_jump(replace, NULL, done);

    gcc_jit_rvalue *args[] = {e->f, gj_int_rv(e, namei), o, v,
                              cache_ptr(e, cache)};
    gcc_jit_lvalue *rc = gj_temp(e, m->t.int_);
    gj_assign(slow, rc, gj_call_helper(e, EH_rt_store_attr_cached, 5, args));
    e->cur = slow;
    gj_fail_if(e, gj_cmp(e, GCC_JIT_COMPARISON_LT,
                         gcc_jit_lvalue_as_rvalue(rc), 0), ex);
    gj_decref(e, v);
    gcc_jit_block_end_with_jump(e->cur, NULL, done);
    e->cur = done;
    gj_assign(e->cur, e->slots[value], gj_null_obj(e));
    gj_decref(e, o);
    gj_assign(e->cur, e->slots[owner], gj_null_obj(e));
}

void gj_load_method(gj_emitter *e, int namei, int owner, const em_exit *ex)
{
    gj_module *m = e->m;
    gcc_jit_lvalue *cache = new_cache(e, m->acache);
    gcc_jit_rvalue *o = gj_slot(e, owner);
    gcc_jit_block *typed = gj_new_block(e, "method_cached");
    gcc_jit_block *done = gj_new_block(e, NULL);
    gcc_jit_block *slow = when_cached_type(e, o, cache, typed);
    /* Instances with a __dict__: it must not exist yet, and the class's
     * shared keys must not have grown (a new key could shadow). */
    gcc_jit_rvalue *nentries = cache_field(cache, m->acache, ATTR_NENTRIES);
    gcc_jit_block *managed = gj_new_block(e, NULL);
    gcc_jit_block *hit = gj_new_block(e, "method_hit");
    gcc_jit_block_end_with_conditional(
        typed, NULL,
        gcc_jit_context_new_comparison(e->c, NULL, GCC_JIT_COMPARISON_GE,
                                       nentries,
                                       gcc_jit_context_zero(e->c, m->t.ssize)),
        managed, hit);
    gcc_jit_rvalue *dict = field(e, o, -3 * (long)sizeof(PyObject *), m->t.objp);
    gcc_jit_rvalue *tp = gcc_jit_lvalue_as_rvalue(
        gcc_jit_rvalue_dereference_field(o, NULL, m->t.ob_type));
    gcc_jit_rvalue *keys = field(e, tp, offsetof(PyHeapTypeObject, ht_cached_keys),
                                 m->t.voidp);
    gcc_jit_block *no_dict = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        managed, NULL, gj_eq(e, dict, gj_null_obj(e)), no_dict, slow);
    gcc_jit_block_end_with_conditional(
        no_dict, NULL,
        gj_eq(e, field(e, keys, offsetof(PyDictKeysObject, dk_nentries),
                       m->t.ssize),
              nentries),
        hit, slow);
    gcc_jit_rvalue *descr = cache_field(cache, m->acache, ATTR_DESCR);
    gj_incref_in(e, hit, descr);
    gj_assign(hit, e->slots[owner + 1], o);
    gj_assign(hit, e->slots[owner], descr);
    gcc_jit_block_end_with_jump(hit, NULL, done);

    gcc_jit_lvalue *out = gj_temp_array(e, 2);
    gcc_jit_rvalue *args[] = {e->f, gj_int_rv(e, namei), o,
                              gj_array_ptr(e, out), cache_ptr(e, cache)};
    gcc_jit_lvalue *rc = gj_temp(e, m->t.int_);
    gj_assign(slow, rc, gj_call_helper(e, EH_rt_load_method_cached, 5, args));
    e->cur = slow;
    gj_fail_if(e, gj_cmp(e, GCC_JIT_COMPARISON_LT,
                         gcc_jit_lvalue_as_rvalue(rc), 0), ex);
    gj_decref(e, o);
    for (int i = 0; i < 2; i++)
        gj_assign(e->cur, e->slots[owner + i],
                  gcc_jit_lvalue_as_rvalue(gj_elem(e, out, i)));
    gcc_jit_block_end_with_jump(e->cur, NULL, done);
    e->cur = done;
}
