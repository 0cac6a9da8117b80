/* Opcode facts for CPython 3.11 bytecode, expanded from opcodes.def.
 * Ask this table instead of switching on opcodes for generic facts. */
#ifndef PYAOT_OPCODES_H
#define PYAOT_OPCODES_H

#include <stdbool.h>

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
};

/* Instructions that need frame->prev_instr pointing at them. */
#define F_CURRENT (F_RAISE | F_LASTI)

enum opcode {
#define OP(name, code, caches, jump, flags, eff, jeff) OP_##name = code,
#include "pyaot/opcodes.def"
#undef OP
};

#define OPCODE_MAX 256

typedef struct op_info {
    const char *name; /* NULL: not an opcode of this Python */
    unsigned char caches;
    unsigned char jump; /* enum op_jump */
    unsigned short flags;
} op_info;

extern const op_info op_table[OPCODE_MAX];

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

#endif
