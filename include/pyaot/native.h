/* The native contract: everything generated code, the artifact's init
 * function and the runtime linked into it must agree on, in one place.
 * The compiler emits code to it (backend_gccjit.c, gj_*.c); the runtime
 * (runtime/) implements its side. Change anything here and bump
 * PYAOT_RUNTIME_ABI when it changes the shared state, so that artifacts
 * of different pyaot versions refuse to mix instead of misreading it. */
#ifndef PYAOT_NATIVE_H
#define PYAOT_NATIVE_H

#include <stdint.h>

#include "pyaot/pyinternal.h"

/* ---- the artifact's entry point ---- */

/* The artifact's PyInit calls this with its name, the Python version it
 * was compiled for, the marshalled (code, fallback reasons) pair, the
 * native entry of every code object in pre-order (NULL: interpreted;
 * numbering in pyaot/codetree.h) and in the same order their call
 * entries (NULL: none; see pyaot_enter_fn). */
#define PYAOT_INIT_SYMBOL "pyaot_artifact_init"

/* Major and minor version of the target, as PY_VERSION_HEX lays them. */
#define PYAOT_VERSION_OF(hex) ((unsigned long)(hex) & 0xFFFF0000UL)
#define PYAOT_TARGET_VERSION PYAOT_VERSION_OF(PY_VERSION_HEX)

/* ---- a native function ---- */

/* What a code object's native entry is. Called by the runtime's frame
 * evaluator (runtime/hook.c) or a direct call (runtime/direct_call.c)
 * with the frame pushed, linked and counted (the 3.11 frame discipline,
 * rt_run_native); it then does what _PyEval_EvalFrameDefault does for
 * that frame: locals stay in frame->localsplus, frame->prev_instr points
 * at the instruction that may raise or return (tracebacks, f_lineno),
 * errors unwind through the exception table and add traceback entries,
 * the eval breaker is polled where 3.11 polls it. It returns a new
 * reference, or NULL with an exception set; the caller pops the frame.
 * The value stack lives in C locals. A generator's frame suspends with
 * its stack spilled where the interpreter keeps it (frame->localsplus
 * [nlocalsplus..stacktop)) and prev_instr at the instruction that
 * suspended, so that either the interpreter or native code can resume
 * it; `throwflag` (generator.throw(), close()) resumes it with the
 * exception set, raised at that instruction. Where it polls the eval
 * breaker it also sees whether tracing was switched on: then it leaves
 * its stack in the frame the same way, with prev_instr before the next
 * instruction, and returns what the interpreter makes of the rest
 * (rt_trace_handoff). */
typedef PyObject *pyaot_native_fn(PyThreadState *, _PyInterpreterFrame *,
                                  int throwflag);

/* Boxing an int result of native arithmetic: the runtime's, as 3.11's
 * own (_PyLong_FromSTwoDigits, not exported) shares small ints and
 * allocates one-digit ones directly. Generated code imports it by name. */
#define PYAOT_LONG_FROM_I64 "rt_long_from_i64"
PyObject *rt_long_from_i64(int64_t v);

/* ---- inline caches: one zeroed static struct per site ---- */

/* LOAD_GLOBAL: the value, valid while both dicts keep their versions. */
typedef struct pyaot_global_cache {
    uint64_t globals_version;
    uint64_t builtins_version;
    PyObject *value; /* borrowed: alive while both versions hold */
} pyaot_global_cache;

/* LOAD_ATTR, STORE_ATTR, LOAD_METHOD: what a site knows of one type,
 * filled by the runtime only when it would be right. */
typedef struct pyaot_attr_entry {
    uint32_t type_version; /* 0: empty (0 is never a valid tag) */
    int32_t index;         /* slot in the instance's inline values */
    Py_ssize_t slot_offset; /* attributes: a __slots__ member's offset in
                             * the instance; 0: an inline value; -1: a
                             * module attribute, `descr` its value while
                             * the module's dict has `dict_version`;
                             * below -1, kinds only the runtime reads
                             * (runtime/caches.c) */
    uint64_t dict_version;
    Py_ssize_t nentries;   /* methods: shared-keys size seen, or -1 when
                            * instances have no __dict__ at all */
    PyObject *descr;       /* methods: borrowed from the type's dict;
                            * module attributes: from the module's */
    void *type;            /* the type it was filled for, only compared
                            * (a new version of it refills this entry) */
} pyaot_attr_entry;

/* slot_offset kinds the inline paths read besides __slots__ members (> 0)
 * and inline values (0); the runtime keeps other negative ones
 * (runtime/caches.c), which the inline paths take as misses. */
enum {
    PYAOT_ATTR_MODULE = -1, /* a module's attribute, `descr`, while the
                             * module's dict has `dict_version` */
    PYAOT_ATTR_CLASS = -3,  /* a plain attribute of the class, `descr`,
                             * which instances cannot shadow while they
                             * have no __dict__ and the shared keys keep
                             * `nentries` (-1: instances have no __dict__) */
    PYAOT_ATTR_METHOD_OFFSET_DICT = -6,
                            /* LOAD_METHOD: the method `descr` of a type
                             * whose instances keep a __dict__ at offset
                             * `index` (io.BytesIO, exceptions), which
                             * cannot shadow it while it is absent */
};

/* A site keeps a few types, all of which the inline paths read (the type's
 * version selects the entry) and the runtime fills and evicts, so a site
 * that sees several classes (subclasses sharing a method) still skips the
 * generic lookup. */
enum { PYAOT_ATTR_WAYS = 4 };

typedef struct pyaot_attr_cache {
    pyaot_attr_entry entry[PYAOT_ATTR_WAYS];
    Py_ssize_t backoff;    /* misses left before evicting an entry */
    Py_ssize_t next;       /* the entry evicted next */
    uint32_t generic_version; /* a type version the site found no fast
                               * access for: not looked at again */
} pyaot_attr_cache;

/* CALL with keyword names of a Python function whose parameters bind as
 * they did last time at the site (the keyword names are the site's
 * constant): where each argument goes, and which parameters take their
 * defaults. Filled by the runtime for one code object's native entry,
 * which fixes the parameters' layout. */
enum { PYAOT_KW_ARGS = 16 };

typedef struct pyaot_kw_call_cache {
    void *code;           /* compared only */
    void *entry;          /* the native entry of `code` when filled */
    uint32_t missing;     /* bit j: parameter j takes its default */
    int16_t nargs;        /* arguments, self included; 0: empty */
    int16_t first_missing; /* the first positional parameter not given
                            * (co_argcount when all are) */
    int8_t binds;         /* 0: the call binds otherwise (*args, a
                           * keyword of no parameter, ...): rt_call */
    int8_t param_of[PYAOT_KW_ARGS]; /* the parameter of each argument */
    /* A class called at the site: its version tag and the Python function
     * that makes or initializes its instances (its __new__, or its
     * __init__ when object.__new__ makes them), borrowed from the class,
     * which holds it while it keeps that version; `code` is then that
     * function's. */
    uint32_t class_version;
    void *class_callee;
    int8_t class_new;     /* 1: class_callee is __new__ */
} pyaot_kw_call_cache;

/* CALL of a Python function: the code object last called at the site
 * and its call entry, which generated code calls while the callee's
 * func_code is that code object (compared only: the entry makes sure
 * that the code object is its own). Filled by rt_call_py_cached. */
typedef struct pyaot_call_cache {
    void *code;
    void *enter;
} pyaot_call_cache;

/* CALL of anything but a Python function: the type of the callable last
 * called at the site and the runtime's call for that kind of callable
 * (a builtin function or a method descriptor of one calling convention,
 * len, isinstance, list.append, a class whose __init__ or __new__ is
 * a Python function, else the general one), which generated code calls while the
 * callable has that type (compared only: the call checks the rest, as
 * 3.11's specialised PRECALLs check it, and hands a miss back to
 * rt_call_c_cached). Filled by rt_call_c_cached. */
typedef PyObject *pyaot_c_call_fn(PyThreadState *, PyObject **base,
                                  int oparg, void *site);
typedef struct pyaot_c_call_cache {
    void *type;
    pyaot_c_call_fn *call;
    /* a class: its version tag, its __init__ or __new__ (borrowed: the
     * class holds it while its version holds) and that function's call
     * entry when it had one (which checks that the code is its own) */
    uint32_t class_version;
    void *callee;
    void *callee_enter;
} pyaot_c_call_cache;

/* BINARY_OP and COMPARE_OP of two instances of one class (not ints or
 * floats, which generated code takes itself): the class last seen at the
 * site, its version tag, and the Python function that is its method for
 * the operator (borrowed: the class holds it while its version holds;
 * NULL: the class's instances take the generic path) with that
 * function's call entry when it has one. Filled by rt_binary_op_cached,
 * rt_compare_op_cached and rt_compare_truth_cached. */
typedef struct pyaot_operator_cache {
    void *type; /* compared only */
    uint32_t version;
    void *func;
    void *enter;
} pyaot_operator_cache;

/* ---- a code object's call entry ---- */

/* A code object whose parameters take positional arguments as they are
 * (optimized, without *args or **kwargs; keyword-only parameters take
 * their defaults) has a call entry besides its native entry. Given
 * CALL's slots as rt_call_py takes them (all stolen), for a function
 * whose code object is one with this call entry (it checks: a site
 * compares addresses only), it pushes, fills, runs and pops the frame
 * with the code's shape compiled in, as rt_call_py would. Whenever it
 * cannot (another code object, more arguments than parameters or too
 * few defaults, a keyword-only parameter without one, tracing, another
 * evaluator, recursion or the C stack at their limits, the data stack's
 * chunk full) it hands the call to rt_call_py. The artifact's init
 * function passes it beside the native entry; generated code reaches the
 * shared state through the runtime's `rt_state` and pops what it does
 * not pop inline (a frame object made, a generator's frame) with
 * rt_frame_pop_out. */
typedef PyObject *pyaot_enter_fn(PyThreadState *, PyObject **base,
                                 int oparg);
#define PYAOT_STATE_SYMBOL "rt_state"
#define PYAOT_COUNT_ENTRY "rt_count_entry"
/* A keyword-only parameter's default (borrowed) or NULL: call entries of
 * code with keyword-only parameters call it by name. */
#define PYAOT_KEYWORD_DEFAULT "rt_keyword_default"

/* ---- the state shared by all artifacts of one interpreter ---- */

/* Where a thread's C stack ends, less a margin: a small table keyed by
 * the thread state's id (never reused, unlike its address), so that no
 * artifact needs a thread-local variable of its own. A thread state may
 * run on another OS thread than the one it was made on (3.11's
 * _xxsubinterpreters runs a subinterpreter's code in its first thread
 * state, from whichever thread calls it), so an entry also holds the
 * stack's bounds, and a stack address outside them finds the floor
 * again (runtime/cstack.c). */
enum { PYAOT_FLOOR_SLOTS = 16 };
typedef struct pyaot_stack_floor {
    uint64_t thread_id; /* 0: empty (ids start at 1) */
    char *floor;        /* the lowest address calls may use */
    char *low, *high;   /* the stack's bounds */
} pyaot_stack_floor;

/* One per interpreter, shared by every artifact through a capsule in the
 * interpreter's dict: the first artifact loaded installs the hook. A
 * capsule of PYAOT_CAPSULE_NAME holds it; its first field is the ABI
 * number of this layout: an artifact that finds another number refuses
 * to load. Call entries read it (runtime/runtime.h has the rest). */
typedef struct pyaot_shared {
    unsigned abi;
    PyInterpreterState *interp;
    Py_ssize_t extra_index;         /* co_extra slot of native entries */
    Py_ssize_t enter_index;         /* co_extra slot of call entries */
    _PyFrameEvalFunction previous;  /* the evaluator we chain to */
    _PyFrameEvalFunction evaluator; /* ours, as installed */
    unsigned long long native_calls;
    /* PYAOT_COUNT_ENTRIES set at start-up: entries counted per code object
     * in co_extra slot count_index (-1: not counting). */
    Py_ssize_t count_index;
    pyaot_stack_floor floors[PYAOT_FLOOR_SLOTS];
    /* The last dict version tag pyaot gave (PEP 509): stores that write a
     * dict in place, as the interpreter's STORE_ATTR_WITH_HINT does, need
     * a tag no dict had before, and 3.11 keeps its own counter private.
     * Ours count up from 2^63 (with the interpreter's id above bit 47),
     * where the interpreter's counter never reaches. */
    uint64_t dict_version;
    /* The code of every property getter a site reads around (a set): kept
     * alive, so that a code object's address names it for good. */
    PyObject *getter_codes;
} pyaot_shared;

#define PYAOT_CAPSULE_NAME "pyaot.runtime"
#define PYAOT_RUNTIME_ABI 9

#endif
