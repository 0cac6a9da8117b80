/* Lowering of 3.11 bytecode to emitter calls. The value stack is numbered
 * slots: an instruction at depth d finds its top of stack in slot d - 1. */
#include <string.h>

#include "pyaot/lower.h"
#include "pyaot/opcodes.h"

enum { NB_INPLACE_FIRST = 13 };

static const int unsupported_flags =
    CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR |
    CO_ITERABLE_COROUTINE;

static bool lowerable(int opcode)
{
    switch (opcode) {
    case OP_RETURN_GENERATOR: case OP_YIELD_VALUE: case OP_SEND:
    case OP_GET_AWAITABLE: case OP_GET_AITER: case OP_GET_ANEXT:
    case OP_BEFORE_ASYNC_WITH: case OP_END_ASYNC_FOR:
    case OP_ASYNC_GEN_WRAP: case OP_GET_YIELD_FROM_ITER:
    case OP_MATCH_CLASS: case OP_MATCH_KEYS: case OP_MATCH_MAPPING:
    case OP_MATCH_SEQUENCE: case OP_CHECK_EG_MATCH:
    case OP_PREP_RERAISE_STAR:
        return false;
    }
    return true;
}

static int bytes_of(PyObject *b, const uint8_t **p, size_t *n)
{
    char *s;
    Py_ssize_t len;
    if (PyBytes_AsStringAndSize(b, &s, &len) < 0)
        return -1;
    *p = (const uint8_t *)s;
    *n = (size_t)len;
    return 0;
}

static int decode_tables(lw_code *lw)
{
    PyCodeObject *co = lw->co;
    PyObject *code = PyCode_GetCode(co);
    if (!code)
        return -1;
    const uint8_t *p;
    size_t n;
    int rc = bytes_of(code, &p, &n);
    if (rc == 0 &&
        dec_instructions(p, n, &lw->dec, lw->why, sizeof lw->why) < 0)
        rc = 1;
    Py_DECREF(code);
    if (rc)
        return rc;
    if (bytes_of(co->co_exceptiontable, &p, &n) < 0)
        return -1;
    if (dec_exception_table(p, n, &lw->dec, lw->why, sizeof lw->why) < 0)
        return 1;
    int *lines = PyMem_Malloc((lw->dec.nunits + 1) * sizeof *lines);
    if (!lines || bytes_of(co->co_linetable, &p, &n) < 0) {
        PyMem_Free(lines);
        return -1;
    }
    if (dec_line_table(p, n, co->co_firstlineno, lines, lw->dec.nunits) < 0)
        snprintf(lw->why, sizeof lw->why, "malformed line table"), rc = 1;
    for (int i = 0; rc == 0 && i < lw->dec.ninstrs; i++)
        lw->dec.instrs[i].line = lines[lw->dec.instrs[i].offset];
    PyMem_Free(lines);
    return rc;
}

int lw_prepare(lw_code *lw, PyCodeObject *co)
{
    memset(lw, 0, sizeof *lw);
    lw->co = co;
    if (co->co_flags & unsupported_flags) {
        snprintf(lw->why, sizeof lw->why,
                 "generators and coroutines are not lowered yet");
        return 0;
    }
    int rc = decode_tables(lw);
    if (rc)
        return rc < 0 ? -1 : 0;
    for (int i = 0; i < lw->dec.ninstrs; i++) {
        int op = lw->dec.instrs[i].opcode;
        if (!lowerable(op)) {
            snprintf(lw->why, sizeof lw->why,
                     "opcode %s is not lowered yet", op_table[op].name);
            return 0;
        }
    }
    if (cfg_build(&lw->dec, &lw->graph, lw->why, sizeof lw->why) < 0)
        return 0;
    if (lw->graph.max_depth > co->co_stacksize) {
        snprintf(lw->why, sizeof lw->why,
                 "stack depth %d exceeds co_stacksize %d",
                 lw->graph.max_depth, co->co_stacksize);
        return 0;
    }
    return 1;
}

void lw_release(lw_code *lw)
{
    dec_free(&lw->dec);
    cfg_free(&lw->graph);
}

/* State of one walk. */
typedef struct walker {
    lw_code *lw;
    emitter *em;
    const em_ops *ops;
    const dec_instr *in;
    int d;        /* depth before the instruction */
    em_exit exit; /* where the instruction's errors go */
    int kwnames;  /* KW_NAMES constant for the next CALL, or -1 */
    bool fused;   /* the instruction also consumed the next one */
} walker;

static em_exit exit_for(walker *w, const dec_instr *in, int depth)
{
    const dec_handler *h = dec_handler_for(&w->lw->dec, in->offset);
    em_exit ex = {.depth = depth, .handler = -1, .traceback = true};
    if (h) {
        ex.handler = cfg_block_at(&w->lw->graph, &w->lw->dec, h->target);
        ex.hdepth = h->depth;
        ex.lasti = h->lasti;
    }
    return ex;
}

static int block_of_unit(walker *w, int unit)
{
    return cfg_block_at(&w->lw->graph, &w->lw->dec, unit);
}

/* Argument constructors for helper calls. */
static em_arg T(void) { return (em_arg){'T', 0, 0, false}; }
static em_arg F(void) { return (em_arg){'F', 0, 0, false}; }
static em_arg I(int v) { return (em_arg){'I', v, 0, false}; }
static em_arg O(int slot) { return (em_arg){'O', slot, 0, false}; }
static em_arg Opop(int slot) { return (em_arg){'O', slot, 0, true}; }
static em_arg S(int slot) { return (em_arg){'S', slot, 0, false}; }
static em_arg X(int slot, int n) { return (em_arg){'X', slot, n, false}; }
static em_arg W(int slot, int n) { return (em_arg){'W', slot, n, false}; }

#define CALL(helper, dst, ...)                                            \
    do {                                                                  \
        em_arg args_[] = {__VA_ARGS__};                                   \
        w->ops->call(w->em, EH_##helper, dst, args_,                      \
                     (int)(sizeof args_ / sizeof args_[0]), &w->exit);    \
    } while (0)

static int popcount4(int v)
{
    return (v & 1) + ((v >> 1) & 1) + ((v >> 2) & 1) + ((v >> 3) & 1);
}

/* COMPARE_OP followed, in the same block, by a POP_JUMP on its result
 * becomes one compare-and-branch: no bool object in the common case. */
static bool fuse_compare_jump(walker *w, int op)
{
    const dec_instr *next = w->in + 1;
    lw_code *lw = w->lw;
    int i = (int)(w->in - lw->dec.instrs);
    if (i + 1 >= lw->dec.ninstrs ||
        lw->graph.block_of[i + 1] != lw->graph.block_of[i])
        return false;
    bool backward;
    switch (next->opcode) {
    case OP_POP_JUMP_FORWARD_IF_FALSE:
    case OP_POP_JUMP_FORWARD_IF_TRUE: backward = false; break;
    case OP_POP_JUMP_BACKWARD_IF_FALSE:
    case OP_POP_JUMP_BACKWARD_IF_TRUE: backward = true; break;
    default: return false;
    }
    bool jump_if = next->opcode == OP_POP_JUMP_FORWARD_IF_TRUE ||
                   next->opcode == OP_POP_JUMP_BACKWARD_IF_TRUE;
    if (backward)
        w->ops->eval_breaker(w->em, &w->exit);
    w->ops->compare_jump(w->em, w->d - 2, w->d - 1, op, jump_if,
                         block_of_unit(w, next->target),
                         block_of_unit(w, next->next), &w->exit);
    w->fused = true;
    return true;
}

/* Lowers the names, locals, cells and globals family. */
static bool lower_names(walker *w, int op, int a)
{
    int d = w->d;
    const em_ops *o = w->ops;
    switch (op) {
    case OP_LOAD_CONST: o->load_const(w->em, d, a); break;
    case OP_LOAD_FAST:
    case OP_LOAD_CLOSURE: o->load_fast(w->em, d, a, &w->exit); break;
    case OP_STORE_FAST: o->store_fast(w->em, a, d - 1); break;
    case OP_DELETE_FAST: o->delete_fast(w->em, a, &w->exit); break;
    case OP_MAKE_CELL: CALL(rt_make_cell, -1, T(), F(), I(a)); break;
    case OP_COPY_FREE_VARS: CALL(rt_copy_free_vars, -1, F(), I(a)); break;
    case OP_LOAD_DEREF: CALL(rt_load_deref, d, T(), F(), I(a)); break;
    case OP_LOAD_CLASSDEREF:
        CALL(rt_load_classderef, d, T(), F(), I(a));
        break;
    case OP_STORE_DEREF: CALL(rt_store_deref, -1, F(), I(a), S(d - 1)); break;
    case OP_DELETE_DEREF: CALL(rt_delete_deref, -1, T(), F(), I(a)); break;
    case OP_LOAD_NAME: CALL(rt_load_name, d, T(), F(), I(a)); break;
    case OP_STORE_NAME:
        CALL(rt_store_name, -1, T(), F(), I(a), Opop(d - 1));
        break;
    case OP_DELETE_NAME: CALL(rt_delete_name, -1, T(), F(), I(a)); break;
    case OP_LOAD_GLOBAL: o->load_global(w->em, d, a, &w->exit); break;
    case OP_STORE_GLOBAL:
        CALL(rt_store_global, -1, T(), F(), I(a), Opop(d - 1));
        break;
    case OP_DELETE_GLOBAL: CALL(rt_delete_global, -1, T(), F(), I(a)); break;
    default: return false;
    }
    return true;
}

/* Lowers attributes, subscripts and operators. */
static bool lower_objects(walker *w, int op, int a)
{
    int d = w->d;
    const em_ops *o = w->ops;
    switch (op) {
    case OP_LOAD_ATTR: o->load_attr(w->em, d - 1, a, d - 1, &w->exit); break;
    case OP_LOAD_METHOD: o->load_method(w->em, a, d - 1, &w->exit); break;
    case OP_STORE_ATTR: o->store_attr(w->em, a, d - 1, d - 2, &w->exit); break;
    case OP_DELETE_ATTR: CALL(rt_delete_attr, -1, F(), I(a), Opop(d - 1)); break;
    case OP_BINARY_SUBSCR: o->binary_subscr(w->em, d - 2, d - 2, d - 1, &w->exit); break;
    case OP_STORE_SUBSCR: o->store_subscr(w->em, d - 2, d - 1, d - 3, &w->exit); break;
    case OP_DELETE_SUBSCR:
        CALL(rt_delete_subscr, -1, Opop(d - 2), Opop(d - 1));
        break;
    case OP_BUILD_SLICE:
        if (a == 3)
            CALL(rt_build_slice, d - 3, S(d - 3), S(d - 2), S(d - 1));
        else
            CALL(rt_build_slice, d - 2, S(d - 2), S(d - 1), S(-1));
        break;
    case OP_BINARY_OP: o->binary_op(w->em, d - 2, d - 2, d - 1, a, &w->exit); break;
    case OP_COMPARE_OP:
        if (!fuse_compare_jump(w, a))
            o->compare_op(w->em, d - 2, d - 2, d - 1, a, &w->exit);
        break;
    case OP_IS_OP: o->is_op(w->em, d - 2, d - 2, d - 1, a); break;
    case OP_CONTAINS_OP:
        CALL(rt_contains_op, d - 2, Opop(d - 2), Opop(d - 1), I(a));
        break;
    case OP_UNARY_NOT: o->unary_not(w->em, d - 1, d - 1, &w->exit); break;
    case OP_UNARY_POSITIVE:
    case OP_UNARY_NEGATIVE:
    case OP_UNARY_INVERT:
        CALL(rt_unary_op, d - 1, Opop(d - 1), I(op));
        break;
    case OP_FORMAT_VALUE:
        if (a & 4)
            CALL(rt_format_value, d - 2, Opop(d - 2), Opop(d - 1), I(a));
        else
            CALL(rt_format_value, d - 1, Opop(d - 1), O(-1), I(a));
        break;
    case OP_GET_LEN: CALL(rt_get_len, d, O(d - 1)); break;
    default: return false;
    }
    return true;
}

/* Lowers building and unpacking of containers. */
static bool lower_containers(walker *w, int op, int a)
{
    int d = w->d;
    switch (op) {
    case OP_BUILD_TUPLE: CALL(rt_build_tuple, d - a, X(d - a, a), I(a)); break;
    case OP_BUILD_LIST: CALL(rt_build_list, d - a, X(d - a, a), I(a)); break;
    case OP_BUILD_SET: CALL(rt_build_set, d - a, X(d - a, a), I(a)); break;
    case OP_BUILD_STRING: CALL(rt_build_string, d - a, X(d - a, a), I(a)); break;
    case OP_BUILD_MAP:
        CALL(rt_build_map, d - 2 * a, X(d - 2 * a, 2 * a), I(a));
        break;
    case OP_BUILD_CONST_KEY_MAP:
        CALL(rt_build_const_key_map, d - a - 1, X(d - a - 1, a + 1), I(a));
        break;
    case OP_LIST_APPEND:
        CALL(rt_list_append, -1, O(d - 1 - a), Opop(d - 1));
        break;
    case OP_SET_ADD: CALL(rt_set_add, -1, O(d - 1 - a), Opop(d - 1)); break;
    case OP_MAP_ADD:
        CALL(rt_map_add, -1, O(d - 2 - a), Opop(d - 2), Opop(d - 1));
        break;
    case OP_LIST_EXTEND:
        CALL(rt_list_extend, -1, T(), O(d - 1 - a), Opop(d - 1));
        break;
    case OP_SET_UPDATE: CALL(rt_set_update, -1, O(d - 1 - a), Opop(d - 1)); break;
    case OP_DICT_UPDATE:
        CALL(rt_dict_update, -1, T(), O(d - 1 - a), Opop(d - 1));
        break;
    case OP_DICT_MERGE:
        CALL(rt_dict_merge, -1, T(), O(d - 3 - a), O(d - 1 - a), Opop(d - 1));
        break;
    case OP_LIST_TO_TUPLE: CALL(rt_list_to_tuple, d - 1, Opop(d - 1)); break;
    case OP_UNPACK_SEQUENCE:
        CALL(rt_unpack_sequence, -1, T(), Opop(d - 1), I(a), W(d - 1, a));
        break;
    case OP_UNPACK_EX:
        CALL(rt_unpack_ex, -1, T(), Opop(d - 1), I(a),
             W(d - 1, (a & 0xFF) + 1 + (a >> 8)));
        break;
    default: return false;
    }
    return true;
}

/* Lowers calls, function and class creation, imports. */
static bool lower_calls(walker *w, int op, int a)
{
    int d = w->d;
    switch (op) {
    case OP_PRECALL: break;
    case OP_KW_NAMES: w->kwnames = a; break;
    case OP_CALL: {
        w->ops->call_function(w->em, d - a - 2, a, w->kwnames, &w->exit);
        w->kwnames = -1;
        /* As ceval: signals raised during a C call are handled before the
         * next instruction; the result is on the stack by then. */
        em_exit after = exit_for(w, w->in, d - a - 1);
        w->ops->eval_breaker(w->em, &after);
        break;
    }
    case OP_CALL_FUNCTION_EX: {
        int kw = a & 1, base = d - 3 - kw;
        CALL(rt_call_function_ex, base, T(), Opop(base + 1), Opop(base + 2),
             kw ? Opop(base + 3) : O(-1));
        em_exit after = exit_for(w, w->in, base + 1);
        w->ops->eval_breaker(w->em, &after);
        break;
    }
    case OP_MAKE_FUNCTION: {
        int n = popcount4(a) + 1;
        CALL(rt_make_function, d - n, F(), X(d - n, n), I(a));
        break;
    }
    case OP_LOAD_BUILD_CLASS: CALL(rt_load_build_class, d, T(), F()); break;
    case OP_IMPORT_NAME:
        CALL(rt_import_name, d - 2, T(), F(), I(a), Opop(d - 2), Opop(d - 1));
        break;
    case OP_IMPORT_FROM: CALL(rt_import_from, d, T(), F(), I(a), O(d - 1)); break;
    case OP_IMPORT_STAR: CALL(rt_import_star, -1, T(), F(), Opop(d - 1)); break;
    case OP_SETUP_ANNOTATIONS: CALL(rt_setup_annotations, -1, T(), F()); break;
    case OP_PRINT_EXPR: CALL(rt_print_expr, -1, T(), Opop(d - 1)); break;
    default: return false;
    }
    return true;
}

/* Lowers exceptions and `with`. */
static bool lower_exceptions(walker *w, int op, int a)
{
    int d = w->d;
    const em_ops *o = w->ops;
    switch (op) {
    case OP_RAISE_VARARGS:
        CALL(rt_raise, -1, T(), S(a >= 1 ? d - a : -1), S(a == 2 ? d - 1 : -1),
             I(a));
        break;
    case OP_RERAISE:
        w->exit.traceback = false;
        CALL(rt_reraise, -1, T(), F(), S(d - 1), O(a ? d - 1 - a : -1));
        break;
    case OP_PUSH_EXC_INFO:
        CALL(rt_push_exc_info, d, T(), O(d - 1));
        o->swap(w->em, d - 1, d);
        break;
    case OP_POP_EXCEPT: CALL(rt_pop_except, -1, T(), S(d - 1)); break;
    case OP_CHECK_EXC_MATCH:
        CALL(rt_check_exc_match, d - 1, T(), O(d - 2), Opop(d - 1));
        break;
    case OP_LOAD_ASSERTION_ERROR: CALL(rt_load_assertion_error, d, T()); break;
    case OP_BEFORE_WITH:
        CALL(rt_before_with, -1, T(), Opop(d - 1), W(d - 1, 2));
        break;
    case OP_WITH_EXCEPT_START:
        CALL(rt_with_except_start, d, T(), O(d - 4), O(d - 1));
        break;
    default: return false;
    }
    return true;
}

/* Lowers stack shuffles and control flow. */
static bool lower_flow(walker *w, int op, int a)
{
    int d = w->d;
    const em_ops *o = w->ops;
    const dec_instr *in = w->in;
    switch (op) {
    case OP_NOP: break;
    case OP_RESUME:
        if (a < 2)
            o->eval_breaker(w->em, &w->exit);
        break;
    case OP_POP_TOP: o->pop(w->em, d - 1); break;
    case OP_PUSH_NULL: o->set_null(w->em, d); break;
    case OP_SWAP: o->swap(w->em, d - 1, d - a); break;
    case OP_COPY: o->copy(w->em, d, d - a); break;
    case OP_RETURN_VALUE: o->ret(w->em, d - 1); break;
    case OP_GET_ITER: CALL(rt_get_iter, d - 1, Opop(d - 1)); break;
    case OP_FOR_ITER:
        o->for_iter(w->em, d - 1, block_of_unit(w, in->next),
                    block_of_unit(w, in->target), &w->exit);
        break;
    case OP_JUMP_BACKWARD:
        o->eval_breaker(w->em, &w->exit);
        /* fall through */
    case OP_JUMP_FORWARD:
    case OP_JUMP_BACKWARD_NO_INTERRUPT:
        o->jump(w->em, block_of_unit(w, in->target));
        break;
    case OP_POP_JUMP_BACKWARD_IF_FALSE:
    case OP_POP_JUMP_BACKWARD_IF_TRUE:
    case OP_POP_JUMP_BACKWARD_IF_NONE:
    case OP_POP_JUMP_BACKWARD_IF_NOT_NONE:
        o->eval_breaker(w->em, &w->exit);
        /* fall through */
    case OP_POP_JUMP_FORWARD_IF_FALSE:
    case OP_POP_JUMP_FORWARD_IF_TRUE:
    case OP_POP_JUMP_FORWARD_IF_NONE:
    case OP_POP_JUMP_FORWARD_IF_NOT_NONE:
    case OP_JUMP_IF_FALSE_OR_POP:
    case OP_JUMP_IF_TRUE_OR_POP:
        o->cond_jump(w->em, op, d - 1, block_of_unit(w, in->target),
                     block_of_unit(w, in->next), &w->exit);
        break;
    default: return false;
    }
    return true;
}

static bool (*const lowerers[])(walker *, int, int) = {
    lower_names, lower_objects, lower_containers, lower_calls,
    lower_exceptions, lower_flow,
};

static int lower_instr(walker *w)
{
    int op = w->in->opcode, a = w->in->oparg;
    for (size_t i = 0; i < sizeof lowerers / sizeof lowerers[0]; i++)
        if (lowerers[i](w, op, a))
            return 0;
    PyErr_Format(PyExc_SystemError, "pyaot: no lowering for %s",
                 op_table[op].name);
    return -1;
}

static bool falls_through(const dec_instr *in)
{
    const op_info *info = &op_table[in->opcode];
    if (info->flags & F_TERM)
        return false;
    return info->jump == JK_NONE || (info->flags & F_COND);
}

int lw_emit(lw_code *lw, emitter *em, const char *symbol)
{
    PyCodeObject *co = lw->co;
    const char *qualname = PyUnicode_AsUTF8(co->co_qualname);
    if (!qualname)
        return -1;
    em_func fn = {
        .symbol = symbol, .qualname = qualname,
        .firstlineno = co->co_firstlineno,
        .nslots = lw->graph.max_depth + 1,
        .nlocalsplus = co->co_nlocalsplus,
        .nblocks = lw->graph.nblocks, .code = &lw->dec,
    };
    walker w = {.lw = lw, .em = em, .ops = em->ops, .kwnames = -1};
    if (em->ops->begin(em, &fn) < 0)
        return -1;
    for (int b = 0; b < lw->graph.nblocks; b++) {
        const cfg_block *blk = &lw->graph.blocks[b];
        if (blk->depth < 0)
            continue; /* unreachable */
        em->ops->block(em, b, &lw->dec.instrs[blk->first]);
        for (int i = blk->first; i <= blk->last; i++) {
            if (w.fused) {
                w.fused = false;
                continue;
            }
            w.in = &lw->dec.instrs[i];
            w.d = lw->graph.depth[i];
            w.exit = exit_for(&w, w.in, w.d);
            em->ops->instr(em, w.in, op_has(w.in->opcode, F_CURRENT));
            if (lower_instr(&w) < 0)
                return -1;
        }
        const dec_instr *last = &lw->dec.instrs[blk->last];
        if (falls_through(last) && b + 1 < lw->graph.nblocks &&
            !(last->target >= 0))
            em->ops->jump(em, b + 1);
    }
    return em->ops->end(em);
}
