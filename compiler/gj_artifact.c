/* The gccjit side of an artifact: the PyInit function that hands the
 * embedded code and the native entries to the runtime, the runtime
 * library linked in, and gcc run in a child process to write the .so. */
#include "config.h"
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compiler.h"
#include "gj.h"
#include "pyaot/native.h"

const char *pa_runtime_library(void)
{
    static char path[PATH_MAX + 32];
    const char *env = getenv("PYAOT_RUNTIME");
    if (env && *env)
        return env;
    /* Run from the build tree: the runtime is beside the compiler. */
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        self[n] = '\0';
        char *slash = strrchr(self, '/');
        if (slash) {
            *slash = '\0';
            snprintf(path, sizeof path, "%s/../runtime/libpyaot_rt.a", self);
            if (access(path, R_OK) == 0)
                return path;
        }
    }
    return PYAOT_PKGLIBDIR "/libpyaot_rt.a";
}

/* Links the runtime into the module; keeps debugging information only
 * when asked (the runtime's is most of an artifact's size: 400 KB
 * against 50 KB of code). */
void gj_link_runtime(gj_module *gm, bool debug)
{
    gcc_jit_context_add_driver_option(gm->ctx, pa_runtime_library());
    if (debug)
        gcc_jit_context_set_bool_option(gm->ctx,
                                        GCC_JIT_BOOL_OPTION_DEBUGINFO, 1);
    else
        gcc_jit_context_add_driver_option(gm->ctx, "-Wl,--strip-debug");
}

/* A local array of the addresses of `fns` (NULL where there is none),
 * filled in `blk`. */
static gcc_jit_lvalue *function_table(gj_module *gm, gcc_jit_function *init,
                                      gcc_jit_block *blk,
                                      gcc_jit_function **fns, int n,
                                      const char *name)
{
    gcc_jit_context *c = gm->ctx;
    gj_types *t = &gm->t;
    gcc_jit_type *tab_t = gcc_jit_context_new_array_type(c, NULL, t->voidp,
                                                         n > 0 ? n : 1);
    gcc_jit_lvalue *tab = gcc_jit_function_new_local(init, NULL, tab_t, name);
    for (int i = 0; i < n; i++) {
        gcc_jit_rvalue *fp =
            fns[i] ? gcc_jit_context_new_cast(
                          c, NULL, gcc_jit_function_get_address(fns[i], NULL),
                          t->voidp)
                    : gcc_jit_context_null(c, t->voidp);
        gcc_jit_block_add_assignment(
            blk, NULL,
            gcc_jit_context_new_array_access(
                c, NULL, gcc_jit_lvalue_as_rvalue(tab),
                gcc_jit_context_new_rvalue_from_int(c, t->int_, i)),
            fp);
    }
    return tab;
}

/* PyInit_<name>: passes the embedded code and the entry tables to the
 * runtime, which checks the interpreter version before anything else. */
void gj_emit_pyinit(gj_module *gm, const char *name, PyObject *blob,
                    gcc_jit_function **fns, gcc_jit_function **enters, int n)
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

    gcc_jit_lvalue *tab = function_table(gm, init, blk, fns, n, "entries");
    gcc_jit_lvalue *enter_tab =
        function_table(gm, init, blk, enters, n, "enters");
    gcc_jit_type *ulong = gcc_jit_context_get_type(c, GCC_JIT_TYPE_UNSIGNED_LONG);
    gcc_jit_type *cstr = gcc_jit_context_get_type(c, GCC_JIT_TYPE_CONST_CHAR_PTR);
    gcc_jit_param *ps[] = {
        gcc_jit_context_new_param(c, NULL, cstr, "name"),
        gcc_jit_context_new_param(c, NULL, ulong, "version"),
        gcc_jit_context_new_param(c, NULL, t->charp, "code"),
        gcc_jit_context_new_param(c, NULL, t->ssize, "size"),
        gcc_jit_context_new_param(c, NULL, gcc_jit_type_get_pointer(t->voidp),
                                  "entries"),
        gcc_jit_context_new_param(c, NULL, gcc_jit_type_get_pointer(t->voidp),
                                  "enters"),
        gcc_jit_context_new_param(c, NULL, t->int_, "n"),
    };
    gcc_jit_function *rt_init = gcc_jit_context_new_function(
        c, NULL, GCC_JIT_FUNCTION_IMPORTED, t->objp, PYAOT_INIT_SYMBOL, 7, ps,
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
        gcc_jit_lvalue_get_address(
            gcc_jit_context_new_array_access(
                c, NULL, gcc_jit_lvalue_as_rvalue(enter_tab),
                gcc_jit_context_zero(c, t->int_)),
            NULL),
        gcc_jit_context_new_rvalue_from_int(c, t->int_, n),
    };
    gcc_jit_block_end_with_return(
        blk, NULL, gcc_jit_context_new_call(c, NULL, rt_init, 7, args));
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
 * (*fd) and are reported as one line by finish_gcc. */
static pid_t start_gcc(gcc_jit_context *ctx, enum gcc_jit_output_kind kind,
                       const char *module, const char *path, int *fd)
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
        gcc_jit_context_compile_to_file(ctx, kind, path);
        const char *err = gcc_jit_context_get_first_error(ctx);
        if (err)
            fprintf(stderr, "%s\n", err);
        fflush(stderr);
        _exit(err ? 1 : 0);
    }
    close(fds[1]);
    *fd = fds[0];
    return pid;
}

/* 0 when the child wrote `path`, else -1 with its message. */
static int finish_gcc(pid_t pid, int fd, const char *module, const char *path)
{
    char msg[512];
    first_line(fd, msg, sizeof msg);
    close(fd);
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
        access(path, F_OK) == 0)
        return 0;
    fprintf(stderr, "pyaot: %s: code generation failed: %s\n", module,
            msg[0] ? msg : "the gcc-12 toolchain (as, ld) is missing?");
    return -1;
}

int gj_compile_to_file(gj_module *gm, const char *module, const char *tmp)
{
    int fd;
    pid_t pid = start_gcc(gm->ctx, GCC_JIT_OUTPUT_KIND_DYNAMIC_LIBRARY, module,
                          tmp, &fd);
    return pid < 0 ? -1 : finish_gcc(pid, fd, module, tmp);
}

gcc_jit_function *gj_import_native(gj_module *gm, const char *symbol)
{
    gj_types *t = &gm->t;
    gcc_jit_param *params[] = {
        gcc_jit_context_new_param(gm->ctx, NULL, t->voidp, "tstate"),
        gcc_jit_context_new_param(gm->ctx, NULL, t->voidp, "frame"),
        gcc_jit_context_new_param(gm->ctx, NULL, t->int_, "throwflag"),
    };
    return gcc_jit_context_new_function(gm->ctx, NULL,
                                        GCC_JIT_FUNCTION_IMPORTED, t->objp,
                                        symbol, 3, params, 0);
}

/* Each part to an object file beside `tmp`, all at once, then one link
 * of them and the runtime into `tmp` (through an empty context, so that
 * no gcc driver program is needed beyond libgccjit's). */
int gj_compile_parts(gj_module *parts, int n, const char *module,
                     const char *tmp, bool debug)
{
    char (*objs)[PATH_MAX] = calloc((size_t)n, sizeof *objs);
    pid_t *pids = calloc((size_t)n, sizeof *pids);
    int *fds = calloc((size_t)n, sizeof *fds);
    int rc = objs && pids && fds ? 0 : -1;
    int started = 0;
    for (; rc == 0 && started < n; started++) {
        snprintf(objs[started], PATH_MAX, "%s.part%d.o", tmp, started);
        pids[started] = start_gcc(parts[started].ctx,
                                  GCC_JIT_OUTPUT_KIND_OBJECT_FILE, module,
                                  objs[started], &fds[started]);
        if (pids[started] < 0)
            rc = -1;
    }
    for (int i = 0; i < started; i++)
        if (pids[i] >= 0 && finish_gcc(pids[i], fds[i], module, objs[i]) < 0)
            rc = -1;
    gcc_jit_context *link = rc == 0 ? gcc_jit_context_acquire() : NULL;
    if (link) {
        for (int i = 0; i < n; i++)
            gcc_jit_context_add_driver_option(link, objs[i]);
        /* The parts' functions are exported to reach each other; bound
         * here, so that a process loading modules RTLD_GLOBAL never sends
         * one module's references to another's functions of that name. */
        gcc_jit_context_add_driver_option(link, "-Wl,-Bsymbolic");
        gj_module shell = {.ctx = link};
        gj_link_runtime(&shell, debug);
        int fd;
        pid_t pid = start_gcc(link, GCC_JIT_OUTPUT_KIND_DYNAMIC_LIBRARY,
                              module, tmp, &fd);
        rc = pid < 0 ? -1 : finish_gcc(pid, fd, module, tmp);
        gcc_jit_context_release(link);
    } else {
        rc = -1;
    }
    for (int i = 0; objs && i < started; i++)
        unlink(objs[i]);
    free(objs);
    free(pids);
    free(fds);
    return rc;
}
