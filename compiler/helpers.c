/* The helper table for backends, expanded from helpers.def. */
#include "pyaot/emit.h"

const em_helper_info em_helpers[EH_COUNT] = {
#define H(name, ret, ...) {#name, #ret[0], #__VA_ARGS__},
#include "pyaot/helpers.def"
#undef H
};

char em_helper_arg_kind(int h, int i)
{
    int n = 0;
    for (const char *k = em_helpers[h].args; *k; k++) {
        if (*k == ',' || *k == ' ')
            continue;
        if (n++ == i)
            return *k;
    }
    return 0;
}
