/* The compiler's pipeline for one module, top to bottom:
 *
 *   load (load.c)            .py or .pyc -> code object tree
 *   for each code object, in the runtime's numbering (codetree.h):
 *     lw_prepare (lower.c)   decode the bytecode, exception and line
 *                            tables (decode.c, exctable.c, linetable.c);
 *                            check every opcode against the table
 *                            (opcodes.def); blocks and stack depths
 *                            (analyse.c); a dry walk of the handlers
 *                            (lower_ops.c): lowerable, or a fallback
 *                            and its reason
 *     lw_emit (lower.c)      the walk again, into the gccjit emitter
 *                            (backend_gccjit.c, fast paths gj_fast.c)
 *   the same for the code at python -O and -OO (levels.c: what the
 *   level leaves unchanged shares the -O0 native function)
 *   marshal the code trees and the fallback reasons
 *   gj_emit_pyinit           PyInit_<name>: hands both and the native
 *                            entries to the runtime (gj_artifact.c)
 *   pa_write_atomically      gcc writes the .so under a temporary name,
 *                            the source stamp is appended (--cache),
 *                            then it is renamed (output.c)
 *
 * pa_dis runs the same stages into the text backend instead. */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <limits.h>

#include "compiler.h"
#include <marshal.h>
#include "gj.h"
#include "pyaot/lower.h"

/* Per code object: its native function, or NULL and a fallback reason. */
typedef struct built {
    gcc_jit_function *fn;
    gcc_jit_function *enter; /* its call entry, or NULL */
    PyObject *reason; /* None when native */
    int part;         /* the gj_module fn belongs to */
    char symbol[96];
} built;

/* At most this many gcc processes for one module, and each with at
 * least this many code objects. */
enum { PARTS_MAX = 8, CODES_PER_PART = 8 };

static void symbol_for(char *buf, size_t n, int index, PyCodeObject *co)
{
    const char *q = PyUnicode_AsUTF8(co->co_qualname);
    int k = snprintf(buf, n, "pyaot_%d_", index);
    for (; q && *q && (size_t)k + 1 < n; q++)
        buf[k++] = ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
                    (*q >= '0' && *q <= '9'))
                       ? *q
                       : '_';
    buf[k] = '\0';
}

static void report(const pa_options *o, PyCodeObject *co, const char *why)
{
    if (!o->verbose)
        return;
    const char *q = PyUnicode_AsUTF8(co->co_qualname);
    if (why)
        fprintf(stderr, "  fallback  %s:%d: %s\n", q, co->co_firstlineno, why);
    else
        fprintf(stderr, "  native    %s:%d\n", q, co->co_firstlineno);
}

static int lower_one(gj_module *parts, int nparts, PyCodeObject *co,
                     int index, const pa_options *o, built *out,
                     pa_counts *counts)
{
    /* Code objects go round the parts. */
    int part = index % nparts;
    gj_module *gm = &parts[part];
    lw_code lw;
    int ok = lw_prepare(&lw, co);
    if (ok < 0) {
        lw_release(&lw);
        return -1;
    }
    if (ok == 0) {
        report(o, co, lw.why);
        counts->fallback++;
        out->reason = PyUnicode_FromFormat("fallback: %s", lw.why);
        lw_release(&lw);
        return out->reason ? 0 : -1;
    }
    symbol_for(out->symbol, sizeof out->symbol, index, co);
    emitter *em = gj_emitter_new(gm);
    int rc = em ? lw_emit(&lw, em, out->symbol) : -1;
    if (rc == 0) {
        out->fn = gj_emitter_function(em);
        out->enter = gj_emit_enter(gm, co, out->symbol, out->fn);
        out->part = part;
        out->reason = Py_NewRef(Py_None);
        report(o, co, NULL);
        counts->native++;
    }
    gj_emitter_free(em);
    lw_release(&lw);
    return rc;
}

/* (code, fallback reasons) of one level. */
static PyObject *level_pair(PyObject *top, built *b, int n)
{
    PyObject *reasons = PyTuple_New(n);
    if (!reasons)
        return NULL;
    for (int i = 0; i < n; i++)
        PyTuple_SET_ITEM(reasons, i, Py_NewRef(b[i].reason));
    PyObject *pair = PyTuple_Pack(2, top, reasons);
    Py_DECREF(reasons);
    return pair;
}

/* The module's code at each python optimisation level (the runtime runs
 * the one the interpreter's -O asks for), in one marshalled tuple. */
typedef struct level {
    PyObject *top;   /* NULL: not in the artifact (a .pyc has one) */
    PyObject *codes; /* pa_code_objects(top) */
    built *b;
    int n;
} level;

static PyObject *marshal_levels(level *lv)
{
    PyObject *levels = PyTuple_New(3);
    for (int k = 0; levels && k < 3; k++) {
        PyObject *pair = lv[k].top ? level_pair(lv[k].top, lv[k].b, lv[k].n)
                                   : Py_NewRef(Py_None);
        if (!pair)
            Py_CLEAR(levels);
        else
            PyTuple_SET_ITEM(levels, k, pair);
    }
    PyObject *blob = levels ? PyMarshal_WriteObjectToString(levels,
                                                            Py_MARSHAL_VERSION)
                            : NULL;
    Py_XDECREF(levels);
    return blob;
}

/* Level k's code objects: the -O0 native function where the level left a
 * code object as it was, else their own (for -OO only with --all-levels:
 * docstrings make nearly every function differ there, and it would cost
 * half as much compiling again). */
static int lower_level(gj_module *parts, int nparts, level *lv, int k,
                       const pa_options *o)
{
    int *match = pa_match_levels(lv[0].codes, lv[k].codes);
    if (!match)
        return -1;
    int rc = 0, own = 0, interpreted = 0;
    for (int i = 0; rc == 0 && i < lv[k].n; i++) {
        built *out = &lv[k].b[i];
        if (match[i] >= 0) {
            *out = lv[0].b[match[i]];
            Py_INCREF(out->reason);
        } else if (k == 1 || o->all_levels) {
            pa_options quiet = *o;
            quiet.verbose = 0;
            pa_counts ignored = {0, 0};
            rc = lower_one(parts, nparts,
                           (PyCodeObject *)PyList_GET_ITEM(lv[k].codes, i),
                           k * 1000000 + i, &quiet, out, &ignored);
            own++;
        } else {
            out->reason = PyUnicode_FromString(
                "interpreted under python -OO: its code differs there "
                "(pyaot compile --all-levels compiles it)");
            rc = out->reason ? 0 : -1;
            interpreted++;
        }
    }
    PyMem_Free(match);
    if (rc == 0 && o->verbose && (own || interpreted))
        fprintf(stderr, "  python -%s: %d code objects differ, %d compiled "
                        "for it%s\n", k == 1 ? "O" : "OO", own + interpreted,
                own, interpreted ? ", the others run in the interpreter" : "");
    return rc;
}

/* The name PyInit_ and the runtime know the module by: its own, or for
 * a package's __init__ the package directory's. NULL with a message if
 * that is not an identifier. */
static char *init_name(const pa_module *m)
{
    if (strcmp(m->name, "__init__") != 0)
        return strdup(m->name);
    char real[PATH_MAX];
    if (!realpath(m->src_dir, real)) {
        fprintf(stderr, "pyaot: %s: %s\n", m->src_dir, strerror(errno));
        return NULL;
    }
    const char *base = strrchr(real, '/') ? strrchr(real, '/') + 1 : real;
    bool ok = *base && !(*base >= '0' && *base <= '9');
    for (const char *s = base; ok && *s; s++)
        ok = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
             (*s >= '0' && *s <= '9') || *s == '_';
    if (!ok) {
        fprintf(stderr, "pyaot: %s/__init__: package name '%s' is not a "
                        "module name pyaot can compile (ASCII identifiers "
                        "only)\n", m->src_dir, base);
        return NULL;
    }
    return strdup(base);
}

/* gcc's part of the output, then the source stamp of a cached artifact. */
struct produce_ctx {
    gj_module *parts;
    int nparts;
    const pa_module *m;
    const pa_options *o;
};

static int produce(void *arg, const char *tmp)
{
    struct produce_ctx *c = arg;
    const char *module = c->o->label ? c->o->label : c->m->name;
    int rc = c->nparts == 1
                 ? gj_compile_to_file(c->parts, module, tmp)
                 : gj_compile_parts(c->parts, c->nparts, module, tmp,
                                    c->o->debug);
    if (rc == 0 && c->o->cache)
        rc = pa_append_source_stamp(tmp, c->m, c->o);
    return rc;
}

int pa_compile(const pa_module *m, const pa_options *o)
{
    char *name = init_name(m);
    if (!name)
        return -1;
    level lv[3] = {{m->code}, {m->optimized[0]}, {m->optimized[1]}};
    pa_counts counts = {0, 0};
    gj_module parts[PARTS_MAX] = {{0}};
    int rc = 0, total = 0;
    for (int k = 0; rc == 0 && k < 3; k++) {
        if (!lv[k].top)
            continue;
        lv[k].codes = pa_code_objects(lv[k].top);
        lv[k].n = lv[k].codes ? (int)PyList_GET_SIZE(lv[k].codes) : 0;
        lv[k].b = lv[k].codes ? calloc(lv[k].n + 1, sizeof *lv[k].b) : NULL;
        rc = lv[k].b ? 0 : -1;
        total += lv[k].n;
    }
    /* Splitting pays only for some code: a part costs a gcc start. */
    int nparts = o->parts < 1 ? 1 : o->parts > PARTS_MAX ? PARTS_MAX : o->parts;
    if (nparts > lv[0].n / CODES_PER_PART)
        nparts = lv[0].n / CODES_PER_PART > 1 ? lv[0].n / CODES_PER_PART : 1;
    for (int p = 0; rc == 0 && p < nparts; p++) {
        rc = gj_module_init(&parts[p], o->opt_level) == 0 ? 0 : -1;
        parts[p].export_natives = nparts > 1;
        if (rc == 0 && nparts == 1)
            gj_link_runtime(&parts[p], o->debug);
        else if (rc == 0 && o->debug)
            gcc_jit_context_set_bool_option(parts[p].ctx,
                                            GCC_JIT_BOOL_OPTION_DEBUGINFO, 1);
    }
    if (o->verbose && rc == 0)
        fprintf(stderr, "%s:\n", o->label ? o->label : m->name);
    for (int i = 0; rc == 0 && i < lv[0].n; i++)
        rc = lower_one(parts, nparts,
                       (PyCodeObject *)PyList_GET_ITEM(lv[0].codes, i), i, o,
                       &lv[0].b[i], &counts);
    for (int k = 1; rc == 0 && k < 3; k++)
        if (lv[k].top)
            rc = lower_level(parts, nparts, lv, k, o);
    PyObject *blob = rc == 0 ? marshal_levels(lv) : NULL;
    if (rc == 0 && !blob)
        rc = -1;
    if (rc < 0 && PyErr_Occurred())
        pa_report_exception(m->name);
    char *path = rc == 0 ? pa_artifact_path(m->src_dir, m->name, o) : NULL;
    if (rc == 0) {
        gcc_jit_function **fns = malloc(2 * (total + 1) * sizeof *fns);
        gcc_jit_function **enters = fns ? fns + total + 1 : NULL;
        for (int k = 0, at = 0; fns && k < 3; k++)
            for (int i = 0; i < lv[k].n; i++, at++) {
                const built *b = &lv[k].b[i];
                bool here = b->part == 0;
                fns[at] = b->fn && !here
                              ? gj_import_native(&parts[0], b->symbol)
                              : b->fn;
                enters[at] = b->enter && !here
                                 ? gj_import_enter(&parts[0], b->symbol)
                                 : b->enter;
            }
        if (fns)
            gj_emit_pyinit(&parts[0], name, blob, fns, enters, total);
        free(fns);
        struct produce_ctx ctx = {parts, nparts, m, o};
        rc = fns && path ? pa_write_atomically(path, o->make_dirs || o->cache,
                                               produce, &ctx)
                         : -1;
    }
    if (rc == 0 && o->verbose)
        fprintf(stderr, "wrote %s\n", path);
    if (rc == 0 && o->counts) {
        o->counts->native += counts.native;
        o->counts->fallback += counts.fallback;
    }
    free(path);
    free(name);
    Py_XDECREF(blob);
    for (int k = 0; k < 3; k++) {
        for (int i = 0; lv[k].b && i < lv[k].n; i++)
            Py_XDECREF(lv[k].b[i].reason);
        free(lv[k].b);
        Py_XDECREF(lv[k].codes);
    }
    for (int p = 0; p < PARTS_MAX; p++)
        if (parts[p].ctx)
            gj_module_free(&parts[p]);
    return rc;
}

int pa_dis(const pa_module *m, FILE *out)
{
    PyObject *codes = pa_code_objects(m->code);
    if (!codes) {
        pa_report_exception(m->name);
        return -1;
    }
    emitter *em = text_emitter_new(out);
    int rc = em ? 0 : -1;
    for (Py_ssize_t i = 0; rc == 0 && i < PyList_GET_SIZE(codes); i++) {
        PyCodeObject *co = (PyCodeObject *)PyList_GET_ITEM(codes, i);
        lw_code lw;
        int ok = lw_prepare(&lw, co);
        char symbol[96];
        symbol_for(symbol, sizeof symbol, (int)i, co);
        if (ok == 0)
            fprintf(out, "function %s  (%s, line %d): falls back: %s\n\n",
                    symbol, PyUnicode_AsUTF8(co->co_qualname),
                    co->co_firstlineno, lw.why);
        else if (ok > 0)
            rc = lw_emit(&lw, em, symbol);
        else
            rc = -1;
        lw_release(&lw);
    }
    if (rc < 0 && PyErr_Occurred())
        pa_report_exception(m->name);
    text_emitter_free(em);
    Py_DECREF(codes);
    return rc;
}
