/* The facts of each binary operator (BINARY_OP's NB_* numbers, not in
 * place) the runtime's operator paths need, in one table
 * (operator_sites.c): the method a class defines for it, the symbol
 * errors name, its number slot and its in-place slot. */
#ifndef PYAOT_BINARY_OPERATORS_H
#define PYAOT_BINARY_OPERATORS_H

#include <stddef.h>
#include <opcode.h> /* NB_* operator numbers */

#include "runtime.h"

typedef struct {
    PyObject *method;      /* NULL for power, which is ternary */
    const char *symbol;
    size_t slot;           /* offsets in PyNumberMethods */
    size_t inplace_slot;
} rt_binary_operator;

extern const rt_binary_operator rt_binary_operators[NB_INPLACE_ADD];

/* The binary function at `offset` of `nb` (NULL: none). */
static inline binaryfunc rt_number_slot(PyNumberMethods *nb, size_t offset)
{
    return *(binaryfunc *)((char *)nb + offset);
}

#endif
