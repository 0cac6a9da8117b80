/* The emitter interface: the operations lowering asks for, over numbered
 * stack slots and blocks. Mechanical operations on values and control
 * flow, plus `call`: every other operation is a call of a runtime helper
 * (helpers.def), which a backend may carry out inline instead (the gccjit
 * backend's fast paths are chosen by helper, in one place). Two
 * implementations: backend_gccjit (native code) and backend_text (a
 * listing). Meanings cross the interface, never raw opcodes. */
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
 * W: an array of `n` slots from `v` the helper writes (its outputs), and
 * in place of an operator's operand (O or S), a value lowering left
 * unloaded, borrowed -- C: constant `v`; K: constant `v`, a small int of
 * value `n`; L: local `v`, bound for certain. */
typedef struct em_arg {
    char kind;
    int v;      /* slot (-1: NULL), immediate, or constant index (-1: NULL) */
    int n;      /* slot count for A, X and W; K: the constant's value */
    bool pop;   /* O: drop this slot's reference once the call succeeded */
} em_arg;

/* Callables a CALL's callable was loaded as by name (a LOAD_GLOBAL of
 * `len` or `isinstance`, a LOAD_METHOD of `append`), which rt_call_known
 * takes: a backend may carry out their calls inline, once it has checked
 * at run time that the callable is that builtin, as 3.11's
 * PRECALL_NO_KW_LEN, _ISINSTANCE and _LIST_APPEND do. */
enum em_known_callee {
    EM_CALLS_UNKNOWN, EM_CALLS_LEN, EM_CALLS_ISINSTANCE, EM_CALLS_LIST_APPEND
};

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

/* The kind of argument `i` of helper `h` (helpers.def), or 0. */
char em_helper_arg_kind(int h, int i);

/* What a conditional branch tests. */
enum em_test {
    EM_TRUTH,   /* the value's truth (bool(value)) */
    EM_IS_NONE, /* value is None */
    EM_COMPARE, /* `left` compared with `right` by `cmp`
                 * (Py_LT..Py_GE): COMPARE_OP fused with its jump */
};

/* A conditional jump, decoded: the tested values are dropped on both
 * edges, except with keep_on_jump (JUMP_IF_*_OR_POP). */
typedef struct em_branch {
    enum em_test test;
    int value;
    int cmp;
    em_arg left, right; /* EM_COMPARE: slots `value` and `value + 1` (O),
                         * or what lw_operand says was left unloaded */
    bool jump_if;       /* jump when the test holds */
    bool keep_on_jump;
    bool poll_on_jump;  /* poll the eval breaker on the taken edge only,
                         * as 3.11's backward jumps do */
    int poll_resume;    /* the poll's resume unit (eval_breaker) */
    int target, fallthrough;
    em_exit exit;       /* the test failed: the values are still owned */
    em_exit poll_exit;  /* the poll failed: after the jump's drops */
} em_branch;

/* An arithmetic expression lowering found in one block: operations on
 * locals, constants and values already on the stack, as steps over the
 * value stack from `depth`, ending with one value on the stack or stored
 * into a local. A backend may run a float expression in doubles when
 * every value it reads is a float and the result is what the operations
 * would give (no division by zero, no error from pow), and an int
 * expression (`ints`) in 64-bit integers when every value it reads is an
 * int of at most two digits and no result leaves 62 bits; otherwise the
 * instructions lowering emits next, up to end_speculation, run as they
 * are. */
enum em_fx_kind {
    EM_FX_LOCAL, /* push local `v` (it may be unbound) */
    EM_FX_CONST, /* push the constant `c` */
    EM_FX_OP,    /* pop two, push the result of operator `v` */
    EM_FX_STORE, /* pop the result into local `v` */
};
enum em_fx_op {
    EM_FX_ADD, EM_FX_SUB, EM_FX_MUL, EM_FX_DIV, EM_FX_POW, /* floats */
    EM_FX_AND, EM_FX_OR, EM_FX_XOR, EM_FX_RSHIFT,           /* ints only */
    EM_FX_FLOORDIV, EM_FX_MOD,
};
enum { EM_FX_MAX = 32 };

typedef struct em_fx_step {
    enum em_fx_kind kind;
    int v;
    double c;    /* a float expression's constant */
    long long k; /* an int expression's constant */
} em_fx_step;

typedef struct em_fx {
    int depth; /* the stack depth before the first step */
    int nsteps;
    bool ints; /* an int expression */
    em_fx_step steps[EM_FX_MAX];
} em_fx;

/* A point where a suspended generator frame resumes. On entry, a
 * generator's native function goes by frame->prev_instr: the start of
 * the code (a fresh call) or one of these; it reloads the frame's stack
 * into slots [0, depth) and goes on at `block`, or, when a value was
 * thrown in, leaves through `thrown`. */
typedef struct em_resume {
    int unit;       /* prev_instr of the suspended frame, in code units */
    int block;
    int depth;      /* stack values in the frame, the one sent in on top */
    em_exit thrown;
} em_resume;

/* What a backend needs to know about the function it builds. */
typedef struct em_func {
    const char *symbol;   /* C name of the native function */
    const char *qualname;
    int firstlineno;
    int nslots;           /* value-stack slots */
    int nlocalsplus;
    int nblocks;
    const dec_code *code;
    const em_resume *resumes; /* a generator's resume points, else none */
    int nresumes;
    bool resumable;       /* a generator's: entered fresh or resumed */
    bool once;            /* a module or class body, run once per import
                           * or class: worth compiling small, not fast */
} em_func;

typedef struct emitter emitter;

typedef struct em_ops {
    int (*begin)(emitter *, const em_func *);
    int (*end)(emitter *);
    void (*block)(emitter *, int block, const dec_instr *first);
    /* Marks the start of an instruction; `current` asks for
     * frame->prev_instr to point at it (it may raise). */
    void (*instr)(emitter *, const dec_instr *, bool current);

    /* values: constants, locals and the stack slots */
    void (*load_const)(emitter *, int dst, int index);
    void (*load_fast)(emitter *, int dst, int local, const em_exit *unbound);
    void (*store_fast)(emitter *, int local, int src);
    void (*delete_fast)(emitter *, int local, const em_exit *unbound);
    void (*set_null)(emitter *, int dst);
    void (*copy)(emitter *, int dst, int src);  /* new reference */
    void (*swap)(emitter *, int a, int b);
    void (*pop)(emitter *, int slot);           /* drop the reference */

    /* every other operation: runtime helper `helper` on `args`, its
     * result (an O helper's) into slot `dst` unless dst < 0 */
    void (*call)(emitter *, int helper, int dst, const em_arg *args,
                 int nargs, const em_exit *);

    /* control flow */
    void (*jump)(emitter *, int block);
    void (*branch)(emitter *, const em_branch *);
    /* FOR_ITER: the next item of slot `iter` into slot iter + 1 and on
     * to `body`, or the iterator dropped and on to `done`. */
    void (*for_iter)(emitter *, int iter, int body, int done,
                     const em_exit *);
    /* Polls the eval breaker, leaving through the exit when that raises;
     * when tracing is on afterwards, the frame goes on in the interpreter
     * from code unit `resume` with the exit's owned slots as its stack. */
    void (*eval_breaker)(emitter *, const em_exit *, int resume);
    void (*ret)(emitter *, int slot);

    /* generators: YIELD_VALUE returns slot `value` with slots [0, depth)
     * spilled into the frame, which is marked suspended (its resume
     * point is in em_func); SEND sends slot recv + 1 into slot recv:
     * a value yielded goes into slot recv + 1 and on to `next`; when the
     * subiterator returns, it is dropped, its result goes into slot
     * `recv` and on to `done`. */
    void (*suspend)(emitter *, int value, int depth);
    void (*send)(emitter *, int recv, int next, int done, const em_exit *);

    /* a float or int expression, then the instructions that compute it
     * generically, then end_speculation */
    void (*speculate)(emitter *, const em_fx *);
    void (*end_speculation)(emitter *);
} em_ops;

struct emitter {
    const em_ops *ops;
};

/* Backends. */
emitter *text_emitter_new(FILE *out);
void text_emitter_free(emitter *);
emitter *null_emitter(void); /* emits nothing; never freed */

#endif
