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
    "usage: pyaot compile [-o DIR | --cache [--check-source=hash|mtime]]\n"
    "                     [-O0|-O1|-O2|-O3] [--all-levels] [-g] [-j N]\n"
    "                     [--exclude GLOB] [-v]\n"
    "                     PATH...\n"
    "       pyaot dis [--exclude GLOB] PATH...\n"
    "       pyaot status [--exclude GLOB] [-q] PATH...\n"
    "       pyaot hook install|uninstall|show [--site DIR]\n"
    "       pyaot stdlib compile|status|remove [-j N] [--lib DIR] [--tests]\n"
    "       pyaot wheel [-o DIR] [--keep-source] [--exclude GLOB] [-j N]\n"
    "                   [-O0..-O3] WHEEL...\n"
    "       pyaot --help | --version\n"
    "\n"
    "Compiles Python modules ahead of time to native extension modules for\n"
    "Python " PYAOT_PYTHON_VERSION ". Each PATH is a .py source, a .pyc file or a directory\n"
    "(a package or a source tree), which is walked for *.py files, skipping\n"
    "hidden directories, __pycache__ and symbolic links to directories.\n"
    "NAME.py becomes NAME" PYAOT_EXT_SUFFIX ",\n"
    "which `import NAME` loads in place of the source. Code the compiler\n"
    "cannot lower yet stays interpreted.\n"
    "\n"
    "commands:\n"
    "  compile        write NAME" PYAOT_EXT_SUFFIX " next to each source\n"
    "  dis            print the lowered form of every code object\n"
    "  status         tell which sources have fresh, stale or missing cached\n"
    "                 artifacts (--cache); exit status 1 unless all are fresh\n"
    "  hook           install or remove the .pth file that enables the import\n"
    "                 hook for cached artifacts at every start of Python\n"
    "  stdlib         compile this Python's whole standard library into cached\n"
    "                 artifacts once (again: only what is not fresh), report\n"
    "                 on them, or remove them (`pyaot stdlib --help`)\n"
    "  wheel          turn pure-Python wheels into platform wheels of compiled\n"
    "                 modules (`pyaot wheel --help` for its options)\n"
    "\n"
    "options:\n"
    "  -o DIR         write the modules into DIR (created if missing); the\n"
    "                 files of a directory PATH keep their layout under\n"
    "                 DIR/<the directory's name>/: `-o out pkg` writes\n"
    "                 out/pkg/sub/mod" PYAOT_EXT_SUFFIX " for pkg/sub/mod.py\n"
    "  --cache        leave the sources in place and write each artifact as\n"
    "                 __pycache__/NAME." PYAOT_CACHE_TAG ".pyaot.so, stamped with its\n"
    "                 source; the import hook (import pyaot.hook, `pyaot hook\n"
    "                 install` or PYAOT=1) loads it while the source matches;\n"
    "                 under PYTHONPYCACHEPREFIX=DIR, as DIR/<the source's\n"
    "                 absolute directory>/NAME." PYAOT_CACHE_TAG ".pyaot.so\n"
    "  --check-source=hash|mtime\n"
    "                 how a cached artifact is matched to its source: by\n"
    "                 importlib's source hash (default) or by size and mtime\n"
    "  -O0 .. -O3     optimisation level (default -O1, tuned for compile\n"
    "                 time; -O2 and -O3 are gcc's)\n"
    "  --all-levels   also compile natively the code that python -OO runs\n"
    "                 differently (functions with docstrings); without it\n"
    "                 that code runs in the interpreter under -OO (each\n"
    "                 module carries its code for -O0, -O and -OO)\n"
    "  -g             keep debugging information in the modules (for gdb;\n"
    "                 without it they are about eight times smaller)\n"
    "  -j N, --jobs=N compile N modules at a time, in N processes (default:\n"
    "                 the number of online CPUs); with fewer modules than N,\n"
    "                 each module's code is split over the spare processes\n"
    "  --exclude GLOB skip the files of a directory PATH whose path relative\n"
    "                 to it, or whose name, matches GLOB (fnmatch; `*` also\n"
    "                 matches `/`); a matching directory is skipped whole;\n"
    "                 repeatable, e.g. --exclude 'tests/*' --exclude setup.py\n"
    "  -v             report, per function, whether it was compiled\n"
    "                 natively or falls back to the interpreter, and why\n"
    "  -h, --help     show this help and exit\n"
    "  --version      show the version and exit\n"
    "\n"
    "On a terminal, compile prints a line per module as it finishes. When a\n"
    "directory is compiled, or with -v, it ends with a summary line: modules\n"
    "compiled and failed, functions native and falling back, time taken.\n"
    "\n"
    "Exit status: 0 when every module was compiled, 1 when any failed (the\n"
    "others are still written), 2 for a usage error.\n";

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

enum {
    OPT_EXCLUDE = 256, OPT_CACHE, OPT_CHECK_SOURCE, OPT_ALL_LEVELS,
    MAX_JOBS = 1024
};

/* The commands written in Python, in the pyaot package. */
static int python_command(const char *cmd)
{
    return strcmp(cmd, "status") == 0 || strcmp(cmd, "hook") == 0 ||
           strcmp(cmd, "wheel") == 0 || strcmp(cmd, "stdlib") == 0;
}

/* One option; returns -1 to go on, or the exit status to stop with. */
static int take_option(int c, pa_options *o, pa_batch *b, char **argv)
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
    case 'g':
        o->debug = 1;
        return -1;
    case 'j': {
        char *end;
        errno = 0;
        long n = strtol(optarg, &end, 10);
        if (end == optarg || *end || errno || n < 1 || n > MAX_JOBS)
            return usage_error("bad number of jobs (1 to 1024)", optarg);
        b->jobs = (int)n;
        return -1;
    }
    case OPT_EXCLUDE:
        b->excludes[b->nexcludes++] = optarg;
        return -1;
    case OPT_CACHE:
        o->cache = 1;
        return -1;
    case OPT_ALL_LEVELS:
        o->all_levels = 1;
        return -1;
    case OPT_CHECK_SOURCE:
        if (strcmp(optarg, "hash") == 0)
            o->check_source = PA_CHECK_HASH;
        else if (strcmp(optarg, "mtime") == 0)
            o->check_source = PA_CHECK_MTIME;
        else
            return usage_error("--check-source takes hash or mtime", optarg);
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
        {"jobs", required_argument, NULL, 'j'},
        {"exclude", required_argument, NULL, OPT_EXCLUDE},
        {"cache", no_argument, NULL, OPT_CACHE},
        {"check-source", required_argument, NULL, OPT_CHECK_SOURCE},
        {"all-levels", no_argument, NULL, OPT_ALL_LEVELS},
        {NULL, 0, NULL, 0},
    };
    pa_options o = {.opt_level = 1};
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    pa_batch b = {.jobs = cpus < 1 ? 1 : cpus > MAX_JOBS ? MAX_JOBS : (int)cpus,
                  .excludes = calloc(argc, sizeof(char *))};
    int c, rc;
    if (!b.excludes)
        return 1;
    opterr = 0; /* our own one-line messages */
    /* Options may come before and after the command. */
    while ((c = getopt_long(argc, argv, "+ho:O:vgj:", longopts, NULL)) != -1)
        if ((rc = take_option(c, &o, &b, argv)) >= 0)
            return rc;
    if (optind >= argc)
        return usage_error("no command given", NULL);
    const char *cmd = argv[optind++];
    if (python_command(cmd)) {
        if (optind > 2)
            return usage_error("options go after the command", cmd);
        if (pa_start_python() < 0) {
            fprintf(stderr, "pyaot: cannot start Python %s\n",
                    PYAOT_PYTHON_VERSION);
            return 1;
        }
        rc = pa_python_command(argv + optind - 1, argc - optind + 1);
        free(b.excludes);
        if (Py_FinalizeEx() < 0 && rc == 0)
            rc = 1;
        return rc;
    }
    if (strcmp(cmd, "compile") != 0 && strcmp(cmd, "dis") != 0)
        return usage_error("unknown command", cmd);
    /* Rescan the rest, command as argv[0], letting options follow files. */
    argv += optind - 1;
    argc -= optind - 1;
    optind = 0;
    while ((c = getopt_long(argc, argv, "ho:O:vgj:", longopts, NULL)) != -1)
        if ((rc = take_option(c, &o, &b, argv)) >= 0)
            return rc;
    if (optind >= argc)
        return usage_error("no input files", NULL);
    if (o.cache && o.out_dir)
        return usage_error("--cache writes into __pycache__ beside each "
                           "source; it does not take -o", NULL);
    if (o.check_source != PA_CHECK_HASH && !o.cache)
        return usage_error("--check-source goes with --cache", NULL);
    if (o.out_dir) {
        /* A missing directory is made as the first module is written. */
        struct stat st;
        errno = 0;
        if (stat(o.out_dir, &st) < 0 ? errno != ENOENT : !S_ISDIR(st.st_mode)) {
            fprintf(stderr, "pyaot: %s: %s\n", o.out_dir,
                    errno && errno != ENOTDIR ? strerror(errno)
                                              : "not a directory");
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
    rc = pa_batch_run(cmd, argv + optind, argc - optind, &o, &b);
    free(b.excludes);
    if (Py_FinalizeEx() < 0)
        rc = 1;
    return rc;
}
