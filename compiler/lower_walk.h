/* The state of one lowering walk, shared by the walk (lower.c) and the
 * per-opcode handlers (lower_ops.c). A handler sees its instruction's
 * inputs as IN(0)..IN(n-1), bottom to top, and puts its results in
 * OUT(0)..; the counts come from the opcode table, and a slot outside
 * them stops the walk: no handler computes stack positions itself. */
#ifndef PYAOT_LOWER_WALK_H
#define PYAOT_LOWER_WALK_H

#include "pyaot/lower.h"
#include "pyaot/opcodes.h"

typedef struct walker {
    lw_code *lw;
    emitter *em;
    const em_ops *ops;
    const dec_instr *in;
    int oparg;
    int depth;      /* stack depth before the instruction */
    int base;       /* slot of its first input (and first output) */
    int nin, nout;  /* inputs, outputs on the fall-through edge */
    bool poll;      /* it polls the eval breaker (backward jump, call) */
    em_exit exit;   /* where its errors go: every input still owned */
    int kwnames;    /* KW_NAMES constant for the next CALL, or -1 */
    /* Per slot: the builtin a load (global, local, free variable,
     * method) loaded there by name (enum em_known_callee), for the CALL
     * that takes it; the slot the instruction being lowered named (-1:
     * none), which keeps it. */
    unsigned char *known_callee;
    int named_slot;
    /* Operands the loads before an operator left unloaded for it
     * (lw_unloaded): the operator's instruction index (-1: none), its
     * left operand (kind 0: on the stack) and its right one. */
    struct { int at; em_arg left, right; } unloaded;
    bool speculating; /* inside a float or int expression (lower_floats.c) */
    bool fused;     /* the instruction also consumed the next one */
    const char *broken; /* set when a handler broke the stack discipline */
} walker;

typedef void lower_fn(walker *w);

/* The handlers, one per LOWER(...) entry of opcodes.def. */
#define NOT_YET(why)
#define LOWER(fn) lower_fn lower_##fn;
#define OP(name, code, caches, jump, flags, in, out, jout, lower) lower
#include PYAOT_OPCODES_DEF
#undef OP
#undef LOWER
#undef NOT_YET

int lw_in(walker *w, int i);
int lw_out(walker *w, int j);
#define IN(i) lw_in(w, i)
#define OUT(j) lw_out(w, j)

/* Where an error goes when `depth` values are owned at that point. */
em_exit lw_exit_at(walker *w, int depth);
int lw_block_of_unit(walker *w, int unit);

/* Argument constructors for helper calls (kinds as in helpers.def). */
static inline em_arg T(void) { return (em_arg){'T', 0, 0, false}; }
static inline em_arg F(void) { return (em_arg){'F', 0, 0, false}; }
static inline em_arg I(int v) { return (em_arg){'I', v, 0, false}; }
static inline em_arg O(int slot) { return (em_arg){'O', slot, 0, false}; }
static inline em_arg NONE(void) { return (em_arg){'O', -1, 0, false}; }
static inline em_arg Opop(int slot) { return (em_arg){'O', slot, 0, true}; }
static inline em_arg S(int slot) { return (em_arg){'S', slot, 0, false}; }
static inline em_arg C(int index) { return (em_arg){'C', index, 0, false}; }
/* Whether the LOAD_CONST or LOAD_FAST being lowered leaves its value
 * unloaded for the operator it feeds (then it emits nothing). */
bool lw_unloaded(walker *w);
/* An operator's operand in slot `slot`: owned and dropped after the call
 * (O), or what a load left unloaded there, borrowed: a constant (C: its
 * index; K for a small int: its index and value) or a local bound for
 * certain (L: its index). */
em_arg lw_operand(walker *w, int slot);

/* A run of `n` slots from `slot`, borrowed (A), stolen (X) or written
 * by the helper (W); checked against the instruction's slots. */
em_arg lw_run(walker *w, char kind, int slot, int n);
#define X(slot, n) lw_run(w, 'X', slot, n)
#define W(slot, n) lw_run(w, 'W', slot, n)

#define CALL(helper, dst, ...)                                            \
    do {                                                                  \
        em_arg args_[] = {__VA_ARGS__};                                   \
        w->ops->call(w->em, EH_##helper, dst, args_,                      \
                     (int)(sizeof args_ / sizeof args_[0]), &w->exit);    \
    } while (0)

#endif
