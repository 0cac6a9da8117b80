/* Prototypes of the runtime helpers, expanded from helpers.def, so the
 * runtime's definitions are checked against the list the compiler uses. */
#ifndef PYAOT_HELPERS_H
#define PYAOT_HELPERS_H

#include "pyaot/pyinternal.h"

#define RT_RET_O PyObject *
#define RT_RET_I int
#define RT_RET_B int
#define RT_RET_V void
#define RT_RET_R int
#define RT_ARG_T PyThreadState *
#define RT_ARG_F _PyInterpreterFrame *
#define RT_ARG_O PyObject *
#define RT_ARG_S PyObject *
#define RT_ARG_C PyObject *
#define RT_ARG_I int
#define RT_ARG_A PyObject **
#define RT_ARG_X PyObject **
#define RT_ARG_P void *

/* Maps RT_ARG_ over up to 7 kinds. */
#define RT_NARGS(...) RT_NARGS_(__VA_ARGS__, 7, 6, 5, 4, 3, 2, 1, 0)
#define RT_NARGS_(a, b, c, d, e, f, g, n, ...) n
#define RT_CAT(a, b) RT_CAT_(a, b)
#define RT_CAT_(a, b) a##b
#define RT_ARGS(...) RT_CAT(RT_ARGS_, RT_NARGS(__VA_ARGS__))(__VA_ARGS__)
#define RT_ARGS_1(a) RT_ARG_##a
#define RT_ARGS_2(a, ...) RT_ARG_##a, RT_ARGS_1(__VA_ARGS__)
#define RT_ARGS_3(a, ...) RT_ARG_##a, RT_ARGS_2(__VA_ARGS__)
#define RT_ARGS_4(a, ...) RT_ARG_##a, RT_ARGS_3(__VA_ARGS__)
#define RT_ARGS_5(a, ...) RT_ARG_##a, RT_ARGS_4(__VA_ARGS__)
#define RT_ARGS_6(a, ...) RT_ARG_##a, RT_ARGS_5(__VA_ARGS__)
#define RT_ARGS_7(a, ...) RT_ARG_##a, RT_ARGS_6(__VA_ARGS__)

#define H(name, ret, ...) RT_RET_##ret name(RT_ARGS(__VA_ARGS__));
#include "pyaot/helpers.def"
#undef H

#endif
