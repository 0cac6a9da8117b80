/* The compiler driver's stages: loading a module's code object, compiling
 * it to an artifact, listing it. Messages go to stderr as one line. */
#ifndef PYAOT_COMPILER_H
#define PYAOT_COMPILER_H

#include "pyaot/pyinternal.h"

/* What pa_compile made of a module's code objects. */
typedef struct pa_counts {
    int native;   /* compiled to native functions */
    int fallback; /* left to the interpreter */
} pa_counts;

/* How a cached artifact records the source it was compiled from. */
typedef enum pa_check_source {
    PA_CHECK_HASH,  /* importlib's source hash, as hash-based .pyc files */
    PA_CHECK_MTIME, /* size and modification time, as timestamp .pyc */
} pa_check_source;

typedef struct pa_options {
    int opt_level;       /* -O0..-O3 */
    int cache;           /* --cache: __pycache__/NAME.TAG.pyaot.so */
    pa_check_source check_source; /* --check-source, with --cache */
    int verbose;         /* -v: per-function report */
    int debug;           /* -g: keep debugging information */
    const char *out_dir; /* -o DIR, or NULL: next to the input */
    int make_dirs;       /* create out_dir and its parents when missing */
    const char *label;   /* -v report header; NULL: the module name */
    int all_levels;      /* --all-levels: native code for python -OO too */
    pa_counts *counts;   /* when set, pa_compile adds its counts here */
    int parts;           /* gcc processes one module's code may use (>= 1) */
} pa_options;

/* How `pyaot compile`/`dis` treat their PATH arguments (batch.c). */
typedef struct pa_batch {
    int jobs;              /* -j: compiler processes at a time (>= 1) */
    const char **excludes; /* --exclude globs */
    int nexcludes;
} pa_batch;

/* A loaded module: its name and its top-level code object. */
typedef struct pa_module {
    char *name;     /* module name (last component) */
    char *src_dir;  /* directory of the input */
    char *src_file; /* the input's file name, without the directory */
    PyObject *code; /* top-level code object */
    PyObject *optimized[2]; /* the same compiled for python -O and -OO;
                             * NULL for a .pyc (its one level is all) */
    PyObject *source; /* the .py file's bytes as compiled; NULL for .pyc */
    long long src_size, src_mtime_ns; /* its size and mtime before reading */
} pa_module;

/* Starts the embedded interpreter this compiler targets. 0 or -1. */
int pa_start_python(void);

/* Loads a .py (compiled with this interpreter at every optimisation
 * level) or a .pyc. 0 or -1 with a message printed. */
int pa_load(const char *path, pa_module *out);
void pa_module_clear(pa_module *m);

/* Code objects of the module in the order the runtime numbers them:
 * pre-order over co_consts. Returns a new list. */
PyObject *pa_code_objects(PyObject *top);

/* For each code object of `other` (a module's code at another python
 * optimisation level, as a pa_code_objects list), the index in `base` of
 * one native code can run in its place, or -1 (levels.c). PyMem_Free it;
 * NULL with an exception set. */
int *pa_match_levels(PyObject *base, PyObject *other);

/* Compiles `m` to its artifact. 0, or -1 with a message printed. */
int pa_compile(const pa_module *m, const pa_options *o);

/* Where the artifact of `m` goes: DIR/NAME<EXT_SUFFIX> (DIR: -o, else the
 * source's), or with --cache SRCDIR/__pycache__/NAME.<tag>.pyaot.so, or
 * PREFIX/<absolute SRCDIR>/NAME.<tag>.pyaot.so under PYTHONPYCACHEPREFIX.
 * A new string, or NULL when out of memory. */
const char *pa_cache_prefix(void);
char *pa_artifact_path(const char *src_dir, const char *name,
                       const pa_options *o);

/* Appends to the artifact at `path` the source stamp of `m`: what the
 * import hook compares with the source before it loads a cached artifact
 * (format in pyaot/stamp.h). 0, or -1 with a message printed. */
int pa_append_source_stamp(const char *path, const pa_module *m,
                           const pa_options *o);

/* Runs a command written in Python (`status`, `hook`, `wheel`) from the
 * pyaot package, in the embedded interpreter. Returns its exit status. */
int pa_python_command(char **argv, int argc);

/* Prints the text backend's listing of every code object of `m`. */
int pa_dis(const pa_module *m, FILE *out);

/* Runs `cmd` ("compile" or "dis") over PATH arguments: files, and
 * directories walked for *.py. Returns the exit status (0 or 1). */
int pa_batch_run(const char *cmd, char **paths, int npaths,
                 const pa_options *o, const pa_batch *b);

/* Prints "pyaot: <what>: <message>" for the pending Python exception. */
void pa_report_exception(const char *what);

/* The runtime library the artifacts link in (gj_artifact.c). */
const char *pa_runtime_library(void);

/* Writes `path` as a whole or not at all: produce(ctx, tmp) writes a
 * temporary beside it, renamed on success; with make_dirs the missing
 * directories are made (and removed again on failure). 0, or -1 with a
 * message printed (output.c). */
int pa_write_atomically(const char *path, bool make_dirs,
                        int (*produce)(void *ctx, const char *tmp), void *ctx);

#endif
