/* An emitter that emits nothing: lowering's dry walk (lw_prepare) runs
 * every handler through it to check the stack discipline before a real
 * backend sees the code object. */
#include "pyaot/emit.h"

static int n_begin(emitter *e, const em_func *f) { (void)e, (void)f; return 0; }
static int n_end(emitter *e) { (void)e; return 0; }
static void n_block(emitter *e, int b, const dec_instr *i) { (void)e, (void)b, (void)i; }
static void n_instr(emitter *e, const dec_instr *i, bool c) { (void)e, (void)i, (void)c; }
static void n_slot_int(emitter *e, int a, int b) { (void)e, (void)a, (void)b; }
static void n_slot(emitter *e, int a) { (void)e, (void)a; }
static void n_local(emitter *e, int a, int b, const em_exit *x) { (void)e, (void)a, (void)b, (void)x; }
static void n_delete(emitter *e, int a, const em_exit *x) { (void)e, (void)a, (void)x; }
static void n_poll(emitter *e, const em_exit *x, int u) { (void)e, (void)x, (void)u; }
static void n_branch(emitter *e, const em_branch *b) { (void)e, (void)b; }

static void n_call(emitter *e, int h, int dst, const em_arg *args, int n,
                   const em_exit *x)
{
    (void)e, (void)h, (void)dst, (void)args, (void)n, (void)x;
}

static void n_speculate(emitter *e, const em_fx *fx) { (void)e, (void)fx; }
static void n_end_speculation(emitter *e) { (void)e; }

static void n_for_iter(emitter *e, int it, int body, int done,
                       const em_exit *x)
{
    (void)e, (void)it, (void)body, (void)done, (void)x;
}

static void n_send(emitter *e, int recv, int next, int done,
                   const em_exit *x)
{
    (void)e, (void)recv, (void)next, (void)done, (void)x;
}

static const em_ops null_ops = {
    .begin = n_begin, .end = n_end, .block = n_block, .instr = n_instr,
    .load_const = n_slot_int, .load_fast = n_local,
    .store_fast = n_slot_int, .delete_fast = n_delete,
    .set_null = n_slot, .copy = n_slot_int, .swap = n_slot_int,
    .pop = n_slot, .call = n_call, .jump = n_slot, .branch = n_branch,
    .for_iter = n_for_iter, .eval_breaker = n_poll, .ret = n_slot,
    .speculate = n_speculate, .end_speculation = n_end_speculation,
    .suspend = n_slot_int, .send = n_send,
};

static emitter null_em = {&null_ops};

emitter *null_emitter(void)
{
    return &null_em;
}
