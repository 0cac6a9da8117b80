/* CALL: what generated code can tell cheaply picks the helper. Python
 * functions go through the call entry of the code object the site saw
 * last (gj_enter.c), or to rt_call_py, which runs native callees
 * directly; every other callable through the call its site keeps for
 * the callable's type, which calls C functions the way 3.11's
 * specialised PRECALLs do (runtime/c_call_sites.c); calls
 * with keyword names to rt_call_kw, which keeps at the site how they
 * bind. Deciding in the runtime rather than inline keeps each call site
 * small: a module has thousands of them, and the C compiler's time grows
 * with their code. */
#include "gj.h"
#include "pyaot/native.h"

/* The call's slots, base .. base+n-1, copied into an array a helper
 * takes them in. */
static gcc_jit_lvalue *call_slots(gj_emitter *e, int base, int n)
{
    gcc_jit_lvalue *arr = gj_temp_array(e, n);
    for (int k = 0; k < n; k++)
        gj_assign(e->cur, gj_elem(e, arr, k), gj_slot(e, base + k));
    return arr;
}

/* After the helper, which stole the slots: the result to `dst`, the
 * error exit when it is NULL. */
static void call_result(gj_emitter *e, int dst, int base, int n,
                        gcc_jit_lvalue *res, const em_exit *ex)
{
    for (int k = 0; k < n; k++)
        gj_assign(e->cur, e->slots[base + k], gj_null_obj(e));
    gj_fail_if(e, gj_eq(e, gcc_jit_lvalue_as_rvalue(res), gj_null_obj(e)), ex);
    gj_assign(e->cur, e->slots[dst], gcc_jit_lvalue_as_rvalue(res));
}

/* What a call site keeps (gj_new_cache): a key it compares with one it
 * reads from the callable, and the function it calls while they are the
 * same; the helper that fills it on a miss. */
typedef struct {
    size_t size;
    long key_offset;    /* of the callable's field the site compares */
    long site_key;      /* of the site's copy */
    long site_fn;       /* of the function the site calls */
    bool pass_site;     /* that function takes the site too */
    int fill;           /* the helper, given the site besides */
} site_kind;

/* The call from `b` through the site's function while its key matches
 * the callable's, else through its helper; `args` are the helper's (ts,
 * slots, oparg). Returns the block after. */
static gcc_jit_block *cached_call(gj_emitter *e, gcc_jit_block *b,
                                  const site_kind *k, gcc_jit_rvalue *callable,
                                  gcc_jit_rvalue **args, gcc_jit_lvalue *res)
{
    gj_module *m = e->m;
    gcc_jit_rvalue *site = gj_new_cache(e, k->size);
    gcc_jit_type *params[] = {m->t.voidp, m->t.objpp, m->t.int_, m->t.voidp};
    int nparams = k->pass_site ? 4 : 3;
    gcc_jit_type *fn_t = gcc_jit_context_new_function_ptr_type(
        e->c, NULL, m->t.objp, nparams, params, 0);
    gcc_jit_block *cached = gj_new_block(e, "call_cached");
    gcc_jit_block *fill = gj_new_block(e, "call_fill");
    gcc_jit_block *done = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        b, NULL,
        gj_expect(e, gj_eq(e, gj_read(e, callable, k->key_offset, m->t.voidp),
                           gj_read(e, site, k->site_key, m->t.voidp)),
                  true),
        cached, fill);
    gcc_jit_rvalue *site_args[] = {args[0], args[1], args[2], site};
    gj_assign(cached, res,
              gcc_jit_context_new_call_through_ptr(
                  e->c, NULL, gj_read(e, site, k->site_fn, fn_t), nparams,
                  site_args));
    gcc_jit_block_end_with_jump(cached, NULL, done);
    gj_assign(fill, res, gj_call_helper(e, k->fill, 4, site_args));
    gcc_jit_block_end_with_jump(fill, NULL, done);
    return done;
}

/* A Python function: through the call entry of the code object the site
 * saw last, while the function's code is that one (the entry makes sure
 * it is its own, gj_enter.c), else rt_call_py_cached, which fills it. */
static const site_kind python_site = {
    sizeof(pyaot_call_cache), offsetof(PyFunctionObject, func_code),
    offsetof(pyaot_call_cache, code), offsetof(pyaot_call_cache, enter),
    false, EH_rt_call_py_cached,
};

/* Anything else: through the call the site keeps for the callable's type
 * (runtime/c_call_sites.c), else rt_call_c_cached, which fills it. */
static const site_kind c_site = {
    sizeof(pyaot_c_call_cache), offsetof(PyObject, ob_type),
    offsetof(pyaot_c_call_cache, type), offsetof(pyaot_c_call_cache, call),
    true, EH_rt_call_c_cached,
};

/* The call of slots base .. base+oparg+1 (the method or NULL, the
 * callable or self, then the arguments, as rt_call takes them, all
 * stolen), its result in `res`. */
static void call_into(gj_emitter *e, int base, int oparg, gcc_jit_lvalue *res)
{
    gj_module *m = e->m;
    gcc_jit_lvalue *arr = call_slots(e, base, oparg + 2);
    gcc_jit_lvalue *callable = gj_temp(e, m->t.objp);
    gcc_jit_block *meth = gj_new_block(e, NULL), *plain = gj_new_block(e, NULL);
    gcc_jit_block *b = gj_new_block(e, "call_kind");
    gcc_jit_block *other = gj_new_block(e, "call_other");
    gcc_jit_block *python = gj_new_block(e, "call_python");
    gcc_jit_block *done = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        e->cur, NULL,
        gcc_jit_context_new_comparison(e->c, NULL, GCC_JIT_COMPARISON_NE,
                                       gj_slot(e, base), gj_null_obj(e)),
        meth, plain);
    gj_assign(meth, callable, gj_slot(e, base));
    gcc_jit_block_end_with_jump(meth, NULL, b);
    gj_assign(plain, callable, gj_slot(e, base + 1));
    gcc_jit_block_end_with_jump(plain, NULL, b);
    gcc_jit_block_end_with_conditional(
        b, NULL, gj_is_type(e, gcc_jit_lvalue_as_rvalue(callable), GJ_FUNCTION),
        python, other);

    gcc_jit_rvalue *args[] = {e->ts, gj_array_ptr(e, arr), gj_int_rv(e, oparg)};
    other = cached_call(e, other, &c_site, gcc_jit_lvalue_as_rvalue(callable),
                        args, res);
    gcc_jit_block_end_with_jump(other, NULL, done);
    python = cached_call(e, python, &python_site,
                         gcc_jit_lvalue_as_rvalue(callable), args, res);
    gcc_jit_block_end_with_jump(python, NULL, done);
    e->cur = done;
}

void gj_call(gj_emitter *e, int dst, int base, int oparg, const em_exit *ex)
{
    gcc_jit_lvalue *res = gj_temp(e, e->m->t.objp);
    call_into(e, base, oparg, res);
    call_result(e, dst, base, oparg + 2, res, ex);
}

/* ---- builtins called inline ---- */

/* The interpreter's cached builtin at `off` in its callable_cache. */
static gcc_jit_rvalue *cached_builtin(gj_emitter *e, long off)
{
    gj_module *m = e->m;
    gcc_jit_rvalue *interp =
        gj_read(e, e->ts, offsetof(PyThreadState, interp), m->t.voidp);
    return gj_read(e, interp,
                   offsetof(PyInterpreterState, callable_cache) + off,
                   m->t.voidp);
}

static gcc_jit_rvalue *same(gj_emitter *e, gcc_jit_rvalue *o,
                            gcc_jit_rvalue *p)
{
    return gj_eq(e, gcc_jit_context_new_cast(e->c, NULL, o, e->m->t.voidp), p);
}

/* From `b`: the block where the call's callable (a function's, slots base
 * and base+1: NULL below it) is the interpreter's cached builtin at `off`
 * in its callable_cache; the rest to `slow`. */
static gcc_jit_block *when_builtin(gj_emitter *e, gcc_jit_block *b, int base,
                                   long off, const char *name,
                                   gcc_jit_block *slow)
{
    b = gj_branch(e, b, gcc_jit_context_new_comparison(
                            e->c, NULL, GCC_JIT_COMPARISON_NE,
                            gj_slot(e, base), gj_null_obj(e)),
                  slow);
    gcc_jit_block *is_builtin = gj_new_block(e, name);
    gcc_jit_block_end_with_conditional(
        b, NULL, same(e, gj_slot(e, base + 1), cached_builtin(e, off)),
        is_builtin, slow);
    return is_builtin;
}

/* `into` gets `size`; returns the block after. */
static gcc_jit_block *size_is(gj_emitter *e, gcc_jit_block *b,
                              gcc_jit_lvalue *into, gcc_jit_rvalue *size,
                              gcc_jit_block *sized)
{
    gj_assign(b, into, size);
    gcc_jit_block_end_with_jump(b, NULL, sized);
    return sized;
}

/* len(o) as PRECALL_NO_KW_LEN, with the sizes of exact lists, tuples,
 * strs and dicts read where their length slots read them: from `b`,
 * while the callable (a function's, slots base and base+1) is the
 * builtin, else to `slow`. Returns the block after, `res` set and the
 * slots' references dropped. */
static gcc_jit_block *len_inline(gj_emitter *e, gcc_jit_block *b, int base,
                                 gcc_jit_lvalue *res, gcc_jit_block *slow)
{
    gj_module *m = e->m;
    gcc_jit_rvalue *o = gj_slot(e, base + 2);
    gcc_jit_block *is_len =
        when_builtin(e, b, base, offsetof(struct callable_cache, len),
                     "len_inline", slow);
    gcc_jit_lvalue *size = gj_temp(e, m->t.ssize);
    gcc_jit_block *sized = gj_new_block(e, NULL);
    gcc_jit_block *seq = gj_new_block(e, NULL), *str = gj_new_block(e, NULL);
    gcc_jit_block *dict = gj_new_block(e, NULL);
    gcc_jit_block *not_list = gj_new_block(e, NULL);
    gcc_jit_block *not_tuple = gj_new_block(e, NULL);
    gcc_jit_block *not_str = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(is_len, NULL, gj_is_type(e, o, GJ_LIST),
                                       seq, not_list);
    gcc_jit_block_end_with_conditional(
        not_list, NULL, gj_is_type(e, o, GJ_TUPLE), seq, not_tuple);
    gcc_jit_block_end_with_conditional(
        not_tuple, NULL, gj_is_type(e, o, GJ_UNICODE), str, not_str);
    gcc_jit_block_end_with_conditional(not_str, NULL,
                                       gj_is_type(e, o, GJ_DICT), dict, slow);
    size_is(e, seq, size, gj_ob_size(e, o), sized);
    size_is(e, str, size,
            gj_read(e, o, offsetof(PyASCIIObject, length), m->t.ssize), sized);
    size_is(e, dict, size,
            gj_read(e, o, offsetof(PyDictObject, ma_used), m->t.ssize), sized);
    b = gj_box_int_in(
        e, sized, res,
        gcc_jit_context_new_cast(e->c, NULL, gcc_jit_lvalue_as_rvalue(size),
                                 m->i64));
    b = gj_decref_in(e, b, o, false);
    return gj_decref_in(e, b, gj_slot(e, base + 1), false);
}

/* isinstance(o, cls) as PRECALL_NO_KW_ISINSTANCE: True at once for an
 * instance of exactly that class (PyObject_IsInstance's own first test),
 * else PyObject_IsInstance without the call's dispatch; from `b`, while
 * the callable (slots base and base+1) is the builtin, else to `slow`.
 * Returns the block after, `res` set (NULL on error) and the slots'
 * references dropped. */
static gcc_jit_block *isinstance_inline(gj_emitter *e, gcc_jit_block *b,
                                        int base, gcc_jit_lvalue *res,
                                        gcc_jit_block *slow)
{
    gj_module *m = e->m;
    gcc_jit_rvalue *o = gj_slot(e, base + 2), *cls = gj_slot(e, base + 3);
    gcc_jit_block *is_builtin =
        when_builtin(e, b, base, offsetof(struct callable_cache, isinstance),
                     "isinstance_inline", slow);
    gcc_jit_block *exact = gj_new_block(e, NULL), *other = gj_new_block(e, NULL);
    gcc_jit_block *yes = gj_new_block(e, NULL), *no = gj_new_block(e, NULL);
    gcc_jit_block *failed = gj_new_block(e, NULL);
    gcc_jit_block *answered = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        is_builtin, NULL,
        same(e, gcc_jit_lvalue_as_rvalue(gcc_jit_rvalue_dereference_field(
                    o, NULL, m->t.ob_type)),
             gcc_jit_context_new_cast(e->c, NULL, cls, m->t.voidp)),
        exact, other);
    gcc_jit_block_end_with_jump(exact, NULL, yes);
    gcc_jit_lvalue *rc = gj_temp(e, m->t.int_);
    gcc_jit_rvalue *args[] = {o, cls};
    gj_assign(other, rc, gcc_jit_context_new_call(e->c, NULL, m->is_instance,
                                                  2, args));
    gcc_jit_rvalue *rcv = gcc_jit_lvalue_as_rvalue(rc);
    gcc_jit_block *decided = gj_new_block(e, NULL);
    gcc_jit_block_end_with_conditional(
        other, NULL, gj_cmp(e, GCC_JIT_COMPARISON_LT, rcv, 0), failed,
        decided);
    gcc_jit_block_end_with_conditional(
        decided, NULL, gj_cmp(e, GCC_JIT_COMPARISON_NE, rcv, 0), yes, no);
    gj_assign(yes, res, gj_addr_of(e, m->true_));
    gj_incref_in(e, yes, gcc_jit_lvalue_as_rvalue(res));
    gcc_jit_block_end_with_jump(yes, NULL, answered);
    gj_assign(no, res, gj_addr_of(e, m->false_));
    gj_incref_in(e, no, gcc_jit_lvalue_as_rvalue(res));
    gcc_jit_block_end_with_jump(no, NULL, answered);
    gj_assign(failed, res, gj_null_obj(e));
    gcc_jit_block_end_with_jump(failed, NULL, answered);
    b = gj_decref_in(e, answered, o, false);
    b = gj_decref_in(e, b, cls, false);
    return gj_decref_in(e, b, gj_slot(e, base + 1), false);
}

/* list.append(v) as PRECALL_NO_KW_LIST_APPEND, for an exact list with
 * room for the item: from `b`, while the method (slot base, self above
 * it) is the builtin, else to `slow`. Returns the block after, `res` set
 * to None and the slots' references taken or dropped. */
static gcc_jit_block *append_inline(gj_emitter *e, gcc_jit_block *b, int base,
                                    gcc_jit_lvalue *res, gcc_jit_block *slow)
{
    gj_module *m = e->m;
    gcc_jit_rvalue *list = gj_slot(e, base + 1);
    gcc_jit_block *is_append = gj_new_block(e, NULL);
    gcc_jit_block *is_list = gj_new_block(e, NULL);
    gcc_jit_block *room = gj_new_block(e, "append_inline");
    gcc_jit_block_end_with_conditional(
        b, NULL,
        same(e, gj_slot(e, base),
             cached_builtin(e, offsetof(struct callable_cache, list_append))),
        is_append, slow);
    gcc_jit_block_end_with_conditional(
        is_append, NULL, gj_is_type(e, list, GJ_LIST), is_list, slow);
    gcc_jit_lvalue *n = gj_temp(e, m->t.ssize);
    gj_assign(is_list, n, gj_ob_size(e, list));
    gcc_jit_rvalue *nv = gcc_jit_lvalue_as_rvalue(n);
    gcc_jit_block_end_with_conditional(
        is_list, NULL,
        gcc_jit_context_new_comparison(
            e->c, NULL, GCC_JIT_COMPARISON_LT, nv,
            gj_read(e, list, offsetof(PyListObject, allocated), m->t.ssize)),
        room, slow);
    gj_assign(room,
              gcc_jit_context_new_array_access(
                  e->c, NULL, gj_get(m, list, GJ_LIST_ITEMS), nv),
              gj_slot(e, base + 2));
    gj_assign(room, gj_at(m, list, GJ_VAR_SIZE),
              gcc_jit_context_new_binary_op(
                  e->c, NULL, GCC_JIT_BINARY_OP_PLUS, m->t.ssize, nv,
                  gcc_jit_context_one(e->c, m->t.ssize)));
    gj_assign(room, res, gj_addr_of(e, m->none));
    gj_incref_in(e, room, gcc_jit_lvalue_as_rvalue(res));
    b = gj_decref_in(e, room, list, false);
    return gj_decref_in(e, b, gj_slot(e, base), false);
}

void gj_call_known(gj_emitter *e, int dst, int base, int oparg, int known,
                   const em_exit *ex)
{
    gcc_jit_lvalue *res = gj_temp(e, e->m->t.objp);
    gcc_jit_block *slow = gj_new_block(e, "call_known_slow");
    gcc_jit_block *done = gj_new_block(e, NULL);
    gcc_jit_block *fast =
        known == EM_CALLS_LEN ? len_inline(e, e->cur, base, res, slow)
        : known == EM_CALLS_ISINSTANCE
            ? isinstance_inline(e, e->cur, base, res, slow)
            : append_inline(e, e->cur, base, res, slow);
    gcc_jit_block_end_with_jump(fast, NULL, done);
    e->cur = slow;
    call_into(e, base, oparg, res);
    gcc_jit_block_end_with_jump(e->cur, NULL, done);
    e->cur = done;
    call_result(e, dst, base, oparg + 2, res, ex);
}

/* The same slots for a call with keyword names (the KW_NAMES constant
 * `kwnames`): rt_call_kw, with the site's cache of how they bind. */
void gj_call_kw(gj_emitter *e, int dst, int base, int oparg, int kwnames,
                const em_exit *ex)
{
    int n = oparg + 2;
    gcc_jit_lvalue *arr = call_slots(e, base, n);
    gcc_jit_lvalue *res = gj_temp(e, e->m->t.objp);
    gcc_jit_rvalue *args[] = {e->ts, gj_array_ptr(e, arr), gj_int_rv(e, oparg),
                              gj_const(e, kwnames),
                              gj_new_cache(e, sizeof(pyaot_kw_call_cache))};
    gj_assign(e->cur, res, gj_call_helper(e, EH_rt_call_kw, 5, args));
    call_result(e, dst, base, n, res, ex);
}
