/* The opcode table and the stack inputs and outputs, expanded from the
 * target's opcodes.def. */
#include <limits.h>
#include <stddef.h>

#include "pyaot/opcodes.h"

#define NOT_YET(why) why
#define LOWER(fn) NULL
const op_info op_table[OPCODE_MAX] = {
#define OP(name, code, caches, jump, flags, in, out, jout, lower) \
    [code] = {#name, caches, jump, flags, lower},
#include PYAOT_OPCODES_DEF
#undef OP
};
#undef NOT_YET
#undef LOWER

int op_inputs(int opcode, int oparg)
{
    (void)oparg;
    switch (opcode) {
#define OP(name, code, caches, jump, flags, in, out, jout, lower) \
    case code: return (in);
#include PYAOT_OPCODES_DEF
#undef OP
    }
    return -1;
}

int op_outputs(int opcode, int oparg, bool jump)
{
    (void)oparg;
    switch (opcode) {
#define OP(name, code, caches, jk, flags, in, out, jout, lower) \
    case code: return jump && (jk) != JK_NONE ? (jout) : (out);
#include PYAOT_OPCODES_DEF
#undef OP
    }
    return -1;
}

int op_stack_effect(int opcode, int oparg, bool jump)
{
    if (!op_known(opcode))
        return INT_MIN;
    return op_outputs(opcode, oparg, jump) - op_inputs(opcode, oparg);
}
