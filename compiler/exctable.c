/* The 3.11 exception table: entries of big-endian 6-bit varints
 * (start, length, target, depth << 1 | lasti), the first byte of each
 * entry marked with bit 7. */
#include <stdio.h>
#include <stdlib.h>

#include "pyaot/decode.h"

static int read_varint(const uint8_t *tab, size_t len, size_t *pos, int *val)
{
    if (*pos >= len)
        return -1;
    uint8_t b = tab[(*pos)++];
    unsigned v = b & 63;
    while (b & 64) {
        if (*pos >= len || v > (1u << 24))
            return -1;
        b = tab[(*pos)++];
        v = (v << 6) | (b & 63);
    }
    *val = (int)v;
    return 0;
}

int dec_exception_table(const uint8_t *tab, size_t len, dec_code *out,
                        char *err, size_t errlen)
{
    out->nhandlers = 0;
    out->handlers = NULL;
    size_t cap = 0, pos = 0;
    while (pos < len) {
        if (!(tab[pos] & 0x80)) {
            snprintf(err, errlen, "exception table: entry without a start "
                                  "mark at byte %zu", pos);
            return -1;
        }
        int start, size, target, dl;
        if (read_varint(tab, len, &pos, &start) ||
            read_varint(tab, len, &pos, &size) ||
            read_varint(tab, len, &pos, &target) ||
            read_varint(tab, len, &pos, &dl)) {
            snprintf(err, errlen, "exception table: truncated entry");
            return -1;
        }
        if ((size_t)out->nhandlers == cap) {
            cap = cap ? 2 * cap : 8;
            dec_handler *h = realloc(out->handlers, cap * sizeof *h);
            if (!h) {
                snprintf(err, errlen, "out of memory");
                return -1;
            }
            out->handlers = h;
        }
        out->handlers[out->nhandlers++] = (dec_handler){
            .start = start, .end = start + size, .target = target,
            .depth = dl >> 1, .lasti = dl & 1};
        if (out->nunits && (start + size > out->nunits ||
                            target >= out->nunits)) {
            snprintf(err, errlen, "exception table: entry past the code");
            return -1;
        }
    }
    return 0;
}

/* Entries do not overlap in 3.11 (the compiler flattens nesting), so the
 * first match is the one. */
const dec_handler *dec_handler_for(const dec_code *c, int unit)
{
    for (int i = 0; i < c->nhandlers; i++)
        if (unit >= c->handlers[i].start && unit < c->handlers[i].end)
            return &c->handlers[i];
    return NULL;
}
