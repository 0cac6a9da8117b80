/* Decoding of 3.11 code objects' raw tables: instructions (EXTENDED_ARG,
 * CACHE entries, jump targets), the exception table and the line table.
 * Works on bytes only, so it is testable without an interpreter. */
#ifndef PYAOT_DECODE_H
#define PYAOT_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* All positions are in code units (2 bytes), as the 3.11 tables use. */
typedef struct dec_instr {
    int start;     /* first EXTENDED_ARG prefix, or `offset` */
    int offset;    /* the opcode itself */
    int next;      /* the following instruction, past the caches */
    int target;    /* jump target, -1 when not a jump */
    int opcode;
    int oparg;     /* with EXTENDED_ARG prefixes folded in */
    int line;      /* source line, -1 when it has none */
} dec_instr;

typedef struct dec_handler {
    int start, end; /* protected range [start, end) */
    int target;
    int depth;      /* stack depth the handler starts from */
    bool lasti;     /* push the raising instruction's offset first */
} dec_handler;

typedef struct dec_code {
    dec_instr *instrs;
    int ninstrs;
    int nunits;
    int *instr_at;      /* code unit -> index into instrs, or -1 */
    dec_handler *handlers;
    int nhandlers;
} dec_code;

/* Decodes co_code. Returns 0, or -1 with a message in err. */
int dec_instructions(const uint8_t *code, size_t len, dec_code *out,
                     char *err, size_t errlen);

/* Parses co_exceptiontable into out->handlers. 0, or -1 with err. */
int dec_exception_table(const uint8_t *tab, size_t len, dec_code *out,
                        char *err, size_t errlen);

/* Fills lines[0..nunits) from co_linetable (-1 for "no line").
 * Returns 0, or -1 when the table is malformed. */
int dec_line_table(const uint8_t *tab, size_t len, int firstlineno,
                   int *lines, int nunits);

/* The innermost handler covering code unit `unit`, or NULL. */
const dec_handler *dec_handler_for(const dec_code *c, int unit);

void dec_free(dec_code *c);

#endif
