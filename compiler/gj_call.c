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
        gj_eq(e, gj_read(e, callable, k->key_offset, m->t.voidp),
              gj_read(e, site, k->site_key, m->t.voidp)),
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

/* Slots base .. base+oparg+1 hold the method or NULL, the callable or
 * self, then the arguments, as rt_call takes them (all stolen). */
void gj_call(gj_emitter *e, int dst, int base, int oparg, const em_exit *ex)
{
    gj_module *m = e->m;
    int n = oparg + 2;
    gcc_jit_lvalue *arr = call_slots(e, base, n);
    gcc_jit_lvalue *callable = gj_temp(e, m->t.objp);
    gcc_jit_lvalue *res = gj_temp(e, m->t.objp);
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
    call_result(e, dst, base, n, res, ex);
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
