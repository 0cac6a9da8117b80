/* The pyaot command line: `pyaot compile` writes native extension modules,
 * `pyaot dis` lists what the compiler makes of each code object. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "compiler.h"
#include <libgccjit.h>

static const char usage[] =
    "usage: pyaot compile [-o DIR] [-O0|-O1|-O2|-O3] [-v] FILE...\n"
    "       pyaot dis FILE...\n"
    "       pyaot --help | --version\n"
    "\n"
    "Compiles Python modules ahead of time to native extension modules for\n"
    "Python " PYAOT_PYTHON_VERSION ". FILE is a .py source or a .pyc file; the result\n"
    "is MODULE" PYAOT_EXT_SUFFIX ", which `import MODULE` loads in place of the\n"
    "source. Code the compiler cannot lower yet stays interpreted.\n"
    "\n"
    "commands:\n"
    "  compile        write MODULE" PYAOT_EXT_SUFFIX " next to each FILE\n"
    "  dis            print the lowered form of every code object\n"
    "\n"
    "options:\n"
    "  -o DIR         write the modules into DIR\n"
    "  -O0 .. -O3     gcc optimisation level (default -O2)\n"
    "  -v             report, per function, whether it was compiled\n"
    "                 natively or falls back to the interpreter, and why\n"
    "  -h, --help     show this help and exit\n"
    "  --version      show the version and exit\n"
    "\n"
    "Exit status: 0 when every FILE was compiled, 1 when any failed, 2 for\n"
    "a usage error.\n";

static int usage_error(const char *msg, const char *arg);

/* The option getopt just refused, for the message. */
static int bad_option(char **argv)
{
    char buf[8];
    const char *what = argv[optind - 1];
    if (optopt) {
        snprintf(buf, sizeof buf, "-%c", optopt);
        what = buf;
    }
    return usage_error("bad option or missing argument", what);
}

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "pyaot: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    fprintf(stderr, "Try 'pyaot --help'.\n");
    return 2;
}

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

static int run(const char *cmd, char **files, int nfiles,
               const pa_options *o)
{
    int failed = 0;
    for (int i = 0; i < nfiles; i++) {
        pa_module m;
        int rc = pa_load(files[i], 0, &m);
        if (rc == 0)
            rc = strcmp(cmd, "dis") == 0 ? pa_dis(&m, stdout)
                                         : pa_compile(&m, o);
        pa_module_clear(&m);
        if (rc < 0)
            failed = 1;
    }
    return failed;
}

/* One option; returns -1 to go on, or the exit status to stop with. */
static int take_option(int c, pa_options *o, char **argv)
{
    switch (c) {
    case 'h':
        fputs(usage, stdout);
        return 0;
    case 'V':
        printf("pyaot %s (for Python %s, libgccjit %d.%d)\n", PACKAGE_VERSION,
               PYAOT_PYTHON_VERSION, gcc_jit_version_major(),
               gcc_jit_version_minor());
        return 0;
    case 'o':
        o->out_dir = optarg;
        return -1;
    case 'O':
        if (strlen(optarg) != 1 || optarg[0] < '0' || optarg[0] > '3')
            return usage_error("bad optimisation level", optarg);
        o->opt_level = optarg[0] - '0';
        return -1;
    case 'v':
        o->verbose = 1;
        return -1;
    default:
        return bad_option(argv);
    }
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    pa_options o = {.opt_level = 2};
    int c, rc;
    opterr = 0; /* our own one-line messages */
    /* Options may come before and after the command. */
    while ((c = getopt_long(argc, argv, "+ho:O:v", longopts, NULL)) != -1)
        if ((rc = take_option(c, &o, argv)) >= 0)
            return rc;
    if (optind >= argc)
        return usage_error("no command given", NULL);
    const char *cmd = argv[optind++];
    if (strcmp(cmd, "compile") != 0 && strcmp(cmd, "dis") != 0)
        return usage_error("unknown command", cmd);
    /* Rescan the rest, command as argv[0], letting options follow files. */
    argv += optind - 1;
    argc -= optind - 1;
    optind = 0;
    while ((c = getopt_long(argc, argv, "ho:O:v", longopts, NULL)) != -1)
        if ((rc = take_option(c, &o, argv)) >= 0)
            return rc;
    if (optind >= argc)
        return usage_error("no input files", NULL);
    if (o.out_dir) {
        struct stat st;
        errno = 0;
        if (stat(o.out_dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
            fprintf(stderr, "pyaot: %s: %s\n", o.out_dir,
                    errno == ENOENT ? "no such directory" : "not a directory");
            return 1;
        }
    }
    if (strcmp(cmd, "compile") == 0 &&
        access(pa_runtime_library(), R_OK) < 0) {
        fprintf(stderr, "pyaot: runtime library %s: %s\n",
                pa_runtime_library(), strerror(errno));
        return 1;
    }
    if (pa_start_python() < 0) {
        fprintf(stderr, "pyaot: cannot start Python %s\n", PYAOT_PYTHON_VERSION);
        return 1;
    }
    rc = run(cmd, argv + optind, argc - optind, &o);
    if (Py_FinalizeEx() < 0)
        rc = 1;
    return rc;
}
