/* The helper table for backends, expanded from helpers.def. */
#include "pyaot/emit.h"

const em_helper_info em_helpers[EH_COUNT] = {
#define H(name, ret, ...) {#name, #ret[0], #__VA_ARGS__},
#include "pyaot/helpers.def"
#undef H
};
