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
    fprintf(OUT(e), "function %s  (%s, line %d, %d slots, %d locals)\n",
            fn->symbol, fn->qualname, fn->firstlineno, fn->nslots,
            fn->nlocalsplus);
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

static void t_binary_op(emitter *e, int dst, int l, int r, int nb,
                        const em_exit *ex)
{
    fprintf(OUT(e), "    s%d = binary_op[%d](s%d, s%d)", dst, nb, l, r);
    print_exit(OUT(e), ex);
    fputc('\n', OUT(e));
}

static void t_compare_op(emitter *e, int dst, int l, int r, int op,
                         const em_exit *ex)
{
    static const char *const names[] = {"<", "<=", "==", "!=", ">", ">="};
    fprintf(OUT(e), "    s%d = s%d %s s%d", dst, l,
            op >= 0 && op < 6 ? names[op] : "?", r);
    print_exit(OUT(e), ex);
    fputc('\n', OUT(e));
}

static void t_compare_jump(emitter *e, int l, int r, int op, bool jump_if,
                           int target, int fall, const em_exit *ex)
{
    static const char *const names[] = {"<", "<=", "==", "!=", ">", ">="};
    fprintf(OUT(e), "    if (s%d %s s%d) is %s -> B%d else B%d", l,
            op >= 0 && op < 6 ? names[op] : "?", r,
            jump_if ? "true" : "false", target, fall);
    print_exit(OUT(e), ex);
    fputc('\n', OUT(e));
}

static void t_binary_subscr(emitter *e, int dst, int c, int sub,
                            const em_exit *ex)
{
    fprintf(OUT(e), "    s%d = s%d[s%d]", dst, c, sub);
    print_exit(OUT(e), ex);
    fputc('\n', OUT(e));
}

static void t_store_subscr(emitter *e, int c, int sub, int v,
                           const em_exit *ex)
{
    fprintf(OUT(e), "    s%d[s%d] = s%d", c, sub, v);
    print_exit(OUT(e), ex);
    fputc('\n', OUT(e));
}

static void t_is_op(emitter *e, int dst, int l, int r, bool invert)
{
    fprintf(OUT(e), "    s%d = s%d is%s s%d\n", dst, l, invert ? " not" : "", r);
}

static void t_load_global(emitter *e, int dst, int namei, const em_exit *ex)
{
    if (namei & 1)
        fprintf(OUT(e), "    s%d = NULL\n", dst++);
    fprintf(OUT(e), "    s%d = global name[%d]", dst, namei >> 1);
    print_exit(OUT(e), ex);
    fputc('\n', OUT(e));
}

static void t_load_attr(emitter *e, int dst, int namei, int owner,
                        const em_exit *ex)
{
    fprintf(OUT(e), "    s%d = s%d.name[%d]", dst, owner, namei);
    print_exit(OUT(e), ex);
    fputc('\n', OUT(e));
}

static void t_store_attr(emitter *e, int namei, int owner, int value,
                         const em_exit *ex)
{
    fprintf(OUT(e), "    s%d.name[%d] = s%d", owner, namei, value);
    print_exit(OUT(e), ex);
    fputc('\n', OUT(e));
}

static void t_load_method(emitter *e, int namei, int owner, const em_exit *ex)
{
    fprintf(OUT(e), "    s%d, s%d = method s%d.name[%d]", owner, owner + 1,
            owner, namei);
    print_exit(OUT(e), ex);
    fputc('\n', OUT(e));
}

static void t_call_function(emitter *e, int base, int oparg, int kwnames,
                            const em_exit *ex)
{
    fprintf(OUT(e), "    s%d = call ^[s%d..s%d]", base, base, base + oparg + 1);
    if (kwnames >= 0)
        fprintf(OUT(e), " kwnames=const[%d]", kwnames);
    print_exit(OUT(e), ex);
    fputc('\n', OUT(e));
}

static void t_unary_not(emitter *e, int dst, int src, const em_exit *ex)
{
    fprintf(OUT(e), "    s%d = not s%d", dst, src);
    print_exit(OUT(e), ex);
    fputc('\n', OUT(e));
}

static void t_jump(emitter *e, int b)
{
    fprintf(OUT(e), "    goto B%d\n", b);
}

static void t_cond_jump(emitter *e, int opcode, int slot, int target,
                        int fall, const em_exit *ex)
{
    fprintf(OUT(e), "    %s s%d -> B%d else B%d", op_table[opcode].name,
            slot, target, fall);
    print_exit(OUT(e), ex);
    fputc('\n', OUT(e));
}

static void t_for_iter(emitter *e, int iter, int body, int done,
                       const em_exit *ex)
{
    fprintf(OUT(e), "    s%d = next(s%d) -> B%d, exhausted -> B%d", iter + 1,
            iter, body, done);
    print_exit(OUT(e), ex);
    fputc('\n', OUT(e));
}

static void t_eval_breaker(emitter *e, const em_exit *ex)
{
    fprintf(OUT(e), "    poll eval breaker");
    print_exit(OUT(e), ex);
    fputc('\n', OUT(e));
}

static void t_ret(emitter *e, int slot)
{
    fprintf(OUT(e), "    return s%d\n", slot);
}

static const em_ops text_ops = {
    t_begin, t_end, t_block, t_instr,
    t_load_const, t_load_fast, t_store_fast, t_delete_fast,
    t_set_null, t_copy, t_swap, t_pop,
    t_call, t_binary_op, t_compare_op, t_compare_jump, t_binary_subscr,
    t_store_subscr, t_is_op, t_load_global, t_load_attr, t_store_attr,
    t_load_method, t_call_function, t_unary_not,
    t_jump, t_cond_jump, t_for_iter, t_eval_breaker, t_ret,
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
