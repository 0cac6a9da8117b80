/* Float and int expressions lowering hands to the backend (em_fx). */
#ifndef PYAOT_LOWER_FLOATS_H
#define PYAOT_LOWER_FLOATS_H

#include "pyaot/lower.h"

/* The float or int expression starting at instruction `first` (the int
 * one when it is at least as long): its instruction count, with `fx`
 * filled, or 0. */
int lw_arith_run(const lw_code *lw, int first, em_fx *fx);

#endif
