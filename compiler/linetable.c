/* The 3.11 location table (co_linetable), reduced to a line per code unit.
 * Each entry: a byte 1cccclll (code, length-1), then code-specific data. */
#include "pyaot/decode.h"

typedef struct reader {
    const uint8_t *p, *end;
    int bad;
} reader;

static int next_byte(reader *r)
{
    if (r->p >= r->end) {
        r->bad = 1;
        return 0;
    }
    return *r->p++;
}

/* Little-endian 6-bit chunks, unlike the exception table. */
static unsigned varint(reader *r)
{
    int b = next_byte(r);
    unsigned v = b & 63, shift = 0;
    while ((b & 64) && !r->bad) {
        b = next_byte(r);
        shift += 6;
        if (shift > 30) {
            r->bad = 1;
            break;
        }
        v |= (unsigned)(b & 63) << shift;
    }
    return v;
}

static int svarint(reader *r)
{
    unsigned v = varint(r);
    return (v & 1) ? -(int)(v >> 1) : (int)(v >> 1);
}

enum { LOC_NONE = 15, LOC_LONG = 14, LOC_NO_COLUMN = 13, LOC_ONE_LINE = 10 };

int dec_line_table(const uint8_t *tab, size_t len, int firstlineno,
                   int *lines, int nunits)
{
    reader r = {tab, tab + len, 0};
    int line = firstlineno, unit = 0;
    for (int u = 0; u < nunits; u++)
        lines[u] = -1;
    while (r.p < r.end && unit < nunits) {
        int head = next_byte(&r);
        if (!(head & 0x80))
            return -1;
        int code = (head >> 3) & 15, length = (head & 7) + 1;
        int has_line = 1;
        if (code == LOC_NONE) {
            has_line = 0;
        } else if (code == LOC_LONG) {
            line += svarint(&r);
            varint(&r); /* end line delta */
            varint(&r); /* column + 1 */
            varint(&r); /* end column + 1 */
        } else if (code == LOC_NO_COLUMN) {
            line += svarint(&r);
        } else if (code >= LOC_ONE_LINE) {
            line += code - LOC_ONE_LINE;
            next_byte(&r);
            next_byte(&r);
        } else {
            next_byte(&r); /* short form: column bits */
        }
        if (r.bad)
            return -1;
        for (int k = 0; k < length && unit < nunits; k++)
            lines[unit++] = has_line ? line : -1;
    }
    return 0;
}
