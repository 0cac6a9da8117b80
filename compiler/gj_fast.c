/* Which runtime helpers the gccjit backend carries out inline, and by
 * which fast path (gj_num.c, gj_obj.c): the one place a fast path is
 * chosen. Lowering only ever asks for the helper; each entry unpacks the
 * helper's arguments (in helpers.def order) for its fast path. */
#include "gj.h"
#include "pyaot/opcodes.h"

static bool binary_op(gj_emitter *e, int dst, const em_arg *a, const em_exit *ex)
{
    gj_binary_op(e, dst, &a[0], &a[1], a[2].v, ex);
    return true;
}

/* Arguments: frame, local, left, right, operator. */
static bool binary_op_to_local(gj_emitter *e, int dst, const em_arg *a,
                               const em_exit *ex)
{
    (void)dst;
    gj_binary_op_to_local(e, a[1].v, &a[2], &a[3], a[4].v, ex);
    return true;
}

static bool compare_op(gj_emitter *e, int dst, const em_arg *a, const em_exit *ex)
{
    gj_compare_op(e, dst, &a[0], &a[1], a[2].v, ex);
    return true;
}

static bool is_op(gj_emitter *e, int dst, const em_arg *a, const em_exit *ex)
{
    (void)ex;
    gj_is_op(e, dst, &a[0], &a[1], a[2].v);
    return true;
}

/* `not` (bools and None need no call) and `-` of a small int inline. */
static bool unary_op(gj_emitter *e, int dst, const em_arg *a, const em_exit *ex)
{
    if (a[1].v == OP_UNARY_NOT)
        gj_unary_not(e, dst, a[0].v, ex);
    else if (a[1].v == OP_UNARY_NEGATIVE)
        gj_unary_negative(e, dst, a[0].v, ex);
    else
        return false;
    return true;
}

static bool binary_subscr(gj_emitter *e, int dst, const em_arg *a,
                          const em_exit *ex)
{
    gj_binary_subscr(e, dst, &a[0], &a[1], ex);
    return true;
}

static bool store_subscr(gj_emitter *e, int dst, const em_arg *a,
                         const em_exit *ex)
{
    (void)dst;
    gj_store_subscr(e, &a[0], &a[1], a[2].v, ex);
    return true;
}

static bool load_global(gj_emitter *e, int dst, const em_arg *a,
                        const em_exit *ex)
{
    gj_load_global(e, dst, a[2].v, ex);
    return true;
}

/* Arguments: thread, frame, the cell's index. */
static bool load_deref(gj_emitter *e, int dst, const em_arg *a,
                       const em_exit *ex)
{
    gj_load_deref(e, dst, a[2].v, ex);
    return true;
}

/* Arguments: frame, the cell's index, the value (stolen). */
static bool store_deref(gj_emitter *e, int dst, const em_arg *a,
                        const em_exit *ex)
{
    (void)dst, (void)ex;
    gj_store_deref(e, a[1].v, a[2].v);
    return true;
}

static bool load_attr(gj_emitter *e, int dst, const em_arg *a, const em_exit *ex)
{
    gj_load_attr(e, dst, a[1].v, &a[2], ex);
    return true;
}

static bool store_attr(gj_emitter *e, int dst, const em_arg *a,
                       const em_exit *ex)
{
    (void)dst;
    gj_store_attr(e, a[1].v, &a[2], a[3].v, ex);
    return true;
}

/* The results land in the owner's slot and the one above it. */
static bool load_method(gj_emitter *e, int dst, const em_arg *a,
                        const em_exit *ex)
{
    (void)dst;
    if (a[3].v != a[2].v)
        return false;
    gj_load_method(e, a[1].v, a[2].v, ex);
    return true;
}

/* Arguments: the list, the value (popped). */
static bool list_append(gj_emitter *e, int dst, const em_arg *a,
                        const em_exit *ex)
{
    (void)dst;
    gj_list_append(e, a[0].v, a[1].v, ex);
    return true;
}

/* Arguments: thread, the sequence (popped), the count, the outputs. */
static bool unpack_sequence(gj_emitter *e, int dst, const em_arg *a,
                            const em_exit *ex)
{
    (void)dst;
    if (a[2].v < 1)
        return false;
    gj_unpack_sequence(e, a, ex);
    return true;
}

/* Arguments: thread, the run of slots, oparg, the KW_NAMES constant or
 * -1. */
static bool call(gj_emitter *e, int dst, const em_arg *a, const em_exit *ex)
{
    if (a[3].v >= 0)
        gj_call_kw(e, dst, a[1].v, a[2].v, a[3].v, ex);
    else
        gj_call(e, dst, a[1].v, a[2].v, ex);
    return true;
}

/* Arguments: thread, the run of slots, oparg, the builtin. */
static bool call_known(gj_emitter *e, int dst, const em_arg *a,
                       const em_exit *ex)
{
    gj_call_known(e, dst, a[1].v, a[2].v, a[3].v, ex);
    return true;
}

/* Arguments: frame, the number of free variables. */
static bool copy_free_vars(gj_emitter *e, int dst, const em_arg *a,
                           const em_exit *ex)
{
    (void)dst, (void)ex;
    gj_copy_free_vars(e, a[1].v);
    return true;
}

static gj_fast_fn *const fast_paths[EH_COUNT] = {
    [EH_rt_binary_op] = binary_op,
    [EH_rt_binary_op_to_local] = binary_op_to_local,
    [EH_rt_compare_op] = compare_op,
    [EH_rt_is_op] = is_op,
    [EH_rt_unary_op] = unary_op,
    [EH_rt_binary_subscr] = binary_subscr,
    [EH_rt_store_subscr] = store_subscr,
    [EH_rt_list_append] = list_append,
    [EH_rt_unpack_sequence] = unpack_sequence,
    [EH_rt_load_global] = load_global,
    [EH_rt_load_deref] = load_deref,
    [EH_rt_store_deref] = store_deref,
    [EH_rt_load_attr] = load_attr,
    [EH_rt_store_attr] = store_attr,
    [EH_rt_load_method] = load_method,
    [EH_rt_call] = call,
    [EH_rt_call_known] = call_known,
    [EH_rt_copy_free_vars] = copy_free_vars,
};

gj_fast_fn *gj_fast_path(int helper)
{
    return helper >= 0 && helper < EH_COUNT ? fast_paths[helper] : NULL;
}
