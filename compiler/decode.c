/* Instruction decoding for 3.11 bytecode: folds EXTENDED_ARG prefixes,
 * skips inline CACHE units and resolves relative jumps. */
#include <stdio.h>
#include <stdlib.h>

#include "pyaot/decode.h"
#include "pyaot/opcodes.h"

int dec_instructions(const uint8_t *code, size_t len, dec_code *out,
                     char *err, size_t errlen)
{
    if (len % 2) {
        snprintf(err, errlen, "bytecode has an odd length (%zu)", len);
        return -1;
    }
    int nunits = (int)(len / 2);
    out->nunits = nunits;
    out->ninstrs = 0;
    out->instrs = calloc(nunits ? nunits : 1, sizeof *out->instrs);
    out->instr_at = malloc((nunits ? nunits : 1) * sizeof *out->instr_at);
    if (!out->instrs || !out->instr_at) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (int i = 0; i < nunits; i++)
        out->instr_at[i] = -1;

    int i = 0;
    while (i < nunits) {
        int start = i, oparg = 0, opcode;
        for (;;) {
            opcode = code[2 * i];
            oparg = (oparg << 8) | code[2 * i + 1];
            if (opcode != OP_EXTENDED_ARG)
                break;
            if (++i >= nunits) {
                snprintf(err, errlen, "EXTENDED_ARG at the end of the code");
                return -1;
            }
        }
        if (!op_known(opcode) || opcode == OP_CACHE) {
            snprintf(err, errlen, "unknown opcode %d at offset %d",
                     opcode, 2 * i);
            return -1;
        }
        const op_info *info = &op_table[opcode];
        dec_instr *in = &out->instrs[out->ninstrs];
        in->start = start;
        in->offset = i;
        in->opcode = opcode;
        in->oparg = oparg;
        in->next = i + 1 + info->caches;
        in->line = -1;
        in->target = info->jump == JK_FWD   ? in->next + oparg
                     : info->jump == JK_BACK ? in->next - oparg
                                              : -1;
        if (in->next > nunits) {
            snprintf(err, errlen, "%s at offset %d runs past the end",
                     info->name, 2 * i);
            return -1;
        }
        for (int u = start; u < in->next; u++)
            out->instr_at[u] = out->ninstrs;
        out->ninstrs++;
        i = in->next;
    }
    /* Jump targets must land on an instruction's first unit. */
    for (int k = 0; k < out->ninstrs; k++) {
        int t = out->instrs[k].target;
        if (op_table[out->instrs[k].opcode].jump == JK_NONE)
            continue;
        if (t < 0 || t >= nunits || out->instr_at[t] < 0 ||
            out->instrs[out->instr_at[t]].start != t) {
            snprintf(err, errlen, "jump at offset %d to a bad target %d",
                     2 * out->instrs[k].offset, 2 * t);
            return -1;
        }
    }
    return 0;
}

void dec_free(dec_code *c)
{
    free(c->instrs);
    free(c->instr_at);
    free(c->handlers);
    c->instrs = NULL;
    c->instr_at = NULL;
    c->handlers = NULL;
}
