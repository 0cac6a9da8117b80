/* Lowering of one code object: decode its tables, analyse its blocks and
 * stack depths, decide from the opcode table whether it can be lowered,
 * then walk its instructions, dispatching each to the handler the table
 * names. The value stack is numbered slots: an instruction at depth d
 * with n inputs finds them in slots d - n .. d - 1. */
#include <string.h>

#include "lower_floats.h"
#include "lower_walk.h"

/* The handler of every opcode, from the table's LOWER column. */
#define NOT_YET(why) NULL
#define LOWER(fn) lower_##fn
static lower_fn *const handlers[OPCODE_MAX] = {
#define OP(name, code, caches, jump, flags, in, out, jout, lower) [code] = lower,
#include PYAOT_OPCODES_DEF
#undef OP
};
#undef LOWER
#undef NOT_YET

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

/* Stage 1: instructions, exception table, line numbers. */
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

/* The table an instruction's oparg indexes, by its flags, and how many
 * entries it has; 0 when the oparg indexes nothing. */
static Py_ssize_t operand_limit(PyCodeObject *co, const dec_instr *in,
                                int *index)
{
    *index = in->oparg;
    if (op_has(in->opcode, F_LOCAL))
        return co->co_nlocalsplus;
    if (op_has(in->opcode, F_CONST))
        return PyTuple_GET_SIZE(co->co_consts);
    if (op_has(in->opcode, F_NAME)) {
        if (in->opcode == OP_LOAD_GLOBAL)
            *index = op_global_name(in->oparg);
        return PyTuple_GET_SIZE(co->co_names);
    }
    return 0;
}

static bool is_generator_code(PyCodeObject *co)
{
    return (co->co_flags & (CO_GENERATOR | CO_COROUTINE |
                            CO_ASYNC_GENERATOR)) != 0;
}

/* Native code writes a suspended frame's state into the generator that
 * owns it, so a frame may only suspend once RETURN_GENERATOR made that
 * generator: it comes first, before any jump, in generator code only. */
static bool suspends_safely(lw_code *lw)
{
    bool made = false, jumped = false, ok = true;
    for (int i = 0; i < lw->dec.ninstrs; i++) {
        const dec_instr *in = &lw->dec.instrs[i];
        if (in->opcode == OP_RETURN_GENERATOR) {
            ok &= !made && !jumped;
            made = true;
        } else if (op_has(in->opcode, F_SUSPEND | F_DELEGATE)) {
            ok &= made;
        }
        jumped |= in->target >= 0;
    }
    if (ok && made == is_generator_code(lw->co))
        return true;
    snprintf(lw->why, sizeof lw->why,
             "malformed bytecode: a generator's frame must be made by "
             "RETURN_GENERATOR before anything else");
    return false;
}

/* Stage 2: every instruction has a handler (else the table says why),
 * and indexes only what its code object has (a corrupt .pyc would make
 * native code read past a table). */
static bool all_lowered(lw_code *lw)
{
    for (int i = 0; i < lw->dec.ninstrs; i++) {
        const dec_instr *in = &lw->dec.instrs[i];
        int op = in->opcode, index;
        if (!handlers[op]) {
            const char *why = op_table[op].not_lowered;
            snprintf(lw->why, sizeof lw->why, "%s (%s)",
                     why ? why : "no lowering", op_table[op].name);
            return false;
        }
        Py_ssize_t limit = operand_limit(lw->co, in, &index);
        if (limit && index >= limit) {
            snprintf(lw->why, sizeof lw->why,
                     "malformed bytecode: %s %d at offset %d indexes past "
                     "its table (%zd entries)", op_table[op].name,
                     in->oparg, 2 * in->offset, limit);
            return false;
        }
    }
    return lw->dec.ninstrs == 0 || suspends_safely(lw);
}

/* The parameters: bound when a frame starts. */
static int parameter_count(PyCodeObject *co)
{
    return co->co_argcount + co->co_kwonlyargcount +
           ((co->co_flags & CO_VARARGS) != 0) +
           ((co->co_flags & CO_VARKEYWORDS) != 0);
}

/* Stage 3: blocks and stack depths, within the code's own stack size,
 * and the loads of locals that are bound for certain. */
static int analysed(lw_code *lw)
{
    if (cfg_build(&lw->dec, &lw->graph, lw->why, sizeof lw->why) < 0)
        return 0;
    if (lw->graph.max_depth > lw->co->co_stacksize) {
        snprintf(lw->why, sizeof lw->why,
                 "stack depth %d exceeds co_stacksize %d",
                 lw->graph.max_depth, lw->co->co_stacksize);
        return 0;
    }
    lw->bound_load = PyMem_Malloc((lw->dec.ninstrs + 1) *
                                  sizeof *lw->bound_load);
    if (!lw->bound_load ||
        cfg_bound_loads(&lw->dec, &lw->graph, lw->co->co_nlocalsplus,
                        parameter_count(lw->co), lw->bound_load) < 0) {
        PyErr_NoMemory();
        return -1;
    }
    return 1;
}

static int walk(lw_code *lw, emitter *em, const char *symbol);

int lw_prepare(lw_code *lw, PyCodeObject *co)
{
    memset(lw, 0, sizeof *lw);
    lw->co = co;
    int rc = decode_tables(lw);
    if (rc)
        return rc < 0 ? -1 : 0;
    if (!all_lowered(lw) || (rc = analysed(lw)) <= 0)
        return rc;
    /* Stage 4: a dry walk checks every handler's stack discipline before
     * a backend sees the code object. */
    emitter *null = null_emitter();
    rc = walk(lw, null, "check");
    return rc < 0 ? -1 : lw->why[0] ? 0 : 1;
}

void lw_release(lw_code *lw)
{
    dec_free(&lw->dec);
    cfg_free(&lw->graph);
    PyMem_Free(lw->bound_load);
    lw->bound_load = NULL;
}

/* ---- the walk ---- */

/* Where an error raised at code unit `unit` goes with `depth` values
 * owned: the exception table's handler for it, or out of the frame. */
static em_exit exit_at(lw_code *lw, int unit, int depth)
{
    const dec_handler *h = dec_handler_for(&lw->dec, unit);
    em_exit ex = {.depth = depth, .handler = -1, .traceback = true};
    if (h) {
        ex.handler = cfg_block_at(&lw->graph, &lw->dec, h->target);
        ex.hdepth = h->depth;
        ex.lasti = h->lasti;
    }
    return ex;
}

em_exit lw_exit_at(walker *w, int depth)
{
    return exit_at(w->lw, w->in->offset, depth);
}

/* Where a generator's suspended frame may resume: after each suspending
 * instruction, and at each SEND's target (F_DELEGATE), with prev_instr
 * where the interpreter leaves it. A value thrown in is raised there.
 * `out` holds one per instruction; returns how many there are, or -1
 * (with lw->why) when two of them would share a prev_instr. */
static int resume_points(lw_code *lw, em_resume *out)
{
    int n = 0;
    bool *seen = PyMem_Calloc(lw->dec.nunits + 1, sizeof *seen);
    if (!seen)
        return -1;
    for (int i = 0; i < lw->dec.ninstrs; i++) {
        const dec_instr *in = &lw->dec.instrs[i];
        int unit = -1, at = -1;
        if (op_has(in->opcode, F_SUSPEND) && i + 1 < lw->dec.ninstrs)
            unit = in->offset, at = i + 1;
        else if (op_has(in->opcode, F_DELEGATE) && in->target > 0)
            unit = in->target - 1, at = lw->dec.instr_at[in->target];
        if (unit < 0 || at < 0 || lw->graph.depth[at] < 0)
            continue;
        if (seen[unit]) {
            snprintf(lw->why, sizeof lw->why, "malformed bytecode: two "
                     "resume points at offset %d", 2 * unit);
            n = -1;
            break;
        }
        seen[unit] = true;
        int depth = lw->graph.depth[at];
        out[n++] = (em_resume){
            .unit = unit, .block = lw->graph.block_of[at], .depth = depth,
            .thrown = exit_at(lw, unit, depth),
        };
    }
    PyMem_Free(seen);
    return n;
}

int lw_block_of_unit(walker *w, int unit)
{
    return cfg_block_at(&w->lw->graph, &w->lw->dec, unit);
}

static int broken(walker *w, const char *what)
{
    if (!w->broken)
        w->broken = what;
    return w->base; /* any slot of the instruction: the walk is void */
}

int lw_in(walker *w, int i)
{
    return i >= 0 && i < w->nin ? w->base + i : broken(w, "input");
}

int lw_out(walker *w, int j)
{
    return j >= 0 && j < w->nout ? w->base + j : broken(w, "output");
}

/* ---- operands left unloaded ---- */

/* How an instruction takes operands a load left unloaded: its two top
 * inputs (the right one a constant or a local, the left one a local; a
 * store's container and key), or only its top input from a local (an
 * attribute's owner). */
enum { TAKES_NONE, TAKES_TOP_LOCAL, TAKES_BOTH };

static int takes_unloaded(const dec_instr *in)
{
    switch (in->opcode) {
    case OP_BINARY_OP: case OP_BINARY_SUBSCR: case OP_STORE_SUBSCR:
    case OP_CONTAINS_OP: case OP_IS_OP:
        return TAKES_BOTH;
    case OP_COMPARE_OP: return in->oparg < 6 ? TAKES_BOTH : TAKES_NONE;
    case OP_LOAD_ATTR: case OP_STORE_ATTR: return TAKES_TOP_LOCAL;
    }
    return TAKES_NONE;
}

/* What load `i` pushes, as an operand it may leave unloaded: a
 * constant (an int of one digit, K, whose value the fast paths fold in;
 * any other, C) or a local bound for certain (L); kind 0 when neither. */
static em_arg unloaded_value(const lw_code *lw, int i)
{
    const dec_instr *in = &lw->dec.instrs[i];
    if (in->opcode == OP_LOAD_CONST) {
        PyObject *k = PyTuple_GET_ITEM(lw->co->co_consts, in->oparg);
        if (PyLong_CheckExact(k) && Py_ABS(Py_SIZE(k)) <= 1)
            return (em_arg){'K', in->oparg, (int)PyLong_AsLong(k), false};
        return (em_arg){'C', in->oparg, 0, false};
    } else if (in->opcode == OP_LOAD_FAST && lw->bound_load[i]) {
        return (em_arg){'L', in->oparg, 0, false};
    }
    return (em_arg){0, 0, 0, false};
}

/* Instruction i + k when instructions i..i+k are one block's and no
 * arithmetic expression starts after i (it would want the values on the
 * stack). */
static const dec_instr *ahead(const lw_code *lw, int i, int k)
{
    em_fx fx;
    for (int j = i + 1; j <= i + k; j++)
        if (j >= lw->dec.ninstrs ||
            lw->graph.block_of[j] != lw->graph.block_of[i] ||
            lw_arith_run(lw, j, &fx) > 0)
            return NULL;
    return &lw->dec.instrs[i + k];
}

/* The right operand of the operator right after (`i + 1`, `n < 2`,
 * `a < b`, `a[0]`, `k in d`, `d[k] = v`), a local with such a right
 * operand after it (`a - b`) and a local whose attribute is read or set
 * (`self.x`): their values go to the operator unloaded, so that a fast
 * path reads them where they are, without counting references, and a
 * small int's type and value are known. A left operand alone is not (the
 * values owned on the stack stay a run from its bottom). Inside a float
 * expression, nothing is: its run wants the values on the stack. */
bool lw_unloaded(walker *w)
{
    const lw_code *lw = w->lw;
    int i = (int)(w->in - lw->dec.instrs);
    if (w->unloaded.at == i + 1) /* planned with the left operand */
        return true;
    em_arg value = w->speculating ? (em_arg){0} : unloaded_value(lw, i);
    const dec_instr *next = value.kind ? ahead(lw, i, 1) : NULL;
    if (!next)
        return false;
    int takes = takes_unloaded(next);
    if (takes == TAKES_BOTH || (takes == TAKES_TOP_LOCAL && value.kind == 'L')) {
        w->unloaded.at = i + 1;
        w->unloaded.left = (em_arg){0};
        w->unloaded.right = value;
        return true;
    }
    const dec_instr *op = value.kind == 'L' ? ahead(lw, i, 2) : NULL;
    em_arg right = op && takes_unloaded(op) == TAKES_BOTH
                       ? unloaded_value(lw, i + 1)
                       : (em_arg){0};
    if (!right.kind)
        return false;
    w->unloaded.at = i + 2;
    w->unloaded.left = value;
    w->unloaded.right = right;
    return true;
}

em_arg lw_operand(walker *w, int slot)
{
    if (w->unloaded.at == (int)(w->in - w->lw->dec.instrs)) {
        if (slot == w->depth - 1)
            return w->unloaded.right;
        if (slot == w->depth - 2 && w->unloaded.left.kind)
            return w->unloaded.left;
    }
    return (em_arg){'O', slot, 0, true};
}

em_arg lw_run(walker *w, char kind, int slot, int n)
{
    int span = w->nin > w->nout ? w->nin : w->nout;
    if (n < 0 || slot < w->base || slot + n > w->base + span)
        broken(w, "run of slots");
    return (em_arg){kind, slot, n, false};
}

/* Whether `in` may fall into the next block. */
static bool falls_through(const dec_instr *in)
{
    const op_info *info = &op_table[in->opcode];
    if (info->flags & F_TERM)
        return false;
    return info->jump == JK_NONE || (info->flags & F_COND);
}

/* Sets up the walker for instruction i and runs its handler. */
static void lower_instr(walker *w, int i)
{
    lw_code *lw = w->lw;
    const dec_instr *in = &lw->dec.instrs[i];
    int op = in->opcode;
    w->in = in;
    w->oparg = in->oparg;
    w->depth = lw->graph.depth[i];
    w->nin = op_inputs(op, in->oparg);
    w->nout = op_outputs(op, in->oparg, false);
    w->base = w->depth - w->nin;
    w->poll = op_polls(op, in->oparg);
    w->exit = lw_exit_at(w, w->depth);
    if (w->unloaded.at == i) /* the unloaded operands' slots hold nothing */
        w->exit = lw_exit_at(w, w->depth - 1 - (w->unloaded.left.kind != 0));
    if (w->base < 0) {
        broken(w, "stack underflow");
        return;
    }
    w->ops->instr(w->em, in, op_has(op, F_CURRENT) && !lw->bound_load[i]);
    w->named_slot = -1;
    handlers[op](w);
    for (int j = 0; j < w->nout && w->base + j <= lw->graph.max_depth; j++)
        if (w->base + j != w->named_slot)
            w->known_callee[w->base + j] = EM_CALLS_UNKNOWN;
    /* What a call leaves is on the stack when signals are handled. */
    if (w->poll && op_table[op].jump == JK_NONE) {
        em_exit after = lw_exit_at(w, w->base + w->nout);
        w->ops->eval_breaker(w->em, &after, in->next);
    }
    /* The handler's outputs are where the next instructions look. */
    if (w->fused)
        return;
    if (falls_through(in) && i + 1 < lw->dec.ninstrs &&
        lw->graph.depth[i + 1] >= 0 &&
        lw->graph.depth[i + 1] != w->base + w->nout)
        broken(w, "depth after the instruction");
    if (in->target >= 0 &&
        lw->graph.blocks[lw_block_of_unit(w, in->target)].depth !=
            w->base + op_outputs(op, in->oparg, true))
        broken(w, "depth at the jump target");
}

static int walk(lw_code *lw, emitter *em, const char *symbol)
{
    PyCodeObject *co = lw->co;
    const char *qualname = PyUnicode_AsUTF8(co->co_qualname);
    if (!qualname)
        return -1;
    em_resume *resumes = PyMem_Calloc(lw->dec.ninstrs + 1, sizeof *resumes);
    int nresumes = !resumes                  ? -1
                   : is_generator_code(co) ? resume_points(lw, resumes)
                                           : 0;
    if (nresumes < 0) {
        PyMem_Free(resumes);
        if (lw->why[0])
            return 0; /* falls back */
        PyErr_NoMemory();
        return -1;
    }
    em_func fn = {
        .symbol = symbol, .qualname = qualname,
        .firstlineno = co->co_firstlineno,
        .nslots = lw->graph.max_depth + 1,
        .nlocalsplus = co->co_nlocalsplus,
        .nblocks = lw->graph.nblocks, .code = &lw->dec,
        .resumable = is_generator_code(co),
        .resumes = resumes, .nresumes = nresumes,
        .once = !(co->co_flags & CO_OPTIMIZED),
    };
    walker w = {.lw = lw, .em = em, .ops = em->ops, .kwnames = -1,
                .unloaded.at = -1,
                .known_callee = PyMem_Calloc(fn.nslots, 1)};
    int rc = w.known_callee ? em->ops->begin(em, &fn) : -1;
    PyMem_Free(resumes); /* begin has emitted the resume dispatch */
    fn.resumes = NULL;
    fn.nresumes = 0;
    if (rc < 0) {
        if (!w.known_callee)
            PyErr_NoMemory();
        PyMem_Free(w.known_callee);
        return -1;
    }
    for (int b = 0; b < lw->graph.nblocks && !w.broken; b++) {
        const cfg_block *blk = &lw->graph.blocks[b];
        if (blk->depth < 0)
            continue; /* unreachable */
        em->ops->block(em, b, &lw->dec.instrs[blk->first]);
        int generic_end = -1; /* of an arithmetic expression's generic code */
        for (int i = blk->first; i <= blk->last && !w.broken; i++) {
            em_fx fx;
            int n;
            if (i == generic_end) {
                em->ops->end_speculation(em);
                generic_end = -1;
            }
            if (w.fused) {
                w.fused = false;
                continue;
            }
            if (generic_end < 0 && !fn.once &&
                (n = lw_arith_run(lw, i, &fx)) > 0) {
                em->ops->speculate(em, &fx);
                generic_end = i + n;
            }
            w.speculating = generic_end >= 0;
            lower_instr(&w, i);
        }
        if (generic_end >= 0 && !w.broken)
            em->ops->end_speculation(em);
        const dec_instr *last = &lw->dec.instrs[blk->last];
        if (falls_through(last) && !op_has(last->opcode, F_SUSPEND) &&
            b + 1 < lw->graph.nblocks && !(last->target >= 0))
            em->ops->jump(em, b + 1);
    }
    PyMem_Free(w.known_callee);
    if (w.broken)
        snprintf(lw->why, sizeof lw->why,
                 "internal error: lowering %s at offset %d broke the stack "
                 "discipline (%s)", op_table[w.in->opcode].name,
                 2 * w.in->offset, w.broken);
    return em->ops->end(em);
}

int lw_emit(lw_code *lw, emitter *em, const char *symbol)
{
    int rc = walk(lw, em, symbol);
    if (rc == 0 && lw->why[0]) { /* the dry walk passed: cannot happen */
        PyErr_Format(PyExc_SystemError, "pyaot: %s", lw->why);
        return -1;
    }
    return rc;
}
