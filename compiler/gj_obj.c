/* Inline fast paths for objects, the counterpart of 3.11's specialised
 * instructions: list indexing, globals cached on dict versions, range
 * and list iteration, instance attributes and methods cached on type
 * versions. Each guards what it assumes and falls back to the generic
 * runtime helper, so results never depend on which path ran. */
#include "pyaot/pyinternal.h"
#include "internal/pycore_dict.h"
#include "internal/pycore_moduleobject.h"

#include "gj.h"
#include "pyaot/native.h"
#include "pyaot/v311/layouts.h"

/* ---- subscripts ---- */

/* Jumps to `yes` with `index` set when c is exactly of type `seq` (a
 * list or a tuple: ob_size is their length) and sub a medium int within
 * it: a variable's from 0 on (negative ones take the generic path), a
 * constant's from either end, as the sequence's item takes it. */
static gcc_jit_block *when_index(gj_emitter *e, enum gj_pytype seq,
                                 gcc_jit_rvalue *c, const gj_operand *sub,
                                 gcc_jit_lvalue *index, gcc_jit_block *yes)
{
    gcc_jit_block *other = gj_new_block(e, NULL);
    gcc_jit_block *small = gj_new_block(e, "seq_index");
    if (sub->konst) {
        gcc_jit_block_end_with_conditional(e->cur, NULL, gj_is_type(e, c, seq),
                                           small, other);
        gcc_jit_rvalue *k = gcc_jit_context_new_rvalue_from_long(
            e->c, e->m->i64, sub->value);
        gj_assign(small, index,
                  sub->value >= 0
                      ? k
                      : gcc_jit_context_new_binary_op(
                            e->c, NULL, GCC_JIT_BINARY_OP_PLUS, e->m->i64, k,
                            gcc_jit_context_new_cast(e->c, NULL,
                                                     gj_ob_size(e, c),
                                                     e->m->i64)));
    } else {
        gcc_jit_block *list = gj_new_block(e, NULL);
        gcc_jit_block_end_with_conditional(
            e->cur, NULL,
            gj_and(e, gj_is_type(e, c, seq), gj_is_type(e, sub->v, GJ_LONG)),
            list, other);
        gcc_jit_block_end_with_conditional(list, NULL, gj_is_medium(e, sub->v),
                                           small, other);
        gj_assign(small, index, gj_medium_value(e, sub->v));
    }
    gcc_jit_rvalue *in_range = gcc_jit_context_new_comparison(
        e->c, NULL, GCC_JIT_COMPARISON_LT,
        gcc_jit_context_new_cast(e->c, NULL, gcc_jit_lvalue_as_rvalue(index),
                                 e->m->u64),
        gcc_jit_context_new_cast(e->c, NULL, gj_ob_size(e, c), e->m->u64));
    gcc_jit_block_end_with_conditional(small, NULL, in_range, yes, other);
    return other;
}

static gcc_jit_lvalue *list_item(gj_emitter *e, gcc_jit_rvalue *c,
                                 gcc_jit_lvalue *index)
{
    gcc_jit_rvalue *items = gj_get(e->m, c, GJ_LIST_ITEMS);
    return gcc_jit_context_new_array_access(e->c, NULL, items,
                                            gcc_jit_lvalue_as_rvalue(index));
}

static gcc_jit_rvalue *tuple_item(gj_emitter *e, gcc_jit_rvalue *c,
                                  gcc_jit_lvalue *index)
{
    gcc_jit_rvalue *items = gcc_jit_lvalue_get_address(
        gj_field(e->m, c, offsetof(PyTupleObject, ob_item), e->m->t.objp), NULL);
    return gcc_jit_lvalue_as_rvalue(gcc_jit_context_new_array_access(
        e->c, NULL, items, gcc_jit_lvalue_as_rvalue(index)));
}

void gj_binary_subscr(gj_emitter *e, int dst, const em_arg *c,
                      const em_arg *sub, const em_exit *ex)
{
    gj_operand co = gj_operand_of(e, c), so = gj_operand_of(e, sub);
    gcc_jit_rvalue *cv = co.v, *sv = so.v;
    gcc_jit_lvalue *index = gj_temp(e, e->m->i64);
    gcc_jit_lvalue *res = gj_temp(e, e->m->t.objp);
    gcc_jit_block *yes = gj_new_block(e, "list_item");
    gcc_jit_block *done = gj_new_block(e, NULL);
    e->cur = when_index(e, GJ_LIST, cv, &so, index, yes);
    gj_assign(yes, res, gcc_jit_lvalue_as_rvalue(list_item(e, cv, index)));
    gj_incref_in(e, yes, gcc_jit_lvalue_as_rvalue(res));
    gcc_jit_block_end_with_jump(yes, NULL, done);
    /* BINARY_SUBSCR_TUPLE_INT */
    gcc_jit_block *tuple = gj_new_block(e, "tuple_item");
    gcc_jit_block *slow = when_index(e, GJ_TUPLE, cv, &so, index, tuple);
    gj_assign(tuple, res, tuple_item(e, cv, index));
    gj_incref_in(e, tuple, gcc_jit_lvalue_as_rvalue(res));
    gcc_jit_block_end_with_jump(tuple, NULL, done);
    gcc_jit_rvalue *args[] = {cv, sv};
    gj_assign(slow, res, gj_call_helper(e, EH_rt_binary_subscr, 2, args));
    gcc_jit_block_end_with_jump(slow, NULL, done);
    e->cur = done;
    gj_fail_if(e, gj_eq(e, gcc_jit_lvalue_as_rvalue(res), gj_null_obj(e)), ex);
    gj_drop(e, &co);
    gj_drop(e, &so);
    gj_clear_in(e, e->cur, &so);
    gj_assign(e->cur, e->slots[dst], gcc_jit_lvalue_as_rvalue(res));
}

/* From `b`: a helper returning an int (negative on error) that borrowed
 * the popped value in slot `v`; on success the value is released and its
 * slot emptied, then a jump to `done`. */
static void helper_then_release(gj_emitter *e, gcc_jit_block *b, int helper,
                                int n, gcc_jit_rvalue **args, int v,
                                const em_exit *ex, gcc_jit_block *done)
{
    gcc_jit_lvalue *rc = gj_temp(e, e->m->t.int_);
    gj_assign(b, rc, gj_call_helper(e, helper, n, args));
    e->cur = b;
    gj_fail_if(e, gj_cmp(e, GCC_JIT_COMPARISON_LT,
                         gcc_jit_lvalue_as_rvalue(rc), 0), ex);
    gj_decref(e, gj_slot(e, v));
    gj_assign(e->cur, e->slots[v], gj_null_obj(e));
    gcc_jit_block_end_with_jump(e->cur, NULL, done);
}

void gj_store_subscr(gj_emitter *e, const em_arg *c, const em_arg *sub, int v,
                     const em_exit *ex)
{
    gj_operand co = gj_operand_of(e, c), so = gj_operand_of(e, sub);
    gcc_jit_rvalue *cv = co.v, *sv = so.v;
    gcc_jit_lvalue *index = gj_temp(e, e->m->i64);
    gcc_jit_lvalue *old = gj_temp(e, e->m->t.objp);
    gcc_jit_block *yes = gj_new_block(e, "list_store");
    gcc_jit_block *done = gj_new_block(e, NULL);
    gcc_jit_block *slow = when_index(e, GJ_LIST, cv, &so, index, yes);
    /* The list takes the value's reference; the old item is released
     * once the store is complete, as list_ass_item does. */
    gj_assign(yes, old, gcc_jit_lvalue_as_rvalue(list_item(e, cv, index)));
    gj_assign(yes, list_item(e, cv, index), gj_slot(e, v));
    gj_assign(yes, e->slots[v], gj_null_obj(e));
    yes = gj_decref_in(e, yes, gcc_jit_lvalue_as_rvalue(old), true);
    gcc_jit_block_end_with_jump(yes, NULL, done);
    gcc_jit_rvalue *args[] = {cv, sv, gj_slot(e, v)};
    helper_then_release(e, slow, EH_rt_store_subscr, 3, args, v, ex, done);
    e->cur = done;
    gj_drop(e, &co);
    gj_drop(e, &so);
    gj_clear_in(e, e->cur, &co);
    gj_clear_in(e, e->cur, &so);
}

/* LIST_APPEND (list comprehensions): into the list's spare capacity, the
 * value's reference moved, as 3.11's _PyList_AppendTakeRef does; the
 * runtime when the list must grow. The target is the list BUILD_LIST
 * made. */
void gj_list_append(gj_emitter *e, int list, int v, const em_exit *ex)
{
    gj_module *m = e->m;
    gcc_jit_rvalue *lv = gj_slot(e, list);
    gcc_jit_lvalue *n = gj_temp(e, m->t.ssize);
    gj_assign(e->cur, n, gj_ob_size(e, lv));
    gcc_jit_block *room = gj_new_block(e, "list_append");
    gcc_jit_block *grow = gj_new_block(e, "list_append_grow");
    gcc_jit_block *done = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        e->cur, NULL,
        gcc_jit_context_new_comparison(
            e->c, NULL, GCC_JIT_COMPARISON_LT, gcc_jit_lvalue_as_rvalue(n),
            gj_read(e, lv, offsetof(PyListObject, allocated), m->t.ssize)),
        room, grow);
    gj_assign(room, list_item(e, lv, n), gj_slot(e, v));
    gj_assign(room, gj_at(m, lv, GJ_VAR_SIZE),
              gcc_jit_context_new_binary_op(
                  e->c, NULL, GCC_JIT_BINARY_OP_PLUS, m->t.ssize,
                  gcc_jit_lvalue_as_rvalue(n),
                  gcc_jit_context_one(e->c, m->t.ssize)));
    gj_assign(room, e->slots[v], gj_null_obj(e));
    gcc_jit_block_end_with_jump(room, NULL, done);
    gcc_jit_rvalue *args[] = {lv, gj_slot(e, v)};
    helper_then_release(e, grow, EH_rt_list_append, 2, args, v, ex, done);
    e->cur = done;
}

/* UNPACK_SEQUENCE (rt_unpack_sequence's arguments: thread, the sequence
 * popped, the count, the outputs from where the sequence was): an exact
 * tuple or list of that length gives its items directly, as
 * UNPACK_SEQUENCE_TWO_TUPLE, _TUPLE and _LIST do; anything else goes to
 * the helper. The first item lands in the highest slot. */
void gj_unpack_sequence(gj_emitter *e, const em_arg *args, const em_exit *ex)
{
    gj_module *m = e->m;
    int n = args[2].v, out = args[3].v;
    gcc_jit_lvalue *seq = gj_temp(e, m->t.objp);
    gcc_jit_lvalue *items = gj_temp(e, m->t.objpp);
    gj_assign(e->cur, seq, gj_slot(e, args[1].v));
    gcc_jit_rvalue *sv = gcc_jit_lvalue_as_rvalue(seq);
    gcc_jit_rvalue *len_ok =
        gj_eq(e, gj_ob_size(e, sv), gcc_jit_context_new_rvalue_from_long(
                                        e->c, m->t.ssize, n));
    gcc_jit_block *tuple = gj_new_block(e, "unpack_tuple");
    gcc_jit_block *tuple_len = gj_new_block(e, NULL);
    gcc_jit_block *not_tuple = gj_new_block(e, NULL);
    gcc_jit_block *list = gj_new_block(e, "unpack_list");
    gcc_jit_block *list_len = gj_new_block(e, NULL);
    gcc_jit_block *copy = gj_new_block(e, "unpack_items");
    gcc_jit_block *slow = gj_new_block(e, "unpack_slow");
    gcc_jit_block *done = gj_new_block(e, NULL);
    /* The type first, so that the size is only read from a sequence. */
    gcc_jit_block_end_with_conditional(
        e->cur, NULL, gj_is_type(e, sv, GJ_TUPLE), tuple_len, not_tuple);
    gcc_jit_block_end_with_conditional(tuple_len, NULL, len_ok, tuple, slow);
    gj_assign(tuple, items,
              gcc_jit_lvalue_get_address(
                  gj_field(m, sv, offsetof(PyTupleObject, ob_item), m->t.objp),
                  NULL));
    gcc_jit_block_end_with_jump(tuple, NULL, copy);
    gcc_jit_block_end_with_conditional(
        not_tuple, NULL, gj_is_type(e, sv, GJ_LIST), list_len, slow);
    gcc_jit_block_end_with_conditional(list_len, NULL, len_ok, list, slow);
    gj_assign(list, items,
              gj_get(m, sv, GJ_LIST_ITEMS));
    gcc_jit_block_end_with_jump(list, NULL, copy);
    for (int i = 0; i < n; i++) {
        gcc_jit_rvalue *item = gcc_jit_lvalue_as_rvalue(
            gcc_jit_context_new_array_access(
                e->c, NULL, gcc_jit_lvalue_as_rvalue(items),
                gcc_jit_context_new_rvalue_from_int(e->c, m->t.int_, i)));
        gj_assign(copy, e->slots[out + n - 1 - i], item);
        gj_incref_in(e, copy, gj_slot(e, out + n - 1 - i));
    }
    copy = gj_decref_in(e, copy, sv, false);
    gcc_jit_block_end_with_jump(copy, NULL, done);
    e->cur = slow;
    gj_helper_call(e, EH_rt_unpack_sequence, -1, args, 4, ex);
    gcc_jit_block_end_with_jump(e->cur, NULL, done);
    e->cur = done;
}

/* ---- inline caches: one zeroed static struct per site ---- */

/* A field of a cache, by the C struct's own offsets. */
#define CACHED(e, cache, type, member, gtype) \
    gj_field((e)->m, cache, offsetof(type, member), gtype)
#define GLOBAL_CACHED(e, cache, member, gtype) \
    CACHED(e, cache, pyaot_global_cache, member, gtype)
/* Inline paths read the entry a type selected (when_cached_type), through
 * a view of the cache whose first entry is that one. */
#define ATTR_CACHED(e, cache, member, gtype) \
    gcc_jit_lvalue_as_rvalue(                  \
        CACHED(e, cache, pyaot_attr_cache, entry[0].member, gtype))

/* ---- globals ---- */

/* COPY_FREE_VARS: the closure's cells into the last `n` locals, as the
 * interpreter copies them, without a call. */
void gj_copy_free_vars(gj_emitter *e, int n)
{
    gj_module *m = e->m;
    gcc_jit_rvalue *func = gj_get(m, e->f, GJ_FRAME_FUNC);
    gcc_jit_lvalue *closure = gj_temp(e, m->t.objp);
    gj_assign(e->cur, closure,
              gj_read(e, func, offsetof(PyFunctionObject, func_closure),
                      m->t.objp));
    for (int i = 0; i < n; i++) {
        gcc_jit_lvalue *cell = gj_temp(e, m->t.objp);
        gj_assign(e->cur, cell,
                  gj_read(e, gcc_jit_lvalue_as_rvalue(closure),
                          offsetof(PyTupleObject, ob_item) +
                              i * (long)sizeof(PyObject *),
                          m->t.objp));
        gj_incref(e, gcc_jit_lvalue_as_rvalue(cell));
        gj_assign(e->cur, gj_local(e, e->info->nlocalsplus - n + i),
                  gcc_jit_lvalue_as_rvalue(cell));
    }
}

/* The slow path of a load: slot `dst` set in `b` to what helper `h`
 * returns, the exit taken on NULL, then on to `done`, where generation
 * goes on. */
static void helper_value(gj_emitter *e, gcc_jit_block *b, int dst, int h,
                         int n, gcc_jit_rvalue **args, gcc_jit_block *done,
                         const em_exit *ex)
{
    gj_assign(b, e->slots[dst], gj_call_helper(e, h, n, args));
    e->cur = b;
    gj_fail_if(e, gj_eq(e, gj_slot(e, dst), gj_null_obj(e)), ex);
    gcc_jit_block_end_with_jump(e->cur, NULL, done);
    e->cur = done;
}

/* LOAD_DEREF: the cell's value, as the interpreter reads it; an empty
 * cell is rt_load_deref's, which raises the NameError. */
void gj_load_deref(gj_emitter *e, int dst, int idx, const em_exit *ex)
{
    gj_module *m = e->m;
    gcc_jit_rvalue *cell = gcc_jit_lvalue_as_rvalue(gj_local(e, idx));
    gj_assign(e->cur, e->slots[dst], gj_get(m, cell, GJ_CELL_REF));
    gcc_jit_block *bound = gj_new_block(e, "deref_bound");
    gcc_jit_block *empty = gj_new_block(e, "deref_empty");
    gcc_jit_block *done = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        e->cur, NULL, gj_eq(e, gj_slot(e, dst), gj_null_obj(e)), empty,
        bound);
    gj_incref_in(e, bound, gj_slot(e, dst));
    gcc_jit_block_end_with_jump(bound, NULL, done);
    gcc_jit_rvalue *args[] = {e->ts, e->f, gj_int_rv(e, idx)};
    helper_value(e, empty, dst, EH_rt_load_deref, 3, args, done, ex);
}

/* STORE_DEREF: the value moved into the cell, then its old one
 * released, as rt_store_deref does it. */
void gj_store_deref(gj_emitter *e, int idx, int v)
{
    gj_module *m = e->m;
    gcc_jit_rvalue *cell = gcc_jit_lvalue_as_rvalue(gj_local(e, idx));
    gcc_jit_lvalue *old = gj_temp(e, m->t.objp);
    gj_assign(e->cur, old, gj_get(m, cell, GJ_CELL_REF));
    gj_assign(e->cur, gj_at(m, cell, GJ_CELL_REF), gj_slot(e, v));
    e->cur = gj_decref_in(e, e->cur, gcc_jit_lvalue_as_rvalue(old), true);
}

void gj_load_global(gj_emitter *e, int dst, int namei, const em_exit *ex)
{
    gj_module *m = e->m;
    gcc_jit_rvalue *cache = gj_new_cache(e, sizeof(pyaot_global_cache));
    gcc_jit_rvalue *globals = gj_get(m, e->f, GJ_FRAME_GLOBALS);
    gcc_jit_rvalue *builtins = gj_get(m, e->f, GJ_FRAME_BUILTINS);
    gcc_jit_rvalue *hit = gj_and(
        e,
        gj_eq(e, gj_read(e, globals, offsetof(PyDictObject, ma_version_tag), m->u64),
              gcc_jit_lvalue_as_rvalue(
                  GLOBAL_CACHED(e, cache, globals_version, m->u64))),
        gj_eq(e, gj_read(e, builtins, offsetof(PyDictObject, ma_version_tag), m->u64),
              gcc_jit_lvalue_as_rvalue(
                  GLOBAL_CACHED(e, cache, builtins_version, m->u64))));
    gcc_jit_block *cached = gj_new_block(e, "global_cached");
    gcc_jit_block *lookup = gj_new_block(e, "global_lookup");
    gcc_jit_block *done = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(e->cur, NULL, gj_expect(e, hit, true),
                                       cached, lookup);
    gj_assign(cached, e->slots[dst],
              gcc_jit_lvalue_as_rvalue(
                  GLOBAL_CACHED(e, cache, value, m->t.objp)));
    gj_incref_in(e, cached, gj_slot(e, dst));
    gcc_jit_block_end_with_jump(cached, NULL, done);
    gcc_jit_rvalue *args[] = {e->ts, e->f, gj_int_rv(e, namei),
                              cache};
    helper_value(e, lookup, dst, EH_rt_load_global_cached, 4, args, done, ex);
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
    gcc_jit_block_end_with_conditional(e->cur, NULL, gj_is_type(e, it, GJ_RANGEITER),
                                       range, not_range);
    gcc_jit_lvalue *index = gj_at(m, it, GJ_RANGEITER_INDEX);
    gcc_jit_block *more = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        range, NULL,
        gcc_jit_context_new_comparison(
            e->c, NULL, GCC_JIT_COMPARISON_LT, gcc_jit_lvalue_as_rvalue(index),
            gj_read(e, it, offsetof(rangeiter_layout, len), m->i64)),
        more, exhausted);
    /* start + index * step in unsigned arithmetic, as rangeiter_next:
     * the product may overflow a long where the sum does not. */
    gcc_jit_rvalue *value = gcc_jit_context_new_cast(
        e->c, NULL,
        gcc_jit_context_new_binary_op(
            e->c, NULL, GCC_JIT_BINARY_OP_PLUS, m->u64,
            gj_read(e, it, offsetof(rangeiter_layout, start), m->u64),
            gcc_jit_context_new_binary_op(
                e->c, NULL, GCC_JIT_BINARY_OP_MULT, m->u64,
                gcc_jit_context_new_cast(e->c, NULL,
                                         gcc_jit_lvalue_as_rvalue(index),
                                         m->u64),
                gj_read(e, it, offsetof(rangeiter_layout, step), m->u64))),
        m->i64);
    more = gj_box_int_in(e, more, item, value);
    gcc_jit_block_add_assignment_op(more, NULL, index, GCC_JIT_BINARY_OP_PLUS,
                                    gcc_jit_context_one(e->c, m->i64));
    e->cur = more;
    gj_fail_if(e, gj_eq(e, gcc_jit_lvalue_as_rvalue(item), gj_null_obj(e)), ex);
    gcc_jit_block_end_with_jump(e->cur, NULL, e->blocks[body]);

    /* A list iterator within its list: the item without a call. */
    gcc_jit_block *list = gj_new_block(e, "list_next");
    gcc_jit_block *generic = gj_new_block(e, "next");
    gcc_jit_block_end_with_conditional(not_range, NULL,
                                       gj_is_type(e, it, GJ_LISTITER), list, generic);
    gcc_jit_rvalue *seq = gj_read(e, it, offsetof(listiter_layout, it_seq),
                                m->t.objp);
    gcc_jit_lvalue *li = gj_at(m, it, GJ_LISTITER_INDEX);
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
            gcc_jit_context_new_cast(e->c, NULL, gj_ob_size(e, seq), m->i64)),
        in_list, generic);
    gcc_jit_rvalue *items = gj_get(m, seq, GJ_LIST_ITEMS);
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

/* ---- attributes: 3.11's instance-value, slot, module and method
 * specialisations ---- */

/* Jumps to `yes` when `o`'s type has the version one of the cache's
 * entries recorded (a site that sees several classes in turn stays
 * inline), with `view` set to the cache shifted so that its
 * first entry is that one; for LOAD_METHOD (`method`), the other entries
 * only when they hold a method (the runtime keeps what is not a method
 * there, and a method always in the first). */
static gcc_jit_block *when_cached_type(gj_emitter *e, gcc_jit_rvalue *o,
                                       gcc_jit_rvalue *cache,
                                       gcc_jit_lvalue *view, bool method,
                                       gcc_jit_block *yes)
{
    gj_module *m = e->m;
    gcc_jit_rvalue *tp = gcc_jit_lvalue_as_rvalue(
        gcc_jit_rvalue_dereference_field(o, NULL, m->t.ob_type));
    gcc_jit_lvalue *version = gj_temp(e, m->u32);
    gj_assign(e->cur, version,
              gj_read(e, tp, offsetof(PyTypeObject, tp_version_tag), m->u32));
    gcc_jit_block *b = e->cur;
    for (int way = 0; way < PYAOT_ATTR_WAYS; way++) {
        gcc_jit_rvalue *at = gcc_jit_context_new_cast(
            e->c, NULL,
            gcc_jit_lvalue_get_address(
                CACHED(e, cache, pyaot_attr_cache, entry[way], m->t.char_),
                NULL),
            m->t.voidp);
        gcc_jit_rvalue *want = ATTR_CACHED(e, at, type_version, m->u32);
        gcc_jit_rvalue *hit = gj_and(
            e, gj_eq(e, gcc_jit_lvalue_as_rvalue(version), want),
            gcc_jit_context_new_comparison(e->c, NULL, GCC_JIT_COMPARISON_NE,
                                           want,
                                           gcc_jit_context_zero(e->c, m->u32)));
        if (method && way > 0) {
            gcc_jit_rvalue *kind = ATTR_CACHED(e, at, slot_offset, m->t.ssize);
            gcc_jit_rvalue *plain = gj_and(
                e,
                gcc_jit_context_new_comparison(
                    e->c, NULL, GCC_JIT_COMPARISON_EQ, kind,
                    gcc_jit_context_zero(e->c, m->t.ssize)),
                gcc_jit_context_new_comparison(
                    e->c, NULL, GCC_JIT_COMPARISON_NE,
                    ATTR_CACHED(e, at, descr, m->t.objp), gj_null_obj(e)));
            gcc_jit_rvalue *offset_dict = gcc_jit_context_new_comparison(
                e->c, NULL, GCC_JIT_COMPARISON_EQ, kind,
                gcc_jit_context_new_rvalue_from_long(
                    e->c, m->t.ssize, PYAOT_ATTR_METHOD_OFFSET_DICT));
            hit = gj_and(e, hit,
                         gcc_jit_context_new_binary_op(
                             e->c, NULL, GCC_JIT_BINARY_OP_LOGICAL_OR,
                             m->bool_, plain, offset_dict));
        }
        gcc_jit_block *found = gj_new_block(e, NULL);
        gcc_jit_block *next = gj_new_block(e, way ? "attr_miss" : NULL);
        /* the first entry is the one a site of one class hits */
        gcc_jit_block_end_with_conditional(b, NULL, gj_expect(e, hit, way == 0),
                                           found, next);
        gj_assign(found, view, at);
        gcc_jit_block_end_with_jump(found, NULL, yes);
        b = next;
    }
    return b;
}

/* The instance's inline values array (3.11 keeps its pointer 4 words
 * before the object), as an rvalue of PyObject **. */
static gcc_jit_rvalue *inline_values(gj_emitter *e, gcc_jit_rvalue *o)
{
    return gj_read(e, o, V311_INLINE_VALUES_OFFSET, e->m->t.objpp);
}

static gcc_jit_lvalue *value_slot(gj_emitter *e, gcc_jit_lvalue *values,
                                  gcc_jit_rvalue *cache)
{
    return gcc_jit_context_new_array_access(
        e->c, NULL, gcc_jit_lvalue_as_rvalue(values),
        ATTR_CACHED(e, cache, index, e->m->i32));
}

static gcc_jit_rvalue *not_null(gj_emitter *e, gcc_jit_rvalue *p,
                                gcc_jit_type *t)
{
    return gcc_jit_context_new_comparison(e->c, NULL, GCC_JIT_COMPARISON_NE,
                                          p, gcc_jit_context_null(e->c, t));
}

/* Ends `b` in a branch on the first entry's kind, `offset`. */
static void branch_on_kind(gj_emitter *e, gcc_jit_block *b,
                           gcc_jit_rvalue *offset, long kind,
                           gcc_jit_block *yes, gcc_jit_block *no)
{
    gcc_jit_block_end_with_conditional(
        b, NULL,
        gcc_jit_context_new_comparison(
            e->c, NULL, GCC_JIT_COMPARISON_EQ, offset,
            gcc_jit_context_new_rvalue_from_long(e->c, e->m->t.ssize, kind)),
        yes, no);
}

/* Where the first entry keeps its `descr` (a module's or a class's
 * attribute the inline path reads). */
static gcc_jit_rvalue *descr_address(gj_emitter *e, gcc_jit_rvalue *cache)
{
    return gcc_jit_lvalue_get_address(
        CACHED(e, cache, pyaot_attr_cache, entry[0].descr, e->m->t.objp),
        NULL);
}

/* Ends `b` in a branch to `yes` when instance `o` cannot shadow what the
 * first entry holds on its class (a method, a plain class attribute):
 * instances with no managed __dict__ (nentries < 0: to `no_managed`,
 * which decides), or with none yet and no shared key added since (a new
 * key could shadow); else to `no`. */
static void branch_unshadowed(gj_emitter *e, gcc_jit_block *b,
                              gcc_jit_rvalue *o, gcc_jit_rvalue *cache,
                              gcc_jit_block *yes, gcc_jit_block *no_managed,
                              gcc_jit_block *no)
{
    gj_module *m = e->m;
    gcc_jit_rvalue *nentries = ATTR_CACHED(e, cache, nentries, m->t.ssize);
    gcc_jit_block *managed = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        b, NULL,
        gcc_jit_context_new_comparison(e->c, NULL, GCC_JIT_COMPARISON_GE,
                                       nentries,
                                       gcc_jit_context_zero(e->c, m->t.ssize)),
        managed, no_managed);
    gcc_jit_rvalue *dict = gj_read(e, o, V311_MANAGED_DICT_OFFSET, m->t.objp);
    gcc_jit_rvalue *tp = gcc_jit_lvalue_as_rvalue(
        gcc_jit_rvalue_dereference_field(o, NULL, m->t.ob_type));
    gcc_jit_rvalue *keys = gj_read(e, tp, offsetof(PyHeapTypeObject, ht_cached_keys),
                                   m->t.voidp);
    gcc_jit_block *no_dict = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        managed, NULL, gj_eq(e, dict, gj_null_obj(e)), no_dict, no);
    gcc_jit_block_end_with_conditional(
        no_dict, NULL,
        gj_eq(e, gj_read(e, keys, offsetof(PyDictKeysObject, dk_nentries),
                         m->t.ssize),
              nentries),
        yes, no);
}

/* Leaves e->cur where `o` has the cached type, with `addr` set to where
 * the attribute is stored: the cached __slots__ member, the cached entry
 * of the instance's inline values (when it has them), or for loads a
 * module attribute's value kept in the cache (while the module's dict
 * has the cached version). Returns the block that takes every other
 * case. */
static gcc_jit_block *when_cached_address(gj_emitter *e, gcc_jit_rvalue *o,
                                          gcc_jit_rvalue *site,
                                          gcc_jit_lvalue *view,
                                          gcc_jit_lvalue *addr, bool load)
{
    gj_module *m = e->m;
    gcc_jit_block *typed = gj_new_block(e, "attr_cached");
    gcc_jit_block *slow = when_cached_type(e, o, site, view, false, typed);
    gcc_jit_rvalue *cache = gcc_jit_lvalue_as_rvalue(view);
    gcc_jit_block *not_inline = gj_new_block(e, NULL);
    gcc_jit_block *not_slot = gj_new_block(e, NULL);
    gcc_jit_block *slot = gj_new_block(e, "attr_slot");
    gcc_jit_block *module = gj_new_block(e, "attr_module");
    gcc_jit_block *not_module = gj_new_block(e, NULL);
    gcc_jit_block *on_class = gj_new_block(e, "attr_class");
    gcc_jit_block *inline_ = gj_new_block(e, "attr_inline");
    gcc_jit_block *found = gj_new_block(e, NULL);
    gcc_jit_rvalue *offset = ATTR_CACHED(e, cache, slot_offset, m->t.ssize);
    gcc_jit_rvalue *zero = gcc_jit_context_zero(e->c, m->t.ssize);
    gcc_jit_block_end_with_conditional(
        typed, NULL,
        gcc_jit_context_new_comparison(e->c, NULL, GCC_JIT_COMPARISON_NE,
                                       offset, zero),
        not_inline, inline_);
    gcc_jit_block_end_with_conditional(
        not_inline, NULL,
        gcc_jit_context_new_comparison(e->c, NULL, GCC_JIT_COMPARISON_GT,
                                       offset, zero),
        slot, not_slot);
    /* a module attribute, a plain class attribute (reads only); the
     * other kinds are the runtime's */
    branch_on_kind(e, not_slot, offset, PYAOT_ATTR_MODULE,
                   load ? module : slow, not_module);
    branch_on_kind(e, not_module, offset, PYAOT_ATTR_CLASS,
                   load ? on_class : slow, slow);
    gcc_jit_block *unshadowed = gj_new_block(e, NULL);
    branch_unshadowed(e, on_class, o, cache, unshadowed, unshadowed, slow);
    gj_assign(unshadowed, addr, descr_address(e, cache));
    gcc_jit_block_end_with_jump(unshadowed, NULL, found);
    gj_assign(slot, addr, gcc_jit_context_new_cast(
                              e->c, NULL,
                              gcc_jit_lvalue_get_address(
                                  gcc_jit_context_new_array_access(
                                      e->c, NULL,
                                      gcc_jit_context_new_cast(e->c, NULL, o,
                                                               m->t.charp),
                                      offset),
                                  NULL),
                              m->t.objpp));
    gcc_jit_block_end_with_jump(slot, NULL, found);
    gcc_jit_rvalue *dict = gj_read(e, o, offsetof(PyModuleObject, md_dict),
                                   m->t.voidp);
    gcc_jit_block *same_dict = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        module, NULL,
        gj_eq(e, gj_read(e, dict, offsetof(PyDictObject, ma_version_tag),
                         m->u64),
              ATTR_CACHED(e, cache, dict_version, m->u64)),
        same_dict, slow);
    gj_assign(same_dict, addr, descr_address(e, cache));
    gcc_jit_block_end_with_jump(same_dict, NULL, found);
    gcc_jit_lvalue *values = gj_temp(e, m->t.objpp);
    gj_assign(inline_, values, inline_values(e, o));
    gcc_jit_block *has_values = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        inline_, NULL, not_null(e, gcc_jit_lvalue_as_rvalue(values), m->t.objpp),
        has_values, slow);
    gj_assign(has_values, addr,
              gcc_jit_lvalue_get_address(value_slot(e, values, cache), NULL));
    gcc_jit_block_end_with_jump(has_values, NULL, found);
    e->cur = found;
    return slow;
}

static gcc_jit_lvalue *at(gcc_jit_lvalue *addr)
{
    return gcc_jit_rvalue_dereference(gcc_jit_lvalue_as_rvalue(addr), NULL);
}

void gj_load_attr(gj_emitter *e, int dst, int namei, const em_arg *owner,
                  const em_exit *ex)
{
    gj_module *m = e->m;
    gcc_jit_rvalue *cache = gj_new_cache(e, sizeof(pyaot_attr_cache));
    gj_operand oo = gj_operand_of(e, owner);
    gcc_jit_rvalue *o = oo.v;
    gcc_jit_lvalue *res = gj_temp(e, m->t.objp);
    gcc_jit_lvalue *addr = gj_temp(e, m->t.objpp);
    gcc_jit_block *done = gj_new_block(e, NULL);
    gcc_jit_lvalue *view = gj_temp(e, m->t.voidp);
    gcc_jit_block *slow = when_cached_address(e, o, cache, view, addr, true);
    gcc_jit_block *cached = e->cur;
    gj_assign(cached, res, gcc_jit_lvalue_as_rvalue(at(addr)));
    gcc_jit_block *found = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        cached, NULL, not_null(e, gcc_jit_lvalue_as_rvalue(res), m->t.objp),
        found, slow);
    gj_incref_in(e, found, gcc_jit_lvalue_as_rvalue(res));
    gcc_jit_block_end_with_jump(found, NULL, done);
    gcc_jit_rvalue *args[] = {e->f, gj_int_rv(e, namei), o, cache};
    gj_assign(slow, res, gj_call_helper(e, EH_rt_load_attr_cached, 4, args));
    gcc_jit_block_end_with_jump(slow, NULL, done);
    e->cur = done;
    gj_fail_if(e, gj_eq(e, gcc_jit_lvalue_as_rvalue(res), gj_null_obj(e)), ex);
    gj_drop(e, &oo);
    gj_assign(e->cur, e->slots[dst], gcc_jit_lvalue_as_rvalue(res));
}

void gj_store_attr(gj_emitter *e, int namei, const em_arg *owner, int value,
                   const em_exit *ex)
{
    gj_module *m = e->m;
    gcc_jit_rvalue *cache = gj_new_cache(e, sizeof(pyaot_attr_cache));
    gj_operand oo = gj_operand_of(e, owner);
    gcc_jit_rvalue *o = oo.v, *v = gj_slot(e, value);
    gcc_jit_lvalue *addr = gj_temp(e, m->t.objpp);
    gcc_jit_lvalue *old = gj_temp(e, m->t.objp);
    gcc_jit_block *done = gj_new_block(e, NULL);
    gcc_jit_lvalue *view = gj_temp(e, m->t.voidp);
    gcc_jit_block *slow = when_cached_address(e, o, cache, view, addr, false);
    gcc_jit_block *cached = e->cur;
    /* A first inline value changes the insertion order the runtime
     * keeps, which the slow path does; a __slots__ member may be empty
     * (STORE_ATTR_SLOT does not look). */
    gj_assign(cached, old, gcc_jit_lvalue_as_rvalue(at(addr)));
    gcc_jit_block *replace = gj_new_block(e, NULL);
    gcc_jit_rvalue *in_slot = gcc_jit_context_new_comparison(
        e->c, NULL, GCC_JIT_COMPARISON_GT,
        ATTR_CACHED(e, gcc_jit_lvalue_as_rvalue(view), slot_offset,
                    m->t.ssize),
        gcc_jit_context_zero(e->c, m->t.ssize));
    gcc_jit_block_end_with_conditional(
        cached, NULL,
        gcc_jit_context_new_binary_op(
            e->c, NULL, GCC_JIT_BINARY_OP_LOGICAL_OR, m->bool_,
            not_null(e, gcc_jit_lvalue_as_rvalue(old), m->t.objp), in_slot),
        replace, slow);
    gj_assign(replace, at(addr), v);
    replace = gj_decref_in(e, replace, gcc_jit_lvalue_as_rvalue(old), true);
    gcc_jit_block_end_with_jump(replace, NULL, done);

    gcc_jit_rvalue *args[] = {e->f, gj_int_rv(e, namei), o, v,
                              cache};
    gcc_jit_lvalue *rc = gj_temp(e, m->t.int_);
    gj_assign(slow, rc, gj_call_helper(e, EH_rt_store_attr_cached, 5, args));
    e->cur = slow;
    gj_fail_if(e, gj_cmp(e, GCC_JIT_COMPARISON_LT,
                         gcc_jit_lvalue_as_rvalue(rc), 0), ex);
    gj_decref(e, v);
    gcc_jit_block_end_with_jump(e->cur, NULL, done);
    e->cur = done;
    gj_assign(e->cur, e->slots[value], gj_null_obj(e));
    gj_drop(e, &oo);
    gj_clear_in(e, e->cur, &oo);
}

void gj_load_method(gj_emitter *e, int namei, int owner, const em_exit *ex)
{
    gj_module *m = e->m;
    gcc_jit_rvalue *cache = gj_new_cache(e, sizeof(pyaot_attr_cache));
    gcc_jit_rvalue *o = gj_slot(e, owner);
    gcc_jit_block *typed = gj_new_block(e, "method_cached");
    gcc_jit_block *done = gj_new_block(e, NULL);
    gcc_jit_lvalue *view = gj_temp(e, m->t.voidp);
    gcc_jit_block *slow = when_cached_type(e, o, cache, view, true, typed);
    gcc_jit_block *hit = gj_new_block(e, "method_hit");
    gcc_jit_rvalue *vv = gcc_jit_lvalue_as_rvalue(view);
    /* no managed __dict__: none at all, or one the type keeps at an
     * offset, which must be absent (io.BytesIO, exceptions) */
    gcc_jit_block *no_managed = gj_new_block(e, NULL);
    gcc_jit_block *offset_dict = gj_new_block(e, NULL);
    branch_unshadowed(e, typed, o, vv, hit, no_managed, slow);
    branch_on_kind(e, no_managed, ATTR_CACHED(e, vv, slot_offset, m->t.ssize),
                   PYAOT_ATTR_METHOD_OFFSET_DICT, offset_dict, hit);
    gcc_jit_rvalue *dict_at = gcc_jit_context_new_cast(
        e->c, NULL,
        gcc_jit_lvalue_get_address(
            gcc_jit_context_new_array_access(
                e->c, NULL, gcc_jit_context_new_cast(e->c, NULL, o, m->t.charp),
                ATTR_CACHED(e, vv, index, m->i32)),
            NULL),
        m->t.objpp);
    gcc_jit_block_end_with_conditional(
        offset_dict, NULL,
        gj_eq(e, gcc_jit_lvalue_as_rvalue(
                     gcc_jit_rvalue_dereference(dict_at, NULL)),
              gj_null_obj(e)),
        hit, slow);
    gcc_jit_rvalue *descr = ATTR_CACHED(e, vv, descr, m->t.objp);
    gj_incref_in(e, hit, descr);
    gj_assign(hit, e->slots[owner + 1], o);
    gj_assign(hit, e->slots[owner], descr);
    gcc_jit_block_end_with_jump(hit, NULL, done);

    gcc_jit_lvalue *out = gj_temp_array(e, 2);
    gcc_jit_rvalue *args[] = {e->f, gj_int_rv(e, namei), o,
                              gj_array_ptr(e, out), cache};
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

