/* Opcode facts for the target's bytecode, expanded from its opcodes.def
 * (pyaot/v311/ for CPython 3.11). Ask this table instead of switching on
 * opcodes for generic facts; oparg meanings are decoded here, once. */
#ifndef PYAOT_OPCODES_H
#define PYAOT_OPCODES_H

#include <stdbool.h>

/* The target's opcode table, which every consumer expands. */
#define PYAOT_OPCODES_DEF "pyaot/v311/opcodes.def"

enum op_jump { JK_NONE, JK_FWD, JK_BACK };

enum op_flag {
    F_ARG = 1 << 0,     /* the oparg means something */
    F_RAISE = 1 << 1,   /* may raise: prev_instr must be current */
    F_TERM = 1 << 2,    /* never falls through */
    F_COND = 1 << 3,    /* conditional jump: falls through or jumps */
    F_LOCAL = 1 << 4,   /* oparg indexes localsplus */
    F_NAME = 1 << 5,    /* oparg indexes co_names (LOAD_GLOBAL: >> 1) */
    F_CONST = 1 << 6,   /* oparg indexes co_consts */
    F_BREAKER = 1 << 7, /* polls the eval breaker */
    F_LASTI = 1 << 8,   /* the frame may be seen after it: prev_instr must
                         * be current (RETURN_VALUE: a kept frame's f_lineno) */
    F_SUSPEND = 1 << 9, /* returns to the caller keeping the frame, which
                         * resumes at the next instruction with the value
                         * sent in on top of its stack (its `out`) */
    F_DELEGATE = 1 << 10, /* sends into a subiterator (SEND): when a value
                           * thrown into the frame ends the subiterator,
                           * 3.11's generator.throw() moves prev_instr to
                           * the jump target - 1 and resumes the frame
                           * at the target with the result pushed */
};

/* Instructions that need frame->prev_instr pointing at them. */
#define F_CURRENT (F_RAISE | F_LASTI)

/* ---- oparg meanings (3.11) ---- */

/* LOAD_GLOBAL: pushes NULL before the value when the low bit is set. */
static inline int op_global_pushes_null(int oparg) { return oparg & 1; }
static inline int op_global_name(int oparg) { return oparg >> 1; }

/* MAKE_FUNCTION: one flag bit per extra input below the code object
 * (defaults, kwdefaults, annotations, closure). */
enum { MF_DEFAULTS = 1, MF_KWDEFAULTS = 2, MF_ANNOTATIONS = 4, MF_CLOSURE = 8 };
static inline int op_make_function_extras(int oparg)
{
    return (oparg & 1) + ((oparg >> 1) & 1) + ((oparg >> 2) & 1) +
           ((oparg >> 3) & 1);
}

/* UNPACK_EX: names before the starred one (low byte) and after it. */
static inline int op_unpack_ex_before(int oparg) { return oparg & 0xFF; }
static inline int op_unpack_ex_after(int oparg) { return oparg >> 8; }
static inline int op_unpack_ex_outputs(int oparg)
{
    return op_unpack_ex_before(oparg) + 1 + op_unpack_ex_after(oparg);
}

/* FORMAT_VALUE: a format spec is on the stack when bit 2 is set. */
static inline int op_format_has_spec(int oparg) { return (oparg & 4) != 0; }

/* BUILD_SLICE: start, stop and, when oparg is 3, step. */
static inline int op_slice_parts(int oparg) { return oparg == 3 ? 3 : 2; }

/* CALL_FUNCTION_EX: a mapping of keyword arguments when bit 0 is set. */
static inline int op_call_ex_has_kwargs(int oparg) { return oparg & 1; }

/* RESUME: 0 at the start of a function, 1 after a yield, 2 after a yield
 * from / await, 3 after a yield in an async generator; only the first
 * two poll the eval breaker. */
static inline bool op_resume_polls(int oparg) { return oparg < 2; }

/* ---- the table ---- */

#define NOT_YET(why) 0
#define LOWER(fn) 0
enum opcode {
#define OP(name, code, caches, jump, flags, in, out, jout, lower) \
    OP_##name = code,
#include PYAOT_OPCODES_DEF
#undef OP
};
#undef NOT_YET
#undef LOWER

#define OPCODE_MAX 256

typedef struct op_info {
    const char *name; /* NULL: not an opcode of this Python */
    unsigned char caches;
    unsigned char jump; /* enum op_jump */
    unsigned short flags;
    const char *not_lowered; /* why it is not lowered yet, or NULL */
} op_info;

extern const op_info op_table[OPCODE_MAX];

/* Stack values instruction `opcode` with `oparg` takes, and leaves when
 * it falls through (jump = false) or jumps. -1 for an unknown opcode. */
int op_inputs(int opcode, int oparg);
int op_outputs(int opcode, int oparg, bool jump);

/* Net stack effect of `opcode` with `oparg`, on the fall-through edge
 * (jump = false) or the jump edge. INT_MIN for an unknown opcode. */
int op_stack_effect(int opcode, int oparg, bool jump);

static inline bool op_known(int opcode)
{
    return opcode >= 0 && opcode < OPCODE_MAX && op_table[opcode].name;
}

static inline bool op_has(int opcode, unsigned flag)
{
    return op_known(opcode) && (op_table[opcode].flags & flag) != 0;
}

/* Whether this instruction polls the eval breaker (F_BREAKER, and for
 * RESUME only at the start and after a plain yield). */
static inline bool op_polls(int opcode, int oparg)
{
    return op_has(opcode, F_BREAKER) &&
           (opcode != OP_RESUME || op_resume_polls(oparg));
}

#endif
