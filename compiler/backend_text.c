/* The text backend: the emitter interface printed as a readable listing,
 * one line per operation under each bytecode instruction. */
#include <stdlib.h>

#include "pyaot/emit.h"
#include "pyaot/opcodes.h"

typedef struct text_emitter {
    emitter base;
    FILE *out;
} text_emitter;

#define OUT(e) (((text_emitter *)(e))->out)

static void print_exit(FILE *f, const em_exit *ex)
{
    if (!ex)
        return;
    fprintf(f, "  !-> ");
    if (ex->handler < 0)
        fprintf(f, "leave");
    else
        fprintf(f, "B%d", ex->handler);
    fprintf(f, " (drop s%d..", ex->handler < 0 ? 0 : ex->hdepth);
    fprintf(f, "s%d%s%s)", ex->depth - 1, ex->lasti ? ", lasti" : "",
            ex->traceback ? ", traceback" : "");
}

static int t_begin(emitter *e, const em_func *fn)
{
    FILE *f = OUT(e);
    fprintf(f, "function %s  (%s, line %d, %d slots, %d locals)\n",
            fn->symbol, fn->qualname, fn->firstlineno, fn->nslots,
            fn->nlocalsplus);
    if (fn->resumable)
        fprintf(f, "  resume: offset -2 -> B0\n");
    for (int i = 0; i < fn->nresumes; i++) {
        const em_resume *r = &fn->resumes[i];
        fprintf(f, "  resume: offset %d -> B%d (s0..s%d from the frame)",
                2 * r->unit, r->block, r->depth - 1);
        fprintf(f, ", thrown");
        print_exit(f, &r->thrown);
        fputc('\n', f);
    }
    return 0;
}

static int t_end(emitter *e)
{
    fputc('\n', OUT(e));
    return 0;
}

static void t_block(emitter *e, int b, const dec_instr *first)
{
    fprintf(OUT(e), "B%d:  ; offset %d\n", b, 2 * first->start);
}

static void t_instr(emitter *e, const dec_instr *in, bool current)
{
    fprintf(OUT(e), "  ; %4d  %-24s %d", 2 * in->offset,
            op_table[in->opcode].name, in->oparg);
    if (in->line >= 0)
        fprintf(OUT(e), "   (line %d)", in->line);
    fprintf(OUT(e), "%s\n", current ? "" : "  [no prev_instr]");
}

static void t_load_const(emitter *e, int dst, int i)
{
    fprintf(OUT(e), "    s%d = const[%d]\n", dst, i);
}

static void t_load_fast(emitter *e, int dst, int local, const em_exit *ex)
{
    fprintf(OUT(e), "    s%d = local[%d]", dst, local);
    print_exit(OUT(e), ex);
    fputc('\n', OUT(e));
}

static void t_store_fast(emitter *e, int local, int src)
{
    fprintf(OUT(e), "    local[%d] = s%d\n", local, src);
}

static void t_delete_fast(emitter *e, int local, const em_exit *ex)
{
    fprintf(OUT(e), "    del local[%d]", local);
    print_exit(OUT(e), ex);
    fputc('\n', OUT(e));
}

static void t_set_null(emitter *e, int dst)
{
    fprintf(OUT(e), "    s%d = NULL\n", dst);
}

static void t_copy(emitter *e, int dst, int src)
{
    fprintf(OUT(e), "    s%d = s%d  (new reference)\n", dst, src);
}

static void t_swap(emitter *e, int a, int b)
{
    fprintf(OUT(e), "    swap s%d, s%d\n", a, b);
}

static void t_pop(emitter *e, int slot)
{
    fprintf(OUT(e), "    drop s%d\n", slot);
}

static void print_arg(FILE *f, const em_arg *a)
{
    switch (a->kind) {
    case 'T': fprintf(f, "tstate"); break;
    case 'F': fprintf(f, "frame"); break;
    case 'I': fprintf(f, "%d", a->v); break;
    case 'C':
        if (a->v < 0)
            fprintf(f, "NULL");
        else
            fprintf(f, "const[%d]", a->v);
        break;
    case 'K': fprintf(f, "const[%d]=%d", a->v, a->n); break;
    case 'L': fprintf(f, "local[%d]", a->v); break;
    case 'O': case 'S':
        if (a->v < 0)
            fprintf(f, "NULL");
        else
            fprintf(f, "%ss%d%s", a->kind == 'S' ? "^" : "", a->v,
                    a->pop ? "!" : "");
        break;
    default:
        fprintf(f, "%s[s%d..s%d]", a->kind == 'X' ? "^" : a->kind == 'W' ? "out" : "",
                a->v, a->v + a->n - 1);
    }
}

static void t_call(emitter *e, int helper, int dst, const em_arg *args,
                   int nargs, const em_exit *ex)
{
    FILE *f = OUT(e);
    fprintf(f, "    ");
    if (dst >= 0)
        fprintf(f, "s%d = ", dst);
    fprintf(f, "%s(", em_helpers[helper].name);
    for (int i = 0; i < nargs; i++) {
        if (i)
            fprintf(f, ", ");
        print_arg(f, &args[i]);
    }
    fputc(')', f);
    if (em_helpers[helper].ret != 'V')
        print_exit(f, ex);
    fputc('\n', f);
}

static void t_jump(emitter *e, int b)
{
    fprintf(OUT(e), "    goto B%d\n", b);
}

static const char *const compare_names[] = {"<", "<=", "==", "!=", ">", ">="};

static void t_branch(emitter *e, const em_branch *br)
{
    FILE *f = OUT(e);
    fprintf(f, "    if %s", br->jump_if ? "" : "not ");
    switch (br->test) {
    case EM_TRUTH: fprintf(f, "s%d", br->value); break;
    case EM_IS_NONE: fprintf(f, "s%d is None", br->value); break;
    case EM_COMPARE:
        fputc('(', f);
        print_arg(f, &br->left);
        fprintf(f, " %s ",
                br->cmp >= 0 && br->cmp < 6 ? compare_names[br->cmp] : "?");
        print_arg(f, &br->right);
        fputc(')', f);
        break;
    }
    fprintf(f, " -> B%d%s", br->target,
            br->keep_on_jump ? " (keeps it)" : "");
    if (br->poll_on_jump) {
        fprintf(f, " (poll eval breaker");
        print_exit(f, &br->poll_exit);
        fprintf(f, ", traced -> offset %d)", 2 * br->poll_resume);
    }
    fprintf(f, " else B%d", br->fallthrough);
    print_exit(f, &br->exit);
    fputc('\n', f);
}

static void t_for_iter(emitter *e, int iter, int body, int done,
                       const em_exit *ex)
{
    fprintf(OUT(e), "    s%d = next(s%d) -> B%d, exhausted -> B%d", iter + 1,
            iter, body, done);
    print_exit(OUT(e), ex);
    fputc('\n', OUT(e));
}

static void t_eval_breaker(emitter *e, const em_exit *ex, int resume)
{
    fprintf(OUT(e), "    poll eval breaker");
    print_exit(OUT(e), ex);
    fprintf(OUT(e), ", traced -> offset %d\n", 2 * resume);
}

static void t_ret(emitter *e, int slot)
{
    fprintf(OUT(e), "    return s%d\n", slot);
}

static void t_suspend(emitter *e, int value, int depth)
{
    fprintf(OUT(e), "    suspend");
    if (depth > 0)
        fprintf(OUT(e), " (s0..s%d into the frame)", depth - 1);
    fprintf(OUT(e), ", yield s%d\n", value);
}

static void t_send(emitter *e, int recv, int next, int done,
                   const em_exit *ex)
{
    fprintf(OUT(e), "    s%d = send(s%d, ^s%d) -> B%d, returned -> B%d",
            recv + 1, recv, recv + 1, next, done);
    print_exit(OUT(e), ex);
    fputc('\n', OUT(e));
}

static void t_speculate(emitter *e, const em_fx *fx)
{
    static const char *const ops[] = {
        [EM_FX_ADD] = "+", [EM_FX_SUB] = "-", [EM_FX_MUL] = "*",
        [EM_FX_DIV] = "/", [EM_FX_POW] = "^", [EM_FX_AND] = "&",
        [EM_FX_OR] = "|", [EM_FX_XOR] = "xor", [EM_FX_RSHIFT] = ">>",
        [EM_FX_FLOORDIV] = "//", [EM_FX_MOD] = "%",
    };
    FILE *f = OUT(e);
    fprintf(f, "    %s from depth %d:", fx->ints ? "ints" : "floats", fx->depth);
    for (int i = 0; i < fx->nsteps; i++) {
        const em_fx_step *s = &fx->steps[i];
        switch (s->kind) {
        case EM_FX_LOCAL: fprintf(f, " L%d", s->v); break;
        case EM_FX_CONST:
            if (fx->ints)
                fprintf(f, " %lld", s->k);
            else
                fprintf(f, " %.17g", s->c);
            break;
        case EM_FX_OP: fprintf(f, " %s", ops[s->v]); break;
        case EM_FX_STORE: fprintf(f, " ->L%d", s->v); break;
        }
    }
    fprintf(f, "; else generically:\n");
}

static void t_end_speculation(emitter *e)
{
    fprintf(OUT(e), "    end arithmetic\n");
}

static const em_ops text_ops = {
    .begin = t_begin, .end = t_end, .block = t_block, .instr = t_instr,
    .load_const = t_load_const, .load_fast = t_load_fast,
    .store_fast = t_store_fast, .delete_fast = t_delete_fast,
    .set_null = t_set_null, .copy = t_copy, .swap = t_swap, .pop = t_pop,
    .call = t_call, .jump = t_jump, .branch = t_branch,
    .for_iter = t_for_iter, .eval_breaker = t_eval_breaker, .ret = t_ret,
    .speculate = t_speculate, .end_speculation = t_end_speculation,
    .suspend = t_suspend, .send = t_send,
};

emitter *text_emitter_new(FILE *out)
{
    text_emitter *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->base.ops = &text_ops;
    t->out = out;
    return &t->base;
}

void text_emitter_free(emitter *e)
{
    free(e);
}
