/* The libgccjit backend's shared state: one context per module, the
 * CPython types and layouts it needs, and the per-function emitter. */
#ifndef PYAOT_GJ_H
#define PYAOT_GJ_H

#include <libgccjit.h>

#include "pyaot/emit.h"

typedef struct gj_types {
    gcc_jit_type *void_, *int_, *ssize, *char_, *charp, *voidp;
    gcc_jit_type *obj, *objp, *objpp; /* PyObject, PyObject *, ** */
    gcc_jit_field *ob_refcnt, *ob_type;
} gj_types;

typedef struct gj_module {
    gcc_jit_context *ctx;
    gj_types t;
    gcc_jit_function *helpers[EH_COUNT]; /* declared on first use */
    gcc_jit_function *dealloc;
    gcc_jit_lvalue *true_, *false_, *none; /* the singletons */
    gcc_jit_lvalue *ref_total; /* _Py_RefTotal in debug builds, or NULL */
} gj_module;

/* Creates a context for one module at optimisation level `opt`. */
int gj_module_init(gj_module *m, int opt);
void gj_module_free(gj_module *m);

/* The per-function emitter (the emitter interface over gccjit). */
emitter *gj_emitter_new(gj_module *m);
gcc_jit_function *gj_emitter_function(emitter *e);
void gj_emitter_free(emitter *e);

/* Addresses field `off` bytes into `ptr`, as an lvalue of `type`. */
gcc_jit_lvalue *gj_field(gj_module *m, gcc_jit_rvalue *ptr, long off,
                         gcc_jit_type *type);

gcc_jit_function *gj_helper(gj_module *m, int helper);

#endif
