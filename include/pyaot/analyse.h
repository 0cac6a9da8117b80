/* Control-flow analysis of a decoded code object: basic blocks and the
 * value-stack depth before every instruction, checked for consistency. */
#ifndef PYAOT_ANALYSE_H
#define PYAOT_ANALYSE_H

#include "pyaot/decode.h"

typedef struct cfg_block {
    int first, last; /* instruction indexes, inclusive */
    int depth;       /* stack depth on entry; -1 when unreachable */
    bool is_handler; /* an exception handler's entry */
} cfg_block;

typedef struct cfg {
    cfg_block *blocks;
    int nblocks;
    int *block_of; /* instruction index -> block index */
    int *depth;    /* instruction index -> depth before it, -1 unreachable */
    int max_depth;
} cfg;

/* Builds blocks and depths for `c`. 0, or -1 with a message in err. */
int cfg_build(const dec_code *c, cfg *out, char *err, size_t errlen);

/* Block that starts at code unit `unit` (a jump or handler target). */
int cfg_block_at(const cfg *g, const dec_code *c, int unit);

void cfg_free(cfg *g);

/* For each instruction, whether it is a LOAD_FAST of a local that is
 * bound for certain wherever it runs (bound.c): safe[i], for `nlocals`
 * locals of which the first `nparams` are bound on entry. 0, or -1 out
 * of memory. */
int cfg_bound_loads(const dec_code *c, const cfg *g, int nlocals,
                    int nparams, bool *safe);

#endif
