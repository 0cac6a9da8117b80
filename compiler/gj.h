/* The libgccjit backend's shared state: one context per module, the
 * CPython types and layouts it needs, and the per-function emitter. */
#ifndef PYAOT_GJ_H
#define PYAOT_GJ_H

#include <libgccjit.h>

#include "pyaot/pyinternal.h"
#include "pyaot/emit.h"

typedef struct gj_types {
    gcc_jit_type *void_, *int_, *ssize, *char_, *charp, *voidp;
    gcc_jit_type *obj, *objp, *objpp; /* PyObject, PyObject *, ** */
    gcc_jit_field *ob_refcnt, *ob_type;
} gj_types;

/* CPython objects the fast paths test types against. */
enum gj_pytype {
    GJ_LONG, GJ_FLOAT, GJ_LIST, GJ_TUPLE, GJ_RANGEITER, GJ_LISTITER,
    GJ_FUNCTION, GJ_UNICODE, GJ_DICT, GJ_NTYPES
};

/* Library functions the fast paths call directly. */
enum gj_pyfunc { GJ_LONG_FROM_LL, GJ_FLOAT_FROM_DOUBLE, GJ_NFUNCS };

typedef struct gj_module {
    gcc_jit_context *ctx;
    gj_types t;
    gcc_jit_function *helpers[EH_COUNT]; /* declared on first use */
    gcc_jit_function *dealloc;
    gcc_jit_lvalue *true_, *false_, *none; /* the singletons */
    gcc_jit_lvalue *ref_total; /* _Py_RefTotal in debug builds, or NULL */
    gcc_jit_lvalue *types[GJ_NTYPES];
    gcc_jit_function *funcs[GJ_NFUNCS];
    gcc_jit_function *pow, *err_clear; /* libm's pow(), PyErr_Clear() */
    gcc_jit_function *unicode_equal;   /* _PyUnicode_Equal() */
    gcc_jit_function *is_instance;     /* PyObject_IsInstance() */
    gcc_jit_type *i64, *u64, *i32, *u32, *dbl, *bool_;
    gcc_jit_lvalue *shared_state;     /* the runtime's, see gj_enter.c */
    gcc_jit_lvalue *runtime_state;    /* _PyRuntime, see gj_box_int_in */
    gcc_jit_function *count_entry;
    gcc_jit_function *keyword_default; /* call entries: rt_keyword_default */
    int ncaches; /* inline caches made so far (pyaot/native.h) */
    bool export_natives; /* one of several parts (gj_compile_parts) */
} gj_module;

/* Creates a context for one module at optimisation level `opt`. */
int gj_module_init(gj_module *m, int opt);
void gj_module_free(gj_module *m);

/* Finishing a module's artifact (gj_artifact.c): the runtime linked in,
 * PyInit_<name> over the marshalled code `blob` and the native entry of
 * each code object (NULL: interpreted), and gcc run in a child process
 * to write the shared object at `path` (0, or -1 with a message naming
 * `module`). */
void gj_link_runtime(gj_module *m, bool debug);
void gj_emit_pyinit(gj_module *m, const char *name, PyObject *blob,
                    gcc_jit_function **fns, gcc_jit_function **enters, int n);
int gj_compile_to_file(gj_module *m, const char *module, const char *path);

/* A module's code split into `n` parts compiled by gcc at once, each
 * part in a context of its own (parts[0] holds PyInit_<name>), then
 * linked with the runtime into the shared object at `path`. A part's
 * native functions are exported (gj_module.export_natives) so that
 * parts[0] can take their addresses through gj_import_native. */
int gj_compile_parts(gj_module *parts, int n, const char *module,
                     const char *path, bool debug);
gcc_jit_function *gj_import_native(gj_module *m, const char *symbol);

/* The call entry of code object `co` (gj_enter.c; pyaot_enter_fn), whose
 * native entry `native` has symbol `symbol`: named after it, exported
 * like it. NULL when the code's parameters do not take positional
 * arguments as they are. gj_import_enter declares another part's. */
gcc_jit_function *gj_emit_enter(gj_module *m, PyCodeObject *co,
                                const char *symbol, gcc_jit_function *native);
gcc_jit_function *gj_import_enter(gj_module *m, const char *symbol);

/* The per-function emitter (the emitter interface over gccjit). */
typedef struct gj_emitter {
    emitter base;
    gj_module *m;
    gcc_jit_context *c;
    const em_func *info;
    gcc_jit_function *fn;
    gcc_jit_rvalue *ts, *f, *throwflag;
    gcc_jit_lvalue **slots;
    gcc_jit_lvalue *lp, *consts, *first_instr, *eval_breaker;
    gcc_jit_lvalue *cframe;  /* ts->cframe while this function runs */
    gcc_jit_block **handoffs; /* per depth and raised, see gj_handoff_block */
    gcc_jit_block **blocks;
    bool *filled;           /* blocks the lowering has emitted */
    gcc_jit_block *cur;     /* where the next statement goes */
    gcc_jit_block **exits;  /* lazily built unwind chains, see exit_key */
    int ntemps;
    gcc_jit_block *arith_done; /* where an arithmetic expression's paths meet */
} gj_emitter;


#define GJ(e) ((gj_emitter *)(e))

emitter *gj_emitter_new(gj_module *m);
gcc_jit_function *gj_emitter_function(emitter *e);
void gj_emitter_free(emitter *e);

/* Addresses field `off` bytes into `ptr`, as an lvalue of `type` (the
 * fields generated code stores to: gj_at). */
gcc_jit_lvalue *gj_field(gj_module *m, gcc_jit_rvalue *ptr, long off,
                         gcc_jit_type *type);

/* The fields generated code stores to (gj_stored.c): every access to
 * one goes through gj_at, which gives it the one type gcc's type-based
 * alias analysis needs it read and written through. */
enum gj_stored {
    GJ_FRAME_FUNC, GJ_FRAME_GLOBALS, GJ_FRAME_BUILTINS, GJ_FRAME_LOCALS,
    GJ_FRAME_CODE, GJ_FRAME_FRAME_OBJ, GJ_FRAME_PREVIOUS, GJ_FRAME_PREV_INSTR,
    GJ_FRAME_STACKTOP, GJ_FRAME_IS_ENTRY, GJ_FRAME_OWNER,
    GJ_FRAME_LOCALSPLUS, /* the first; the others follow, of its type */
    GJ_FRAME_GEN_STATE,
    GJ_TS_DATASTACK_TOP, GJ_TS_RECURSION_REMAINING,
    GJ_CFRAME_CURRENT_FRAME,
    GJ_VAR_SIZE,    /* ob_size of any variable-size object */
    GJ_LIST_ITEMS,  /* the array; its items are PyObject * */
    GJ_RANGEITER_INDEX, GJ_LISTITER_INDEX,
    GJ_CELL_REF,
    GJ_SHARED_NATIVE_CALLS,
    GJ_NSTORED
};
gcc_jit_lvalue *gj_at(gj_module *m, gcc_jit_rvalue *p, enum gj_stored f);
gcc_jit_rvalue *gj_get(gj_module *m, gcc_jit_rvalue *p, enum gj_stored f);
gcc_jit_type *gj_stored_type(gj_module *m, enum gj_stored f);

gcc_jit_function *gj_helper(gj_module *m, int helper);

/* Builders shared by the backend's files (gj_build.c). Emitting functions
 * append to e->cur; the *_in variants to a given block and return the
 * block that continues after them. */
gcc_jit_block *gj_new_block(gj_emitter *e, const char *name);
gcc_jit_rvalue *gj_int_rv(gj_emitter *e, long v);
gcc_jit_rvalue *gj_null_obj(gj_emitter *e);
gcc_jit_rvalue *gj_slot(gj_emitter *e, int i);
gcc_jit_rvalue *gj_const(gj_emitter *e, int index); /* borrowed */
/* A per-site cache of `size` bytes, zeroed static storage (a C struct
 * of pyaot/native.h), as a void pointer. */
gcc_jit_rvalue *gj_new_cache(gj_emitter *e, size_t size);
/* `cond` marked as likely or not (__builtin_expect): gcc then lays the
 * likely block out as the fall-through. A site's cache hit is marked so,
 * which keeps a function's hot path contiguous in the instruction cache
 * (without it gcc guesses equality false and puts the hit out of line). */
gcc_jit_rvalue *gj_expect(gj_emitter *e, gcc_jit_rvalue *cond, bool likely);
gcc_jit_rvalue *gj_addr_of(gj_emitter *e, gcc_jit_lvalue *singleton);
gcc_jit_rvalue *gj_eq(gj_emitter *e, gcc_jit_rvalue *a, gcc_jit_rvalue *b);
gcc_jit_rvalue *gj_cmp(gj_emitter *e, enum gcc_jit_comparison op, gcc_jit_rvalue *a, long v);
void gj_assign(gcc_jit_block *b, gcc_jit_lvalue *lv, gcc_jit_rvalue *rv);
gcc_jit_block *gj_branch(gj_emitter *e, gcc_jit_block *b, gcc_jit_rvalue *cond, gcc_jit_block *if_true);
void gj_incref_in(gj_emitter *e, gcc_jit_block *b, gcc_jit_rvalue *o);
gcc_jit_block *gj_decref_in(gj_emitter *e, gcc_jit_block *b, gcc_jit_rvalue *o, bool maybe_null);
void gj_incref(gj_emitter *e, gcc_jit_rvalue *o);
void gj_decref(gj_emitter *e, gcc_jit_rvalue *o);
gcc_jit_rvalue *gj_call_helper(gj_emitter *e, int h, int n, gcc_jit_rvalue **args);
gcc_jit_lvalue *gj_temp(gj_emitter *e, gcc_jit_type *type);
gcc_jit_lvalue *gj_temp_array(gj_emitter *e, int n);
gcc_jit_lvalue *gj_elem(gj_emitter *e, gcc_jit_lvalue *arr, int i);
gcc_jit_rvalue *gj_array_ptr(gj_emitter *e, gcc_jit_lvalue *arr);
gcc_jit_block *gj_exit_block(gj_emitter *e, const em_exit *ex);
void gj_fail_if(gj_emitter *e, gcc_jit_rvalue *cond, const em_exit *ex);
gcc_jit_lvalue *gj_local(gj_emitter *e, int i);
void gj_set_prev_instr(gj_emitter *e, int unit);

/* An operand as the fast paths see it: a stack slot's value (owned), or
 * what lowering left unloaded (em_arg kinds K and L, borrowed): a small
 * int constant, whose type and value are known here, or a local. */
typedef struct gj_operand {
    gcc_jit_rvalue *v;
    int slot;   /* -1: borrowed */
    bool konst;
    long value; /* of a constant */
} gj_operand;

gj_operand gj_operand_of(gj_emitter *e, const em_arg *a);
/* The operand's reference dropped in `b`, or at e->cur (none when
 * borrowed); its slot emptied in `b`; a reference for a helper that
 * steals it (borrowed ones only: a slot's is the helper's already). */
gcc_jit_block *gj_drop_in(gj_emitter *e, gcc_jit_block *b,
                          const gj_operand *o);
void gj_drop(gj_emitter *e, const gj_operand *o);
void gj_clear_in(gj_emitter *e, gcc_jit_block *b, const gj_operand *o);
void gj_own_in(gj_emitter *e, gcc_jit_block *b, const gj_operand *o);

/* Reading objects, for the fast paths (gj_build.c). */
gcc_jit_rvalue *gj_read(gj_emitter *e, gcc_jit_rvalue *o, long off,
                        gcc_jit_type *t);
gcc_jit_rvalue *gj_is_type(gj_emitter *e, gcc_jit_rvalue *o,
                           enum gj_pytype t);
gcc_jit_rvalue *gj_and(gj_emitter *e, gcc_jit_rvalue *a, gcc_jit_rvalue *b);
gcc_jit_rvalue *gj_ob_size(gj_emitter *e, gcc_jit_rvalue *o);
/* An exact int of at most one digit (3.11's "medium" value), and it. */
gcc_jit_rvalue *gj_is_medium(gj_emitter *e, gcc_jit_rvalue *o);
gcc_jit_rvalue *gj_medium_value(gj_emitter *e, gcc_jit_rvalue *o);
gcc_jit_rvalue *gj_float_value(gj_emitter *e, gcc_jit_rvalue *o);
gcc_jit_rvalue *gj_call_lib(gj_emitter *e, enum gj_pyfunc f,
                            gcc_jit_rvalue *arg);
/* `v`, an int64, boxed into `dst` from `b` on as rt_long_from_i64 boxes
 * it (NULL when that fails), the small ints the interpreter shares taken
 * without a call; returns the block after. */
gcc_jit_block *gj_box_int_in(gj_emitter *e, gcc_jit_block *b,
                             gcc_jit_lvalue *dst, gcc_jit_rvalue *v);
void gj_poll_eval_breaker(gj_emitter *e, const em_exit *ex, int resume);

/* A fast path carries out a helper call inline (with the generic helper
 * as its own slow path), given the call's destination and arguments as
 * lowering wrote them; false leaves the call to the generic marshalling.
 * gj_fast_path(helper) is the one table of them (gj_fast.c). */
typedef bool gj_fast_fn(gj_emitter *e, int dst, const em_arg *args,
                        const em_exit *ex);
gj_fast_fn *gj_fast_path(int helper);
/* The helper's call as it is (backend_gccjit.c): a fast path's slow
 * path may be it. */
void gj_helper_call(gj_emitter *e, int h, int dst, const em_arg *args, int n,
                    const em_exit *ex);

/* Calls (gj_call.c). */
void gj_call(gj_emitter *e, int dst, int base, int oparg, const em_exit *ex);
void gj_call_kw(gj_emitter *e, int dst, int base, int oparg, int kwnames,
                const em_exit *ex);
/* The same for a callable loaded as builtin `known` (em_known_callee). */
void gj_call_known(gj_emitter *e, int dst, int base, int oparg, int known,
                   const em_exit *ex);

/* Numbers, truth and identity (gj_num.c). */
/* Operands `l` and `r`: slots (O, S) or values lowering left unloaded
 * (K, L); see em_arg. */
void gj_binary_op(gj_emitter *e, int dst, const em_arg *l, const em_arg *r,
                  int nb, const em_exit *ex);
void gj_binary_op_to_local(gj_emitter *e, int local, const em_arg *l,
                           const em_arg *r, int nb, const em_exit *ex);
void gj_compare_op(gj_emitter *e, int dst, const em_arg *l, const em_arg *r,
                   int op, const em_exit *ex);
void gj_compare_branch(gj_emitter *e, const em_arg *l, const em_arg *r,
                       int op, gcc_jit_block *yes, gcc_jit_block *no,
                       const em_exit *ex);
gcc_jit_rvalue *gj_truth(gj_emitter *e, gcc_jit_rvalue *v, const em_exit *ex);
void gj_unary_not(gj_emitter *e, int dst, int src, const em_exit *ex);
void gj_unary_negative(gj_emitter *e, int dst, int src, const em_exit *ex);
void gj_is_op(gj_emitter *e, int dst, const em_arg *l, const em_arg *r,
              bool invert);

/* Float expressions in doubles (gj_floats.c). */
/* Python's floor division and modulo (want_mod) of x by y, nonzero,
 * into z, from C's truncating ones; returns the block after. */
gcc_jit_block *gj_floor_div_mod(gj_emitter *e, gcc_jit_block *b,
                                gcc_jit_lvalue *x, gcc_jit_lvalue *y,
                                gcc_jit_lvalue *z, bool want_mod);

/* Arithmetic expressions (em_fx): gj_floats.c runs them, reading,
 * computing and boxing values as a gj_arith says; gj_ints.c's is for int
 * expressions. Each jumps to `slow` where the generic code must run. */
typedef struct gj_arith {
    gcc_jit_rvalue *(*operand)(gj_emitter *e, gcc_jit_rvalue *o,
                               bool maybe_null, gcc_jit_block *slow);
    gcc_jit_rvalue *(*constant)(gj_emitter *e, const em_fx_step *s);
    gcc_jit_rvalue *(*operate)(gj_emitter *e, int op, gcc_jit_rvalue *l,
                               gcc_jit_rvalue *r, gcc_jit_block *slow);
    enum gj_pyfunc box;
} gj_arith;
extern const gj_arith gj_int_arith;

void gj_speculate(gj_emitter *e, const em_fx *fx);
void gj_end_speculation(gj_emitter *e);

/* Generators: the resume dispatch, YIELD_VALUE, SEND (gj_gen.c). */
int gj_resume_dispatch(gj_emitter *e, gcc_jit_block *entry);
/* Where a frame goes on in the interpreter (tracing switched on), with
 * the `depth` owned slots as its stack and prev_instr already set; when
 * `raised`, with the exception raised at prev_instr still to handle. */
gcc_jit_block *gj_handoff_block(gj_emitter *e, int depth, bool raised);
void gj_suspend(gj_emitter *e, int value, int depth);
void gj_send(gj_emitter *e, int recv, int next, int done, const em_exit *ex);

/* Subscripts, globals, iteration, attributes (gj_obj.c). */
void gj_binary_subscr(gj_emitter *e, int dst, const em_arg *c,
                      const em_arg *sub, const em_exit *ex);
void gj_list_append(gj_emitter *e, int list, int v, const em_exit *ex);
void gj_unpack_sequence(gj_emitter *e, const em_arg *args, const em_exit *ex);
void gj_store_subscr(gj_emitter *e, const em_arg *c, const em_arg *sub, int v,
                     const em_exit *ex);
void gj_load_global(gj_emitter *e, int dst, int namei, const em_exit *ex);
void gj_load_deref(gj_emitter *e, int dst, int idx, const em_exit *ex);
void gj_store_deref(gj_emitter *e, int idx, int v);
void gj_copy_free_vars(gj_emitter *e, int n);
void gj_for_iter(gj_emitter *e, int iter, int body, int done,
                 const em_exit *ex);
void gj_load_attr(gj_emitter *e, int dst, int namei, const em_arg *owner,
                  const em_exit *ex);
void gj_store_attr(gj_emitter *e, int namei, const em_arg *owner, int value,
                   const em_exit *ex);
void gj_load_method(gj_emitter *e, int namei, int owner, const em_exit *ex);

#endif
