/* The lowering of each opcode: one handler per LOWER(...) entry of
 * opcodes.def, in the table's terms. IN(i) and OUT(j) are the
 * instruction's stack slots; w->exit is where its errors go. */
#include "lower_walk.h"

/* ---- values, locals, cells and names ---- */

/* The builtins a backend may call inline (em_known_callee): the name
 * they are loaded by, as a function (by any load) or a method
 * (LOAD_METHOD), and the arguments of the calls it carries out. */
static const struct {
    const char *name;
    bool method;
    int nargs;
} known_callees[] = {
    [EM_CALLS_LEN] = {"len", false, 1},
    [EM_CALLS_ISINSTANCE] = {"isinstance", false, 2},
    [EM_CALLS_LIST_APPEND] = {"append", true, 1},
};

/* Notes which builtin the value loaded into `slot` by `name` (a str of
 * the code's) is named after, as a function or a method, for the CALL
 * that takes it. */
static void name_callee(walker *w, int slot, PyObject *name, bool method)
{
    w->known_callee[slot] = EM_CALLS_UNKNOWN;
    for (size_t k = 1; k < sizeof known_callees / sizeof *known_callees; k++)
        if (known_callees[k].method == method &&
            _PyUnicode_EqualToASCIIString(name, known_callees[k].name))
            w->known_callee[slot] = (unsigned char)k;
    w->named_slot = slot;
}

static PyObject *local_name(walker *w, int i)
{
    return PyTuple_GET_ITEM(w->lw->co->co_localsplusnames, i);
}

static PyObject *global_name(walker *w, int i)
{
    return PyTuple_GET_ITEM(w->lw->co->co_names, i);
}

/* NOP, PRECALL; RESUME, whose poll the walk places (F_BREAKER). */
void lower_nothing(walker *w) { (void)w; }
void lower_pop_top(walker *w) { w->ops->pop(w->em, IN(0)); }
void lower_push_null(walker *w) { w->ops->set_null(w->em, OUT(0)); }
void lower_copy(walker *w) { w->ops->copy(w->em, OUT(w->oparg), IN(0)); }
void lower_swap(walker *w) { w->ops->swap(w->em, IN(w->oparg - 1), IN(0)); }

/* LOAD_CONST; LOAD_FAST too: nothing when the operator they feed takes
 * the value unloaded (lw_unloaded). */
void lower_load_const(walker *w)
{
    if (lw_unloaded(w)) {
        (void)OUT(0);
        return;
    }
    w->ops->load_const(w->em, OUT(0), w->oparg);
}

/* LOAD_FAST, and LOAD_CLOSURE: unchecked when the local is bound for
 * certain (bound.c). */
void lower_load_fast(walker *w)
{
    bool bound = w->lw->bound_load[w->in - w->lw->dec.instrs];
    if (w->in->opcode == OP_LOAD_FAST && lw_unloaded(w)) {
        (void)OUT(0);
        return;
    }
    w->ops->load_fast(w->em, OUT(0), w->oparg, bound ? NULL : &w->exit);
    name_callee(w, OUT(0), local_name(w, w->oparg), false);
}

void lower_store_fast(walker *w)
{
    w->ops->store_fast(w->em, w->oparg, IN(0));
}

void lower_delete_fast(walker *w)
{
    w->ops->delete_fast(w->em, w->oparg, &w->exit);
}

void lower_make_cell(walker *w) { CALL(rt_make_cell, -1, T(), F(), I(w->oparg)); }
void lower_copy_free_vars(walker *w) { CALL(rt_copy_free_vars, -1, F(), I(w->oparg)); }
void lower_load_deref(walker *w)
{
    CALL(rt_load_deref, OUT(0), T(), F(), I(w->oparg));
    name_callee(w, OUT(0), local_name(w, w->oparg), false);
}

void lower_store_deref(walker *w) { CALL(rt_store_deref, -1, F(), I(w->oparg), S(IN(0))); }
void lower_delete_deref(walker *w) { CALL(rt_delete_deref, -1, T(), F(), I(w->oparg)); }
void lower_load_name(walker *w) { CALL(rt_load_name, OUT(0), T(), F(), I(w->oparg)); }
void lower_delete_name(walker *w) { CALL(rt_delete_name, -1, T(), F(), I(w->oparg)); }

void lower_load_classderef(walker *w)
{
    CALL(rt_load_classderef, OUT(0), T(), F(), I(w->oparg));
}

void lower_store_name(walker *w)
{
    CALL(rt_store_name, -1, T(), F(), I(w->oparg), Opop(IN(0)));
}

void lower_load_global(walker *w)
{
    int dst = OUT(0);
    if (op_global_pushes_null(w->oparg)) {
        w->ops->set_null(w->em, dst);
        dst = OUT(1);
        w->exit.depth = dst; /* the NULL below is owned (and empty) */
    }
    CALL(rt_load_global, dst, T(), F(), I(op_global_name(w->oparg)));
    name_callee(w, dst, global_name(w, op_global_name(w->oparg)), false);
}

void lower_store_global(walker *w)
{
    CALL(rt_store_global, -1, T(), F(), I(w->oparg), Opop(IN(0)));
}

void lower_delete_global(walker *w)
{
    CALL(rt_delete_global, -1, T(), F(), I(w->oparg));
}

/* ---- attributes, subscripts, operators ---- */

void lower_load_attr(walker *w)
{
    CALL(rt_load_attr, OUT(0), F(), I(w->oparg), lw_operand(w, IN(0)));
}

void lower_store_attr(walker *w)
{
    CALL(rt_store_attr, -1, F(), I(w->oparg), lw_operand(w, IN(1)),
         Opop(IN(0)));
}

void lower_delete_attr(walker *w)
{
    CALL(rt_delete_attr, -1, F(), I(w->oparg), Opop(IN(0)));
}

/* The owner's slot becomes the method (or NULL), the next one self (or
 * the attribute). */
void lower_load_method(walker *w)
{
    CALL(rt_load_method, -1, F(), I(w->oparg), Opop(IN(0)), W(OUT(0), 2));
    name_callee(w, OUT(0), global_name(w, w->oparg), true);
}

void lower_binary_subscr(walker *w)
{
    CALL(rt_binary_subscr, OUT(0), lw_operand(w, IN(0)),
         lw_operand(w, IN(1)));
}

void lower_store_subscr(walker *w)
{
    CALL(rt_store_subscr, -1, lw_operand(w, IN(1)), lw_operand(w, IN(2)),
         Opop(IN(0)));
}

void lower_delete_subscr(walker *w)
{
    CALL(rt_delete_subscr, -1, Opop(IN(0)), Opop(IN(1)));
}

void lower_build_slice(walker *w)
{
    CALL(rt_build_slice, OUT(0), S(IN(0)), S(IN(1)),
         S(w->nin == 3 ? IN(2) : -1));
}

/* The instruction after this one when it is in the same block (so it
 * runs right after, from nowhere else), or NULL. */
static const dec_instr *next_in_block(walker *w)
{
    lw_code *lw = w->lw;
    int i = (int)(w->in - lw->dec.instrs);
    if (i + 1 >= lw->dec.ninstrs ||
        lw->graph.block_of[i + 1] != lw->graph.block_of[i])
        return NULL;
    return w->in + 1;
}

/* BINARY_OP then STORE_FAST becomes one operation on the local, so that
 * `s += t` can extend a str in place (3.11's INPLACE_ADD_UNICODE). */
void lower_binary_op(walker *w)
{
    const dec_instr *next = next_in_block(w);
    if (next && next->opcode == OP_STORE_FAST) {
        em_arg left = lw_operand(w, IN(0)), right = lw_operand(w, IN(1));
        CALL(rt_binary_op_to_local, -1, F(), I(next->oparg),
             left.kind == 'O' ? S(IN(0)) : left,
             right.kind == 'O' ? S(IN(1)) : right, I(w->oparg));
        w->fused = true;
        return;
    }
    CALL(rt_binary_op, OUT(0), lw_operand(w, IN(0)), lw_operand(w, IN(1)),
         I(w->oparg));
}

void lower_is_op(walker *w)
{
    CALL(rt_is_op, OUT(0), lw_operand(w, IN(0)), lw_operand(w, IN(1)),
         I(w->oparg));
}

void lower_contains_op(walker *w)
{
    CALL(rt_contains_op, OUT(0), lw_operand(w, IN(0)), lw_operand(w, IN(1)),
         I(w->oparg));
}

void lower_unary_op(walker *w)
{
    CALL(rt_unary_op, OUT(0), Opop(IN(0)), I(w->in->opcode));
}

void lower_unary_not(walker *w)
{
    CALL(rt_unary_op, OUT(0), Opop(IN(0)), I(OP_UNARY_NOT));
}

void lower_format_value(walker *w)
{
    bool spec = op_format_has_spec(w->oparg);
    CALL(rt_format_value, OUT(0), Opop(IN(0)), spec ? Opop(IN(1)) : NONE(),
         I(w->oparg));
}

void lower_get_len(walker *w) { CALL(rt_get_len, OUT(1), O(IN(0))); }

/* ---- comparisons and branches ---- */

/* The POP_JUMP_* after a COMPARE_OP in the same block, or NULL. */
static const dec_instr *compare_jump(walker *w, bool *jump_if)
{
    const dec_instr *next = next_in_block(w);
    switch (next ? next->opcode : -1) {
    case OP_POP_JUMP_FORWARD_IF_TRUE:
    case OP_POP_JUMP_BACKWARD_IF_TRUE: *jump_if = true; return next;
    case OP_POP_JUMP_FORWARD_IF_FALSE:
    case OP_POP_JUMP_BACKWARD_IF_FALSE: *jump_if = false; return next;
    }
    return NULL;
}

/* The branch of conditional jump `j`, testing slot `value`. */
static em_branch branch_of(walker *w, const dec_instr *j, int value)
{
    em_branch br = {
        .value = value,
        .target = lw_block_of_unit(w, j->target),
        .fallthrough = lw_block_of_unit(w, j->next),
        .poll_on_jump = op_table[j->opcode].jump == JK_BACK,
        .poll_resume = j->target,
        .exit = w->exit,
    };
    br.poll_exit = lw_exit_at(w, value);
    return br;
}

/* COMPARE_OP followed by a POP_JUMP on its result becomes one
 * compare-and-branch: no bool object in the common case. */
void lower_compare_op(walker *w)
{
    bool jump_if;
    const dec_instr *j = compare_jump(w, &jump_if);
    if (!j) {
        CALL(rt_compare_op, OUT(0), lw_operand(w, IN(0)),
             lw_operand(w, IN(1)), I(w->oparg));
        return;
    }
    em_branch br = branch_of(w, j, IN(0));
    br.test = EM_COMPARE;
    br.cmp = w->oparg;
    br.left = lw_operand(w, IN(0));
    br.right = lw_operand(w, IN(1));
    br.jump_if = jump_if;
    w->ops->branch(w->em, &br);
    w->fused = true;
}

void lower_branch(walker *w)
{
    em_branch br = branch_of(w, w->in, IN(0));
    switch (w->in->opcode) {
    case OP_POP_JUMP_FORWARD_IF_NONE: case OP_POP_JUMP_BACKWARD_IF_NONE:
        br.test = EM_IS_NONE, br.jump_if = true;
        break;
    case OP_POP_JUMP_FORWARD_IF_NOT_NONE: case OP_POP_JUMP_BACKWARD_IF_NOT_NONE:
        br.test = EM_IS_NONE, br.jump_if = false;
        break;
    case OP_JUMP_IF_TRUE_OR_POP:
        br.keep_on_jump = true;
        /* fall through */
    case OP_POP_JUMP_FORWARD_IF_TRUE: case OP_POP_JUMP_BACKWARD_IF_TRUE:
        br.test = EM_TRUTH, br.jump_if = true;
        break;
    case OP_JUMP_IF_FALSE_OR_POP:
        br.keep_on_jump = true;
        /* fall through */
    default:
        br.test = EM_TRUTH, br.jump_if = false;
        break;
    }
    w->ops->branch(w->em, &br);
}

void lower_jump(walker *w)
{
    if (w->poll)
        w->ops->eval_breaker(w->em, &w->exit, w->in->target);
    w->ops->jump(w->em, lw_block_of_unit(w, w->in->target));
}

void lower_for_iter(walker *w)
{
    w->ops->for_iter(w->em, IN(0), lw_block_of_unit(w, w->in->next),
                     lw_block_of_unit(w, w->in->target), &w->exit);
}

void lower_get_iter(walker *w) { CALL(rt_get_iter, OUT(0), Opop(IN(0))); }
void lower_return_value(walker *w) { w->ops->ret(w->em, IN(0)); }

/* ---- containers ---- */

/* BUILD_TUPLE, _LIST, _SET, _MAP, _STRING, BUILD_CONST_KEY_MAP: every
 * input stolen, the count as the immediate. */
void lower_build(walker *w)
{
    int helper;
    switch (w->in->opcode) {
    case OP_BUILD_TUPLE: helper = EH_rt_build_tuple; break;
    case OP_BUILD_LIST: helper = EH_rt_build_list; break;
    case OP_BUILD_SET: helper = EH_rt_build_set; break;
    case OP_BUILD_MAP: helper = EH_rt_build_map; break;
    case OP_BUILD_STRING: helper = EH_rt_build_string; break;
    default: helper = EH_rt_build_const_key_map; break;
    }
    em_arg args[] = {X(w->base, w->nin), I(w->oparg)};
    w->ops->call(w->em, helper, OUT(0), args, 2, &w->exit);
}

/* LIST_APPEND, SET_ADD, LIST_EXTEND, SET_UPDATE, DICT_UPDATE: the top
 * value into the container oparg below it. */
void lower_add_to_container(walker *w)
{
    int target = IN(0), value = IN(w->oparg);
    switch (w->in->opcode) {
    case OP_LIST_APPEND: CALL(rt_list_append, -1, O(target), Opop(value)); break;
    case OP_SET_ADD: CALL(rt_set_add, -1, O(target), Opop(value)); break;
    case OP_LIST_EXTEND: CALL(rt_list_extend, -1, T(), O(target), Opop(value)); break;
    case OP_SET_UPDATE: CALL(rt_set_update, -1, O(target), Opop(value)); break;
    default: CALL(rt_dict_update, -1, T(), O(target), Opop(value)); break;
    }
}

void lower_map_add(walker *w)
{
    CALL(rt_map_add, -1, O(IN(0)), Opop(IN(w->oparg)),
         Opop(IN(w->oparg + 1)));
}

/* The callable three below the dict names the function in errors. */
void lower_dict_merge(walker *w)
{
    CALL(rt_dict_merge, -1, T(), O(IN(0)), O(IN(2)), Opop(IN(w->oparg + 2)));
}

void lower_list_to_tuple(walker *w)
{
    CALL(rt_list_to_tuple, OUT(0), Opop(IN(0)));
}

/* The outputs start where the sequence was; there may be none (a class
 * pattern with no sub-patterns unpacks an empty tuple). */
void lower_unpack_sequence(walker *w)
{
    CALL(rt_unpack_sequence, -1, T(), Opop(IN(0)), I(w->oparg),
         W(w->base, w->nout));
}

void lower_unpack_ex(walker *w)
{
    CALL(rt_unpack_ex, -1, T(), Opop(IN(0)), I(w->oparg),
         W(OUT(0), w->nout));
}

/* ---- calls, functions, classes, imports ---- */

void lower_kw_names(walker *w) { w->kwnames = w->oparg; }

/* A call without keywords whose callable was loaded by the name of a
 * builtin the backend may call inline (a method by LOAD_METHOD, below
 * self; a function by any load, above its NULL), with the arguments it
 * takes, goes to rt_call_known (the callable is checked where the call
 * runs). */
void lower_call(walker *w)
{
    enum em_known_callee known = w->known_callee[IN(0)];
    if (known == EM_CALLS_UNKNOWN)
        known = w->known_callee[IN(1)];
    if (known != EM_CALLS_UNKNOWN &&
        w->oparg == known_callees[known].nargs && w->kwnames < 0)
        CALL(rt_call_known, OUT(0), T(), X(IN(0), w->nin), I(w->oparg),
             I(known));
    else
        CALL(rt_call, OUT(0), T(), X(IN(0), w->nin), I(w->oparg),
             C(w->kwnames));
    w->kwnames = -1;
}

void lower_call_function_ex(walker *w)
{
    bool kw = op_call_ex_has_kwargs(w->oparg);
    CALL(rt_call_function_ex, OUT(0), T(), Opop(IN(1)), Opop(IN(2)),
         kw ? Opop(IN(3)) : NONE());
}

void lower_make_function(walker *w)
{
    CALL(rt_make_function, OUT(0), F(), X(IN(0), w->nin), I(w->oparg));
}

void lower_load_build_class(walker *w)
{
    CALL(rt_load_build_class, OUT(0), T(), F());
}

void lower_import_name(walker *w)
{
    CALL(rt_import_name, OUT(0), T(), F(), I(w->oparg), Opop(IN(0)),
         Opop(IN(1)));
}

void lower_import_from(walker *w)
{
    CALL(rt_import_from, OUT(1), T(), F(), I(w->oparg), O(IN(0)));
}

void lower_import_star(walker *w) { CALL(rt_import_star, -1, T(), F(), Opop(IN(0))); }
void lower_setup_annotations(walker *w) { CALL(rt_setup_annotations, -1, T(), F()); }
void lower_print_expr(walker *w) { CALL(rt_print_expr, -1, T(), Opop(IN(0))); }

/* ---- exceptions and `with` ---- */

void lower_raise_varargs(walker *w)
{
    int a = w->oparg;
    CALL(rt_raise, -1, T(), S(a >= 1 ? IN(0) : -1), S(a == 2 ? IN(1) : -1),
         I(a));
}

/* rt_reraise says itself whether a traceback entry is due. */
void lower_reraise(walker *w)
{
    int a = w->oparg;
    CALL(rt_reraise, -1, T(), F(), S(IN(a)), a ? O(IN(0)) : NONE());
}

void lower_push_exc_info(walker *w)
{
    CALL(rt_push_exc_info, OUT(1), T(), O(IN(0)));
    w->ops->swap(w->em, OUT(0), OUT(1));
}

void lower_pop_except(walker *w) { CALL(rt_pop_except, -1, T(), S(IN(0))); }

void lower_check_exc_match(walker *w)
{
    CALL(rt_check_exc_match, OUT(1), T(), O(IN(0)), Opop(IN(1)));
}

void lower_load_assertion_error(walker *w)
{
    CALL(rt_load_assertion_error, OUT(0), T());
}

void lower_before_with(walker *w)
{
    CALL(rt_before_with, -1, T(), Opop(IN(0)), W(OUT(0), 2));
}

/* except*: the exception and the clause's types become what is left of
 * it and what the clause handles (or it and None). */
void lower_check_eg_match(walker *w)
{
    CALL(rt_check_eg_match, -1, T(), S(IN(0)), S(IN(1)), W(w->base, 2));
}

void lower_prep_reraise_star(walker *w)
{
    CALL(rt_prep_reraise_star, OUT(0), Opop(IN(0)), Opop(IN(1)));
}

void lower_with_except_start(walker *w)
{
    CALL(rt_with_except_start, OUT(4), T(), O(IN(0)), O(IN(3)));
}

/* ---- generators and coroutines ---- */

/* The generator object takes the frame over and is what the call
 * returns; the slot it leaves is where the value of the first send()
 * arrives when the frame resumes. */
void lower_return_generator(walker *w)
{
    CALL(rt_make_generator, OUT(0), T(), F());
    w->ops->ret(w->em, OUT(0));
}

void lower_yield_value(walker *w) { w->ops->suspend(w->em, IN(0), w->base); }

void lower_send(walker *w)
{
    w->ops->send(w->em, IN(0), lw_block_of_unit(w, w->in->next),
                 lw_block_of_unit(w, w->in->target), &w->exit);
}

void lower_get_yield_from_iter(walker *w)
{
    CALL(rt_get_yield_from_iter, OUT(0), F(), Opop(IN(0)));
}

void lower_get_awaitable(walker *w)
{
    CALL(rt_get_awaitable, OUT(0), Opop(IN(0)), I(w->oparg));
}

void lower_async_gen_wrap(walker *w) { CALL(rt_async_gen_wrap, OUT(0), Opop(IN(0))); }
void lower_get_aiter(walker *w) { CALL(rt_get_aiter, OUT(0), Opop(IN(0))); }
void lower_get_anext(walker *w) { CALL(rt_get_anext, OUT(1), O(IN(0))); }

void lower_before_async_with(walker *w)
{
    CALL(rt_before_async_with, -1, T(), Opop(IN(0)), W(OUT(0), 2));
}

/* The end of an `async for`: StopAsyncIteration drops the exception and
 * the iterator; anything else is raised again as it is, like RERAISE,
 * with no traceback entry for this frame. */
void lower_end_async_for(walker *w)
{
    em_exit reraise = w->exit;
    reraise.traceback = false;
    em_arg args[] = {T(), Opop(IN(1))};
    w->ops->call(w->em, EH_rt_end_async_for, -1, args, 2, &reraise);
    w->ops->pop(w->em, IN(0));
}

/* ---- match statements ---- */

/* MATCH_MAPPING, MATCH_SEQUENCE: a bool above the subject. */
void lower_match_type(walker *w)
{
    int flag = w->in->opcode == OP_MATCH_MAPPING ? Py_TPFLAGS_MAPPING
                                                 : Py_TPFLAGS_SEQUENCE;
    CALL(rt_match_type, OUT(1), O(IN(0)), I(flag));
}

/* The subject, the class and the keyword names make way for the
 * attributes (or None). */
void lower_match_class(walker *w)
{
    CALL(rt_match_class, OUT(0), T(), Opop(IN(0)), Opop(IN(1)),
         Opop(IN(2)), I(w->oparg));
}

void lower_match_keys(walker *w)
{
    CALL(rt_match_keys, OUT(2), T(), O(IN(0)), O(IN(1)));
}
