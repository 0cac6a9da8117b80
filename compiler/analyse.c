/* Basic blocks and stack depths: a worklist walk over both edges of every
 * jump and into every exception handler, as CPython's compiler does. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pyaot/analyse.h"
#include "pyaot/opcodes.h"

/* A suspending instruction ends its block: the next one is where the
 * resumed frame starts, reached from the resume dispatch only. */
static bool ends_block(const dec_instr *in)
{
    const op_info *info = &op_table[in->opcode];
    return info->jump != JK_NONE || (info->flags & (F_TERM | F_SUSPEND));
}

int cfg_block_at(const cfg *g, const dec_code *c, int unit)
{
    if (unit < 0 || unit >= c->nunits || c->instr_at[unit] < 0)
        return -1;
    int b = g->block_of[c->instr_at[unit]];
    return g->blocks[b].first == c->instr_at[unit] ? b : -1;
}

static int mark_leaders(const dec_code *c, bool *leader, char *err,
                        size_t errlen)
{
    if (c->ninstrs)
        leader[0] = true;
    for (int i = 0; i < c->ninstrs; i++) {
        const dec_instr *in = &c->instrs[i];
        if (in->target >= 0)
            leader[c->instr_at[in->target]] = true;
        if (ends_block(in) && i + 1 < c->ninstrs)
            leader[i + 1] = true;
    }
    for (int h = 0; h < c->nhandlers; h++) {
        const dec_handler *hd = &c->handlers[h];
        int t = hd->target < c->nunits ? c->instr_at[hd->target] : -1;
        if (t < 0 || c->instrs[t].start != hd->target) {
            snprintf(err, errlen, "exception handler at a bad offset %d",
                     2 * hd->target);
            return -1;
        }
        leader[t] = true;
        /* A protected range boundary starts a block so that every block
         * has one handler. */
        int s = hd->start < c->nunits ? c->instr_at[hd->start] : -1;
        int e = hd->end < c->nunits ? c->instr_at[hd->end] : -1;
        if (s >= 0)
            leader[s] = true;
        if (e >= 0)
            leader[e] = true;
    }
    return 0;
}

/* Records depth d for instruction i; schedules it when first seen. */
static int reach(cfg *g, int i, int d, int *work, int *nwork, char *err,
                 size_t errlen, const dec_code *c)
{
    if (d < 0) {
        snprintf(err, errlen, "stack underflow at offset %d",
                 2 * c->instrs[i].offset);
        return -1;
    }
    if (g->depth[i] == -1) {
        g->depth[i] = d;
        work[(*nwork)++] = i;
    } else if (g->depth[i] != d) {
        snprintf(err, errlen, "inconsistent stack depth at offset %d "
                              "(%d and %d)",
                 2 * c->instrs[i].offset, g->depth[i], d);
        return -1;
    }
    if (d > g->max_depth)
        g->max_depth = d;
    return 0;
}

static int walk_depths(const dec_code *c, cfg *g, char *err, size_t errlen)
{
    int *work = malloc((c->ninstrs + 1) * sizeof *work);
    int nwork = 0, rc = 0;
    if (!work)
        return -1;
    if (c->ninstrs)
        rc = reach(g, 0, 0, work, &nwork, err, errlen, c);
    while (rc == 0 && nwork > 0) {
        int i = work[--nwork], d = g->depth[i];
        const dec_instr *in = &c->instrs[i];
        const op_info *info = &op_table[in->opcode];
        const dec_handler *h = dec_handler_for(c, in->offset);
        if (h)
            rc = reach(g, c->instr_at[h->target], h->depth + h->lasti + 1,
                       work, &nwork, err, errlen, c);
        if (rc == 0 && in->target >= 0)
            rc = reach(g, c->instr_at[in->target],
                       d + op_stack_effect(in->opcode, in->oparg,
                                           info->flags & F_COND),
                       work, &nwork, err, errlen, c);
        if (rc == 0 && !(info->flags & F_TERM) &&
            !(info->jump != JK_NONE && !(info->flags & F_COND))) {
            if (i + 1 >= c->ninstrs) {
                snprintf(err, errlen, "execution runs off the end");
                rc = -1;
            } else {
                rc = reach(g, i + 1,
                           d + op_stack_effect(in->opcode, in->oparg, false),
                           work, &nwork, err, errlen, c);
            }
        }
    }
    free(work);
    return rc;
}

int cfg_build(const dec_code *c, cfg *g, char *err, size_t errlen)
{
    memset(g, 0, sizeof *g);
    int n = c->ninstrs;
    bool *leader = calloc(n + 1, sizeof *leader);
    g->block_of = malloc((n + 1) * sizeof *g->block_of);
    g->depth = malloc((n + 1) * sizeof *g->depth);
    g->blocks = malloc((n + 1) * sizeof *g->blocks);
    if (!leader || !g->block_of || !g->depth || !g->blocks) {
        free(leader);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int rc = mark_leaders(c, leader, err, errlen);
    for (int i = 0; i < n; i++) {
        g->depth[i] = -1;
        if (leader[i]) {
            if (g->nblocks)
                g->blocks[g->nblocks - 1].last = i - 1;
            g->blocks[g->nblocks++] = (cfg_block){i, n - 1, -1, false};
        }
        g->block_of[i] = g->nblocks - 1;
    }
    free(leader);
    for (int h = 0; rc == 0 && h < c->nhandlers; h++) {
        int b = cfg_block_at(g, c, c->handlers[h].target);
        g->blocks[b].is_handler = true;
    }
    if (rc == 0)
        rc = walk_depths(c, g, err, errlen);
    for (int b = 0; b < g->nblocks; b++)
        g->blocks[b].depth = g->depth[g->blocks[b].first];
    return rc;
}

void cfg_free(cfg *g)
{
    free(g->blocks);
    free(g->block_of);
    free(g->depth);
    memset(g, 0, sizeof *g);
}
