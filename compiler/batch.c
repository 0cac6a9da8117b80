/* Many modules at once: PATH arguments are files or directories (walked
 * for *.py but __main__.py, keeping their layout under -o), and `pyaot
 * compile` runs up to -j worker processes. libgccjit serialises
 * compilation within a process, so each module is loaded, lowered and
 * compiled in a child forked from the driver once its embedded Python is
 * up (no threads exist then). A child's stderr (messages, the -v report) comes back through a pipe and
 * is printed whole when it ends, so reports never interleave; its counts
 * of native and fallback code objects come back through a second pipe. */
#include "config.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "compiler.h"

/* One module to compile. */
typedef struct job {
    char *path;    /* the file, as given or joined to a directory argument */
    char *out_dir; /* where its module goes; NULL: next to the source */
    int walked;    /* found by walking a directory */
} job;

typedef struct job_list {
    job *v;
    int n, cap;
    int failed; /* walk errors: directories that cannot be read, ... */
    int dups;   /* modules dropped for overwriting an earlier one's */
} job_list;

static char *join(const char *a, const char *b)
{
    if (!a || !*a)
        return strdup(b);
    if (!*b)
        return strdup(a);
    size_t la = strlen(a);
    while (la > 1 && a[la - 1] == '/')
        la--;
    size_t n = la + strlen(b) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%.*s/%s", (int)la, a, b);
    return p;
}

static int add_job(job_list *l, char *path, char *out_dir, int walked)
{
    if (!path || (l->n == l->cap &&
                  !(l->v = realloc(l->v, (l->cap = l->cap ? 2 * l->cap : 64) *
                                             sizeof *l->v)))) {
        fprintf(stderr, "pyaot: out of memory\n");
        exit(1);
    }
    l->v[l->n++] = (job){path, out_dir, walked};
    return 0;
}

static int excluded(const pa_batch *b, const char *rel, const char *base)
{
    for (int i = 0; i < b->nexcludes; i++)
        if (fnmatch(b->excludes[i], rel, 0) == 0 ||
            fnmatch(b->excludes[i], base, 0) == 0)
            return 1;
    return 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcmp(s + n - k, suffix) == 0;
}

/* Walks `dir` (the argument joined with `rel`) for *.py files, in name
 * order; hidden entries, __pycache__ and symbolic links to directories are
 * skipped. `out` is the output directory matching `dir`, or NULL. */
static void walk(job_list *l, const pa_batch *b, const char *dir,
                 const char *rel, const char *out)
{
    struct dirent **ents;
    int n = scandir(dir, &ents, NULL, alphasort);
    if (n < 0) {
        fprintf(stderr, "pyaot: %s: %s\n", dir, strerror(errno));
        l->failed++;
        return;
    }
    for (int i = 0; i < n; i++) {
        const char *name = ents[i]->d_name;
        if (name[0] == '.' || strcmp(name, "__pycache__") == 0)
            continue;
        char *path = join(dir, name);
        char *sub = join(rel, name);
        struct stat st;
        if (!path || !sub) {
            fprintf(stderr, "pyaot: out of memory\n");
            exit(1);
        }
        if (lstat(path, &st) < 0) {
            fprintf(stderr, "pyaot: %s: %s\n", path, strerror(errno));
            l->failed++;
        } else if (S_ISDIR(st.st_mode)) {
            if (!excluded(b, sub, name)) {
                char *sub_out = out ? join(out, name) : NULL;
                walk(l, b, path, sub, sub_out);
                free(sub_out);
            }
        } else if (ends_with(name, ".py") && !excluded(b, sub, name) &&
                   /* runpy needs __main__'s code object: `python -m pkg`
                    * fails on a compiled __main__, so it stays source. */
                   strcmp(name, "__main__.py") != 0 &&
                   (!S_ISLNK(st.st_mode) ||
                    (stat(path, &st) == 0 && S_ISREG(st.st_mode)))) {
            add_job(l, path, out ? strdup(out) : NULL, 1);
            path = NULL;
        }
        free(path);
        free(sub);
    }
    for (int i = 0; i < n; i++)
        free(ents[i]);
    free(ents);
}

/* The last component of a directory argument, or "" for ".", ".." and "/"
 * (their files go straight into -o DIR). A new string. */
static char *own_name(const char *dir)
{
    char *copy = strdup(dir);
    size_t n = strlen(copy);
    while (n > 1 && copy[n - 1] == '/')
        copy[--n] = '\0';
    char *slash = strrchr(copy, '/');
    char *base = slash ? slash + 1 : copy;
    char *name = strdup(strcmp(base, ".") == 0 || strcmp(base, "..") == 0 ||
                                strcmp(base, "/") == 0 || !*base
                            ? ""
                            : base);
    free(copy);
    return name;
}

static void expand(job_list *l, const pa_batch *b, const pa_options *o,
                   const char *arg)
{
    struct stat st;
    if (stat(arg, &st) < 0 || !S_ISDIR(st.st_mode)) {
        /* A file, or an error pa_load reports. */
        add_job(l, strdup(arg), o->out_dir ? strdup(o->out_dir) : NULL, 0);
        return;
    }
    int before = l->n, failed = l->failed;
    char *name = own_name(arg);
    char *out = o->out_dir ? join(o->out_dir, name) : NULL;
    walk(l, b, arg, "", out);
    free(out);
    free(name);
    if (l->n == before && l->failed == failed) {
        fprintf(stderr, "pyaot: %s: no .py files%s\n", arg,
                b->nexcludes ? " left after --exclude" : "");
        l->failed++;
    }
}

/* Where pa_load and pa_compile will put a job's module: the source's
 * directory (for a .pyc in __pycache__, its source's) and module name.
 * New strings in *dir and *name. */
static void job_target(const job *j, char **dir_out, char **name_out)
{
    char *copy = strdup(j->path);
    char *slash = strrchr(copy, '/');
    char *base = slash ? slash + 1 : copy;
    const char *dir = ".";
    if (slash) {
        *slash = '\0';
        dir = slash == copy ? "/" : copy;
        /* A .pyc in __pycache__ belongs next to its source. */
        char *up = strrchr(copy, '/');
        if (ends_with(base, ".pyc") &&
            strcmp(up ? up + 1 : copy, "__pycache__") == 0)
            dir = up ? (*up = '\0', up == copy ? "/" : copy) : ".";
    }
    char *dot = strchr(base, '.');
    if (dot)
        *dot = '\0';
    *dir_out = strdup(dir);
    *name_out = strdup(base);
    free(copy);
}

/* The artifact a job writes. */
static char *output_key(const job *j, const pa_options *o)
{
    char *dir, *name;
    job_target(j, &dir, &name);
    pa_options mine = *o;
    mine.out_dir = j->out_dir;
    char *key = pa_artifact_path(dir, name, &mine);
    free(dir);
    free(name);
    return key;
}

/* Drops a job whose module would overwrite an earlier job's. */
static void drop_duplicates(job_list *l, const pa_options *o)
{
    char **keys = calloc(l->n ? l->n : 1, sizeof *keys);
    int k = 0;
    for (int i = 0; i < l->n; i++) {
        keys[k] = output_key(&l->v[i], o);
        int dup = -1;
        for (int j = 0; j < k && dup < 0; j++)
            if (strcmp(keys[j], keys[k]) == 0)
                dup = j;
        if (dup < 0) {
            l->v[k++] = l->v[i];
            continue;
        }
        fprintf(stderr, "pyaot: %s: skipped, it would overwrite the module "
                        "of %s (%s)\n",
                l->v[i].path, l->v[dup].path, keys[k]);
        free(keys[k]);
        free(l->v[i].path);
        free(l->v[i].out_dir);
        l->dups++;
    }
    for (int i = 0; i < k; i++)
        free(keys[i]);
    free(keys);
    l->n = k;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A running child. */
typedef struct slot {
    pid_t pid;
    int job;
    int text;   /* read end of the child's stderr */
    int counts; /* read end of its counts */
    char *buf;  /* what it wrote to stderr so far */
    size_t len, cap;
    double start;
} slot;

typedef struct totals {
    int done, failed;
    long native, fallback;
} totals;

/* SIGINT, SIGTERM or SIGHUP while children run: noted here, acted on in
 * compile_all's loop. */
static volatile sig_atomic_t stop_signal;

static void note_stop(int sig)
{
    stop_signal = sig;
}

static void on_stop_signals(void (*handler)(int))
{
    struct sigaction sa = {.sa_handler = handler};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

static void child(const job *j, const pa_options *o, int text_w,
                  int counts_w)
{
    PyOS_AfterFork_Child();
    on_stop_signals(SIG_DFL);
    dup2(text_w, STDERR_FILENO);
    close(text_w);
    pa_counts c = {0, 0};
    pa_options mine = *o;
    mine.out_dir = j->out_dir;
    mine.make_dirs = j->out_dir != NULL;
    mine.label = j->walked ? j->path : NULL;
    mine.counts = &c;
    pa_module m = {0};
    int rc = o->cache && ends_with(j->path, ".pyc") ? -1 : 0;
    if (rc < 0)
        fprintf(stderr, "pyaot: %s: --cache needs the .py source (a cached "
                        "artifact records which source it matches)\n",
                j->path);
    if (rc == 0)
        rc = pa_load(j->path, &m);
    if (rc == 0)
        rc = pa_compile(&m, &mine);
    if (rc == 0 && write(counts_w, &c, sizeof c) != (ssize_t)sizeof c)
        rc = -1;
    fflush(NULL);
    _exit(rc == 0 ? 0 : 1);
}

/* Starts the child for job `i`; 0, or -1 with a message. */
static int start(slot *s, const job_list *l, int i, const pa_options *o)
{
    int text[2], counts[2];
    if (pipe2(text, O_CLOEXEC) < 0) {
        fprintf(stderr, "pyaot: %s: pipe: %s\n", l->v[i].path,
                strerror(errno));
        return -1;
    }
    if (pipe2(counts, O_CLOEXEC) < 0) {
        fprintf(stderr, "pyaot: %s: pipe: %s\n", l->v[i].path,
                strerror(errno));
        close(text[0]);
        close(text[1]);
        return -1;
    }
    fflush(NULL);
    PyOS_BeforeFork();
    pid_t pid = fork();
    if (pid == 0)
        child(&l->v[i], o, text[1], counts[1]);
    int err = errno;
    PyOS_AfterFork_Parent();
    close(text[1]);
    close(counts[1]);
    if (pid < 0) {
        fprintf(stderr, "pyaot: %s: fork: %s\n", l->v[i].path,
                strerror(err));
        close(text[0]);
        close(counts[0]);
        return -1;
    }
    *s = (slot){.pid = pid, .job = i, .text = text[0], .counts = counts[0],
                .start = now()};
    return 0;
}

/* Reads what is there; returns 1 at end of file. */
static int drain(slot *s)
{
    if (s->cap - s->len < 4096) {
        size_t cap = s->cap ? 2 * s->cap : 8192;
        char *bigger = realloc(s->buf, cap);
        if (!bigger) {
            fprintf(stderr, "pyaot: out of memory\n");
            exit(1);
        }
        s->buf = bigger;
        s->cap = cap;
    }
    ssize_t got = read(s->text, s->buf + s->len, s->cap - s->len);
    if (got < 0)
        return errno == EINTR || errno == EAGAIN ? 0 : 1;
    s->len += (size_t)got;
    return got == 0;
}

/* What a child killed by a signal had no chance to remove: its
 * temporary (see pa_write_atomically) and the object files of a split
 * compile (gj_compile_parts). */
static void remove_temporaries(const slot *s, const job_list *l,
                               const pa_options *o)
{
    char *key = output_key(&l->v[s->job], o);
    char tmp[PATH_MAX];
    if (!key || snprintf(tmp, sizeof tmp, "%s.tmp%ld", key, (long)s->pid) >=
                    (int)sizeof tmp) {
        free(key);
        return;
    }
    unlink(tmp);
    for (int p = 0; p < o->parts; p++) {
        char part[PATH_MAX + 32];
        snprintf(part, sizeof part, "%s.part%d.o", tmp, p);
        unlink(part);
    }
    free(key);
}

/* Stopped by a signal: the children killed, their temporaries removed,
 * then the signal's own end (no partial output is left behind). */
static void stop_all(slot *slots, size_t running, const job_list *l,
                     const pa_options *o)
{
    for (size_t i = 0; i < running; i++)
        kill(slots[i].pid, SIGKILL);
    for (size_t i = 0; i < running; i++) {
        while (waitpid(slots[i].pid, NULL, 0) < 0 && errno == EINTR)
            ;
        remove_temporaries(&slots[i], l, o);
    }
    int sig = stop_signal;
    on_stop_signals(SIG_DFL);
    fflush(NULL);
    raise(sig);
    _exit(128 + sig);
}

/* The child has closed its stderr: reap it, print its report. */
static void finish(slot *s, const job_list *l, const pa_options *o,
                   totals *t, int progress)
{
    int status = 0;
    while (waitpid(s->pid, &status, 0) < 0 && errno == EINTR)
        ;
    pa_counts c;
    int ok = WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
             read(s->counts, &c, sizeof c) == (ssize_t)sizeof c;
    close(s->text);
    close(s->counts);
    t->done++;
    if (ok) {
        t->native += c.native;
        t->fallback += c.fallback;
    } else {
        t->failed++;
    }
    const char *path = l->v[s->job].path;
    if (progress)
        fprintf(stderr, "[%d/%d] %s  %.1f s%s\n", t->done, l->n, path,
                now() - s->start, ok ? "" : "  failed");
    if (s->len)
        fwrite(s->buf, 1, s->len, stderr);
    if (s->len && s->buf[s->len - 1] != '\n')
        fputc('\n', stderr);
    if (WIFSIGNALED(status)) {
        fprintf(stderr, "pyaot: %s: the compiler was killed by signal %d "
                        "(%s)\n",
                path, WTERMSIG(status), strsignal(WTERMSIG(status)));
        remove_temporaries(s, l, o);
    }
    else if (!ok && !s->len)
        fprintf(stderr, "pyaot: %s: compilation failed\n", path);
    fflush(stderr);
    free(s->buf);
}

static void compile_all(const job_list *l, const pa_options *given, int jobs,
                        totals *t)
{
    /* Jobs the modules leave over go to splitting each one's code (a
     * single module: all of them). */
    pa_options split = *given;
    split.parts = l->n > 0 && l->n < jobs ? jobs / l->n : 1;
    const pa_options *o = &split;
    int progress = isatty(STDERR_FILENO) && l->n > 1;
    size_t max = (size_t)(jobs < l->n ? jobs : l->n);
    slot *slots = calloc(max ? max : 1, sizeof *slots);
    struct pollfd *fds = calloc(max ? max : 1, sizeof *fds);
    if (!slots || !fds) {
        fprintf(stderr, "pyaot: out of memory\n");
        exit(1);
    }
    size_t running = 0;
    int next = 0;
    on_stop_signals(note_stop);
    while (next < l->n || running > 0) {
        if (stop_signal)
            stop_all(slots, running, l, o);
        while (running < max && next < l->n) {
            if (start(&slots[running], l, next, o) == 0)
                running++;
            else
                t->done++, t->failed++;
            next++;
        }
        if (running == 0)
            continue;
        for (size_t i = 0; i < running; i++)
            fds[i] = (struct pollfd){.fd = slots[i].text, .events = POLLIN};
        if (poll(fds, running, -1) < 0) {
            if (errno == EINTR)
                continue; /* a stop signal is seen at the top */
            fprintf(stderr, "pyaot: poll: %s\n", strerror(errno));
            exit(1);
        }
        for (size_t i = running; i-- > 0;) {
            if (!fds[i].revents || !drain(&slots[i]))
                continue;
            finish(&slots[i], l, o, t, progress);
            slots[i] = slots[--running];
        }
    }
    on_stop_signals(SIG_DFL);
    free(slots);
    free(fds);
}

static void dis_all(const job_list *l, totals *t)
{
    for (int i = 0; i < l->n; i++) {
        pa_module m;
        int rc = pa_load(l->v[i].path, &m);
        if (rc == 0 && l->v[i].walked)
            printf(";; %s\n\n", l->v[i].path);
        if (rc == 0)
            rc = pa_dis(&m, stdout);
        pa_module_clear(&m);
        fflush(stdout);
        t->done++;
        if (rc < 0)
            t->failed++;
    }
}

int pa_batch_run(const char *cmd, char **paths, int npaths,
                 const pa_options *o, const pa_batch *b)
{
    double t0 = now();
    job_list l = {0};
    int walked = 0;
    for (int i = 0; i < npaths; i++) {
        int before = l.n;
        expand(&l, b, o, paths[i]);
        for (int k = before; k < l.n; k++)
            walked |= l.v[k].walked;
    }
    drop_duplicates(&l, o);
    totals t = {0};
    if (strcmp(cmd, "dis") == 0) {
        dis_all(&l, &t);
    } else {
        compile_all(&l, o, b->jobs, &t);
        int modules = l.n + l.dups, failed = t.failed + l.dups;
        if (o->verbose || walked || (modules > 1 && isatty(STDERR_FILENO))) {
            char nfailed[32] = "";
            if (failed)
                snprintf(nfailed, sizeof nfailed, " (%d failed)", failed);
            fprintf(stderr, "pyaot: %d module%s compiled%s, %ld function%s "
                            "native, %ld fall%s back, %.1f s\n",
                    modules, modules == 1 ? "" : "s", nfailed, t.native,
                    t.native == 1 ? "" : "s", t.fallback,
                    t.fallback == 1 ? "s" : "", now() - t0);
        }
    }
    int status = t.failed || l.failed || l.dups ? 1 : 0;
    for (int i = 0; i < l.n; i++) {
        free(l.v[i].path);
        free(l.v[i].out_dir);
    }
    free(l.v);
    return status;
}
