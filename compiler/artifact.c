/* Building a module's artifact: every lowerable code object becomes a
 * native function, the code tree is embedded marshalled, and PyInit hands
 * both to the runtime. The .so is written to a temporary name, then
 * renamed, so a failed build never leaves a partial file. */
#include "config.h"
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>


#include "compiler.h"
#include <marshal.h>
#include "gj.h"
#include "pyaot/lower.h"
#include "pyaot/abi.h"

/* Per code object: its native function, or NULL and a fallback reason. */
typedef struct built {
    gcc_jit_function *fn;
    PyObject *reason; /* None when native */
} built;

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

static int lower_one(gj_module *gm, PyCodeObject *co, int index,
                     const pa_options *o, built *out, pa_counts *counts)
{
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
    char symbol[96];
    symbol_for(symbol, sizeof symbol, index, co);
    emitter *em = gj_emitter_new(gm);
    int rc = em ? lw_emit(&lw, em, symbol) : -1;
    if (rc == 0) {
        out->fn = gj_emitter_function(em);
        out->reason = Py_NewRef(Py_None);
        report(o, co, NULL);
        counts->native++;
    }
    gj_emitter_free(em);
    lw_release(&lw);
    return rc;
}

/* PyInit_<name>: passes the embedded code and the entry table to the
 * runtime, which checks the interpreter version before anything else. */
static void emit_pyinit(gj_module *gm, const char *name, PyObject *blob,
                        built *b, int n)
{
    gcc_jit_context *c = gm->ctx;
    gj_types *t = &gm->t;
    char sym[256];
    snprintf(sym, sizeof sym, "PyInit_%s", name);
    gcc_jit_function *init = gcc_jit_context_new_function(
        c, NULL, GCC_JIT_FUNCTION_EXPORTED, t->objp, sym, 0, NULL, 0);
    gcc_jit_block *blk = gcc_jit_function_new_block(init, "init");

    Py_ssize_t size = PyBytes_GET_SIZE(blob);
    gcc_jit_type *blob_t = gcc_jit_context_new_array_type(c, NULL, t->char_,
                                                          (int)size);
    gcc_jit_lvalue *data = gcc_jit_context_new_global(
        c, NULL, GCC_JIT_GLOBAL_INTERNAL, blob_t, "pyaot_code");
    gcc_jit_global_set_initializer(data, PyBytes_AS_STRING(blob), size);

    gcc_jit_type *tab_t = gcc_jit_context_new_array_type(c, NULL, t->voidp,
                                                         n > 0 ? n : 1);
    gcc_jit_lvalue *tab = gcc_jit_function_new_local(init, NULL, tab_t,
                                                     "entries");
    for (int i = 0; i < n; i++) {
        gcc_jit_rvalue *fp =
            b[i].fn ? gcc_jit_context_new_cast(
                          c, NULL, gcc_jit_function_get_address(b[i].fn, NULL),
                          t->voidp)
                    : gcc_jit_context_null(c, t->voidp);
        gcc_jit_block_add_assignment(
            blk, NULL,
            gcc_jit_context_new_array_access(
                c, NULL, gcc_jit_lvalue_as_rvalue(tab),
                gcc_jit_context_new_rvalue_from_int(c, t->int_, i)),
            fp);
    }
    gcc_jit_type *ulong = gcc_jit_context_get_type(c, GCC_JIT_TYPE_UNSIGNED_LONG);
    gcc_jit_type *cstr = gcc_jit_context_get_type(c, GCC_JIT_TYPE_CONST_CHAR_PTR);
    gcc_jit_param *ps[] = {
        gcc_jit_context_new_param(c, NULL, cstr, "name"),
        gcc_jit_context_new_param(c, NULL, ulong, "version"),
        gcc_jit_context_new_param(c, NULL, t->charp, "code"),
        gcc_jit_context_new_param(c, NULL, t->ssize, "size"),
        gcc_jit_context_new_param(c, NULL, gcc_jit_type_get_pointer(t->voidp),
                                  "entries"),
        gcc_jit_context_new_param(c, NULL, t->int_, "n"),
    };
    gcc_jit_function *rt_init = gcc_jit_context_new_function(
        c, NULL, GCC_JIT_FUNCTION_IMPORTED, t->objp, PYAOT_INIT_SYMBOL, 6, ps,
        0);
    gcc_jit_rvalue *args[] = {
        gcc_jit_context_new_string_literal(c, name),
        gcc_jit_context_new_rvalue_from_long(c, ulong, PYAOT_TARGET_VERSION),
        gcc_jit_lvalue_get_address(
            gcc_jit_context_new_array_access(
                c, NULL, gcc_jit_lvalue_as_rvalue(data),
                gcc_jit_context_zero(c, t->int_)),
            NULL),
        gcc_jit_context_new_rvalue_from_long(c, t->ssize, size),
        gcc_jit_lvalue_get_address(
            gcc_jit_context_new_array_access(
                c, NULL, gcc_jit_lvalue_as_rvalue(tab),
                gcc_jit_context_zero(c, t->int_)),
            NULL),
        gcc_jit_context_new_rvalue_from_int(c, t->int_, n),
    };
    gcc_jit_block_end_with_return(
        blk, NULL, gcc_jit_context_new_call(c, NULL, rt_init, 6, args));
}

/* First line of what gcc printed, trimmed, for a one-line message. */
static void first_line(int fd, char *buf, size_t n)
{
    size_t len = 0;
    ssize_t got;
    while (len + 1 < n && (got = read(fd, buf + len, n - 1 - len)) > 0)
        len += (size_t)got;
    char drain[256];
    while (read(fd, drain, sizeof drain) > 0)
        ;
    buf[len] = '\0';
    char *nl = strchr(buf, '\n');
    if (nl)
        *nl = '\0';
}

/* libgccjit may exit() the process when the assembler or linker is
 * missing, so gcc runs in a child; its messages come back through a pipe
 * and are reported as one line. */
static int compile_in_child(gj_module *gm, const char *module,
                            const char *tmp)
{
    int fds[2];
    fflush(NULL);
    if (pipe(fds) < 0) {
        fprintf(stderr, "pyaot: %s: pipe: %s\n", module, strerror(errno));
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "pyaot: %s: fork: %s\n", module, strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        /* Die with the worker: an orphaned gcc would write the temporary
         * after the driver removed it. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() == 1)
            _exit(1);
        close(fds[0]);
        dup2(fds[1], STDERR_FILENO);
        gcc_jit_context_compile_to_file(gm->ctx,
                                        GCC_JIT_OUTPUT_KIND_DYNAMIC_LIBRARY,
                                        tmp);
        const char *err = gcc_jit_context_get_first_error(gm->ctx);
        if (err)
            fprintf(stderr, "%s\n", err);
        fflush(stderr);
        _exit(err ? 1 : 0);
    }
    close(fds[1]);
    char msg[512];
    first_line(fds[0], msg, sizeof msg);
    close(fds[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
        access(tmp, F_OK) == 0)
        return 0;
    fprintf(stderr, "pyaot: %s: code generation failed: %s\n", module,
            msg[0] ? msg : "the gcc-12 toolchain (as, ld) is missing?");
    return -1;
}

static PyObject *marshal_tree(PyObject *top, built *b, int n)
{
    PyObject *reasons = PyTuple_New(n);
    if (!reasons)
        return NULL;
    for (int i = 0; i < n; i++)
        PyTuple_SET_ITEM(reasons, i, Py_NewRef(b[i].reason));
    PyObject *pair = PyTuple_Pack(2, top, reasons);
    Py_DECREF(reasons);
    if (!pair)
        return NULL;
    PyObject *blob = PyMarshal_WriteObjectToString(pair, Py_MARSHAL_VERSION);
    Py_DECREF(pair);
    return blob;
}

/* mkdir -p for the directory part of `path`; 0, or -1 with a message.
 * *created is the length of the shallowest directory it made, or 0. */
static int make_parents(const char *path, size_t *created)
{
    *created = 0;
    char *dir = strdup(path);
    if (!dir)
        return -1;
    char *slash = strrchr(dir, '/');
    int rc = 0;
    if (slash && slash != dir) {
        *slash = '\0';
        for (char *p = dir + 1; rc == 0; p++) {
            if (*p != '/' && *p != '\0')
                continue;
            char c = *p;
            *p = '\0';
            struct stat st;
            if (mkdir(dir, 0777) == 0) {
                if (!*created)
                    *created = strlen(dir);
            } else if (errno != EEXIST)
                rc = -1;
            else if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
                rc = -1, errno = ENOTDIR;
            if (rc < 0)
                fprintf(stderr, "pyaot: cannot create directory %s: %s\n",
                        dir, strerror(errno));
            *p = c;
            if (c == '\0')
                break;
        }
    }
    free(dir);
    return rc;
}

/* Removes the directories make_parents made for `path`, deepest first, as
 * far as they are empty: a failed module leaves no empty tree behind. */
static void remove_parents(const char *path, size_t created)
{
    char *dir = strdup(path);
    char *slash;
    while (dir && created && (slash = strrchr(dir, '/')) &&
           (size_t)(slash - dir) >= created) {
        *slash = '\0';
        if (rmdir(dir) < 0)
            break;
    }
    free(dir);
}

static int write_artifact(gj_module *gm, const pa_module *m,
                          const pa_options *o, const char *path)
{
    const char *module = o->label ? o->label : m->name;
    int make_dirs = o->make_dirs || o->cache;
    size_t n = strlen(path) + 32;
    char *tmp = malloc(n);
    if (!tmp)
        return -1;
    size_t created = 0;
    if (make_dirs && make_parents(path, &created) < 0) {
        remove_parents(path, created);
        free(tmp);
        return -1;
    }
    snprintf(tmp, n, "%s.tmp%ld", path, (long)getpid());
    /* Check the directory is writable before spending time in gcc. */
    FILE *probe = fopen(tmp, "wb");
    if (!probe) {
        fprintf(stderr, "pyaot: cannot write %s: %s\n", path, strerror(errno));
        remove_parents(path, created);
        free(tmp);
        return -1;
    }
    fclose(probe);
    int rc = compile_in_child(gm, module, tmp);
    if (rc == 0 && o->cache)
        rc = pa_append_source_stamp(tmp, m, o);
    if (rc == 0 && rename(tmp, path) < 0) {
        fprintf(stderr, "pyaot: cannot write %s: %s\n", path, strerror(errno));
        rc = -1;
    }
    if (rc < 0) {
        unlink(tmp);
        remove_parents(path, created);
    }
    free(tmp);
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

int pa_compile(const pa_module *m, const pa_options *o)
{
    char *name = init_name(m);
    if (!name)
        return -1;
    PyObject *codes = pa_code_objects(m->code);
    if (!codes) {
        pa_report_exception(m->name);
        free(name);
        return -1;
    }
    pa_counts counts = {0, 0};
    int n = (int)PyList_GET_SIZE(codes);
    built *b = calloc(n ? n : 1, sizeof *b);
    gj_module gm = {0};
    int rc = b && gj_module_init(&gm, o->opt_level) == 0 ? 0 : -1;
    if (rc == 0) {
        gcc_jit_context_add_driver_option(gm.ctx, pa_runtime_library());
        /* The runtime's debug information is most of an artifact's size
         * (400 KB against 50 KB of code): kept only when asked for. */
        if (o->debug)
            gcc_jit_context_set_bool_option(gm.ctx,
                                            GCC_JIT_BOOL_OPTION_DEBUGINFO, 1);
        else
            gcc_jit_context_add_driver_option(gm.ctx, "-Wl,--strip-debug");
    }
    if (o->verbose && rc == 0)
        fprintf(stderr, "%s:\n", o->label ? o->label : m->name);
    for (int i = 0; rc == 0 && i < n; i++)
        rc = lower_one(&gm, (PyCodeObject *)PyList_GET_ITEM(codes, i), i, o,
                       &b[i], &counts);
    PyObject *blob = rc == 0 ? marshal_tree(m->code, b, n) : NULL;
    if (rc == 0 && !blob)
        rc = -1;
    if (rc < 0 && PyErr_Occurred())
        pa_report_exception(m->name);
    char *path = rc == 0 ? pa_artifact_path(m->src_dir, m->name, o) : NULL;
    if (rc == 0) {
        emit_pyinit(&gm, name, blob, b, n);
        rc = path ? write_artifact(&gm, m, o, path) : -1;
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
    for (int i = 0; b && i < n; i++)
        Py_XDECREF(b[i].reason);
    free(b);
    Py_DECREF(codes);
    if (gm.ctx)
        gj_module_free(&gm);
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
