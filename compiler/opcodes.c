/* The opcode table and stack effects, both expanded from opcodes.def. */
#include <limits.h>

#include "pyaot/opcodes.h"

const op_info op_table[OPCODE_MAX] = {
#define OP(name, code, caches, jump, flags, eff, jeff) \
    [code] = {#name, caches, jump, flags},
#include "pyaot/opcodes.def"
#undef OP
};

int op_stack_effect(int opcode, int oparg, bool jump)
{
    switch (opcode) {
#define OP(name, code, caches, jk, flags, eff, jeff) \
    case code:                                       \
        return jump ? (jeff) : (eff);
#include "pyaot/opcodes.def"
#undef OP
    }
    return INT_MIN;
}
