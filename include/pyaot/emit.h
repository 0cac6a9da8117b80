/* The emitter interface: the operations lowering asks for, one entry per
 * operation, over numbered stack slots and blocks. Two implementations:
 * backend_gccjit (native code) and backend_text (a listing). */
#ifndef PYAOT_EMIT_H
#define PYAOT_EMIT_H

#include <stdbool.h>
#include <stdio.h>

#include "pyaot/decode.h"

/* Where control goes when an operation fails: the owned stack values are
 * slots [0, depth); the handler (a block, or -1 to leave the frame) takes
 * the stack from hdepth, optionally pushing lasti, then the exception. */
typedef struct em_exit {
    int depth;
    int handler;
    int hdepth;
    bool lasti;
    bool traceback; /* add this frame to the traceback first */
} em_exit;

/* One argument of a runtime helper call; kinds as in helpers.def, plus
 * W: an array of `n` slots from `v` the helper writes (its outputs). */
typedef struct em_arg {
    char kind;
    int v;      /* slot (-1: NULL), immediate, or constant index (-1: NULL) */
    int n;      /* slot count for A, X and W */
    bool pop;   /* O: drop this slot's reference once the call succeeded */
} em_arg;

/* Helper identifiers, in helpers.def order. */
enum em_helper {
#define H(name, ret, ...) EH_##name,
#include "pyaot/helpers.def"
#undef H
    EH_COUNT
};

typedef struct em_helper_info {
    const char *name;
    char ret;          /* O I B V R */
    const char *args;  /* kinds, e.g. "T, F, I" */
} em_helper_info;

extern const em_helper_info em_helpers[EH_COUNT];

/* What a backend needs to know about the function it builds. */
typedef struct em_func {
    const char *symbol;   /* C name of the native function */
    const char *qualname;
    int firstlineno;
    int nslots;           /* value-stack slots */
    int nlocalsplus;
    int nblocks;
    const dec_code *code;
} em_func;

typedef struct emitter emitter;

typedef struct em_ops {
    int (*begin)(emitter *, const em_func *);
    int (*end)(emitter *);
    void (*block)(emitter *, int block, const dec_instr *first);
    /* Marks the start of an instruction; `current` asks for
     * frame->prev_instr to point at it (it may raise). */
    void (*instr)(emitter *, const dec_instr *, bool current);

    void (*load_const)(emitter *, int dst, int index);
    void (*load_fast)(emitter *, int dst, int local, const em_exit *unbound);
    void (*store_fast)(emitter *, int local, int src);
    void (*delete_fast)(emitter *, int local, const em_exit *unbound);
    void (*set_null)(emitter *, int dst);
    void (*copy)(emitter *, int dst, int src);  /* new reference */
    void (*swap)(emitter *, int a, int b);
    void (*pop)(emitter *, int slot);           /* drop the reference */

    void (*call)(emitter *, int helper, int dst, const em_arg *args,
                 int nargs, const em_exit *);
    void (*binary_op)(emitter *, int dst, int lhs, int rhs, int nb,
                      const em_exit *);
    void (*compare_op)(emitter *, int dst, int lhs, int rhs, int op,
                       const em_exit *);
    /* COMPARE_OP fused with the POP_JUMP_*_IF_TRUE/FALSE after it. */
    void (*compare_jump)(emitter *, int lhs, int rhs, int op, bool jump_if,
                         int target, int fallthrough, const em_exit *);
    void (*binary_subscr)(emitter *, int dst, int container, int sub,
                          const em_exit *);
    void (*store_subscr)(emitter *, int container, int sub, int value,
                         const em_exit *);
    void (*is_op)(emitter *, int dst, int lhs, int rhs, bool invert);
    void (*load_global)(emitter *, int dst, int namei, const em_exit *);
    void (*load_attr)(emitter *, int dst, int namei, int owner,
                      const em_exit *);
    void (*store_attr)(emitter *, int namei, int owner, int value,
                       const em_exit *);
    /* LOAD_METHOD: owner's slot becomes the method (or NULL), the next
     * slot self (or the attribute). */
    void (*load_method)(emitter *, int namei, int owner, const em_exit *);
    void (*call_function)(emitter *, int base, int oparg, int kwnames,
                          const em_exit *);
    void (*unary_not)(emitter *, int dst, int src, const em_exit *);

    void (*jump)(emitter *, int block);
    /* Conditional jumps, named by their opcode (POP_JUMP_*_IF_*,
     * JUMP_IF_*_OR_POP): `slot` is the tested value. */
    void (*cond_jump)(emitter *, int opcode, int slot, int target,
                      int fallthrough, const em_exit *);
    void (*for_iter)(emitter *, int iter, int body, int done,
                     const em_exit *);
    void (*eval_breaker)(emitter *, const em_exit *);
    void (*ret)(emitter *, int slot);
} em_ops;

struct emitter {
    const em_ops *ops;
};

/* Backends. */
emitter *text_emitter_new(FILE *out);
void text_emitter_free(emitter *);

#endif
