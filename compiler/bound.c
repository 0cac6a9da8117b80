/* Which locals are bound for certain before each instruction: a forward
 * "definitely assigned" analysis over the blocks, into every exception
 * handler too. A LOAD_FAST of such a local cannot raise, so it needs no
 * unbound check and no prev_instr update (3.12's compiler makes the same
 * distinction, LOAD_FAST against LOAD_FAST_CHECK). */
#include <stdlib.h>
#include <string.h>

#include "pyaot/analyse.h"
#include "pyaot/opcodes.h"

typedef uint64_t word;
enum { WORD_BITS = 64 };

typedef struct bd_state {
    const dec_code *c;
    const cfg *g;
    int words;      /* per set */
    word *in;       /* per block: bound on entry (all ones: not reached) */
    bool *queued;
    int *work, nwork;
} bd_state;

static word *set_of(bd_state *s, int block)
{
    return s->in + (size_t)block * s->words;
}

static bool has(const word *set, int local)
{
    return (set[local / WORD_BITS] >> (local % WORD_BITS)) & 1;
}

/* What an instruction does to the set: a store binds, a delete unbinds,
 * and a checked load that did not raise proves the local bound. */
static void transfer(const dec_instr *in, word *set, int nlocals)
{
    int x = in->oparg;
    if (x < 0 || x >= nlocals)
        return;
    word bit = (word)1 << (x % WORD_BITS);
    switch (in->opcode) {
    case OP_STORE_FAST: case OP_LOAD_FAST: set[x / WORD_BITS] |= bit; break;
    case OP_DELETE_FAST: set[x / WORD_BITS] &= ~bit; break;
    }
}

/* Meets `set` into block b's entry set, queueing b when it shrank. */
static void flow_into(bd_state *s, int b, const word *set)
{
    if (b < 0)
        return;
    word *to = set_of(s, b);
    bool changed = false;
    for (int k = 0; k < s->words; k++) {
        word met = to[k] & set[k];
        changed |= met != to[k];
        to[k] = met;
    }
    if (changed && !s->queued[b]) {
        s->queued[b] = true;
        s->work[s->nwork++] = b;
    }
}

static int handler_block(bd_state *s, const dec_instr *in)
{
    const dec_handler *h = dec_handler_for(s->c, in->offset);
    return h ? cfg_block_at(s->g, s->c, h->target) : -1;
}

/* Walks block b from its entry set, flowing into its successors; with
 * `safe`, records for each LOAD_FAST whether its local is bound. */
static void walk_block(bd_state *s, int b, word *set, int nlocals,
                       bool *safe)
{
    const cfg_block *blk = &s->g->blocks[b];
    memcpy(set, set_of(s, b), s->words * sizeof *set);
    for (int i = blk->first; i <= blk->last; i++) {
        const dec_instr *in = &s->c->instrs[i];
        const op_info *info = &op_table[in->opcode];
        if (safe && in->opcode == OP_LOAD_FAST && in->oparg < nlocals)
            safe[i] = has(set, in->oparg);
        if (!safe)
            flow_into(s, handler_block(s, in), set);
        transfer(in, set, nlocals);
        if (!safe && in->target >= 0)
            flow_into(s, cfg_block_at(s->g, s->c, in->target), set);
        bool falls = !(info->flags & F_TERM) &&
                     !(info->jump != JK_NONE && !(info->flags & F_COND));
        if (!safe && i == blk->last && falls && b + 1 < s->g->nblocks)
            flow_into(s, b + 1, set);
    }
}

int cfg_bound_loads(const dec_code *c, const cfg *g, int nlocals,
                    int nparams, bool *safe)
{
    bd_state s = {.c = c, .g = g, .words = nlocals / WORD_BITS + 1};
    s.in = malloc((size_t)(g->nblocks + 1) * s.words * sizeof *s.in);
    s.queued = calloc(g->nblocks + 1, sizeof *s.queued);
    s.work = malloc((g->nblocks + 1) * sizeof *s.work);
    word *set = malloc(s.words * sizeof *set);
    if (!s.in || !s.queued || !s.work || !set) {
        free(s.in), free(s.queued), free(s.work), free(set);
        return -1;
    }
    memset(s.in, 0xFF, (size_t)(g->nblocks + 1) * s.words * sizeof *s.in);
    memset(safe, 0, c->ninstrs * sizeof *safe);
    if (g->nblocks > 0) {
        /* the parameters are bound on entry, nothing else */
        memset(set, 0, s.words * sizeof *set);
        for (int x = 0; x < nparams && x < nlocals; x++)
            set[x / WORD_BITS] |= (word)1 << (x % WORD_BITS);
        flow_into(&s, 0, set);
    }
    while (s.nwork > 0) {
        int b = s.work[--s.nwork];
        s.queued[b] = false;
        walk_block(&s, b, set, nlocals, NULL);
    }
    for (int b = 0; b < g->nblocks; b++)
        if (g->blocks[b].depth >= 0)
            walk_block(&s, b, set, nlocals, safe);
    free(s.in), free(s.queued), free(s.work), free(set);
    return 0;
}
