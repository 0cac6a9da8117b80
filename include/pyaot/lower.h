/* Lowering: one walk over a code object's instructions that calls the
 * emitter. Decides first whether the code object can be lowered at all. */
#ifndef PYAOT_LOWER_H
#define PYAOT_LOWER_H

#include "pyaot/pyinternal.h"
#include "pyaot/analyse.h"
#include "pyaot/emit.h"

typedef struct lw_code {
    PyCodeObject *co;
    dec_code dec;
    cfg graph;
    bool *bound_load; /* per instruction: a LOAD_FAST that cannot raise */
    char why[256]; /* the fallback reason when not lowerable */
} lw_code;

/* Decodes and analyses `co`. Returns 1 when it can be lowered, 0 when it
 * must fall back (lw->why says why), -1 on a Python error. */
int lw_prepare(lw_code *lw, PyCodeObject *co);

/* Emits the prepared code object as function `symbol`. 0 or -1. */
int lw_emit(lw_code *lw, emitter *em, const char *symbol);

void lw_release(lw_code *lw);

#endif
