/* Cached artifacts (`pyaot compile --cache`): where they go, and the
 * source stamp appended to them, which the import hook checks before it
 * loads one. The format is described in pyaot/stamp.h. */
#include "config.h"
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compiler.h"
#include "pyaot/stamp.h"

/* `dir` made absolute without touching the file system, as
 * os.path.abspath does: joined to the working directory, "." and ".."
 * and repeated slashes folded. */
static char *absolute_dir(const char *dir)
{
    char cwd[4096];
    if (dir[0] != '/' && !getcwd(cwd, sizeof cwd))
        return NULL;
    char *joined = NULL;
    if (asprintf(&joined, "%s/%s", dir[0] == '/' ? "" : cwd, dir) < 0)
        return NULL;
    char *out = joined; /* written in place: never longer than the input */
    size_t n = 0;
    for (char *p = joined; *p;) {
        while (*p == '/')
            p++;
        char *end = p + strcspn(p, "/");
        size_t len = (size_t)(end - p);
        if (len == 2 && p[0] == '.' && p[1] == '.') {
            while (n > 0 && out[--n] != '/')
                ;
        } else if (len > 0 && !(len == 1 && p[0] == '.')) {
            out[n++] = '/';
            memmove(out + n, p, len);
            n += len;
        }
        p = end;
    }
    if (n == 0)
        out[n++] = '/';
    out[n] = '\0';
    return joined;
}

/* PYTHONPYCACHEPREFIX, which the import hook reads as sys.pycache_prefix:
 * when set, cached artifacts live in a tree of their own there, as .pyc
 * files do, rather than in __pycache__ beside their sources. */
const char *pa_cache_prefix(void)
{
    const char *prefix = getenv("PYTHONPYCACHEPREFIX");
    return prefix && *prefix ? prefix : NULL;
}

char *pa_artifact_path(const char *src_dir, const char *name,
                       const pa_options *o)
{
    char *p = NULL;
    int n;
    const char *prefix = o->cache ? pa_cache_prefix() : NULL;
    if (prefix) {
        /* PREFIX/<the source directory's absolute path>/NAME.TAG.pyaot.so,
         * as hook.py's cache_path() maps it. */
        char *abs = absolute_dir(src_dir);
        n = abs ? asprintf(&p, "%s/%s/%s.%s.pyaot.so", prefix, abs + 1, name,
                           PYAOT_CACHE_TAG)
                : -1;
        free(abs);
    } else if (o->cache)
        n = asprintf(&p, "%s/__pycache__/%s.%s.pyaot.so", src_dir, name,
                     PYAOT_CACHE_TAG);
    else
        n = asprintf(&p, "%s/%s%s", o->out_dir ? o->out_dir : src_dir, name,
                     PYAOT_EXT_SUFFIX);
    return n < 0 ? NULL : p;
}

/* importlib.util.source_hash(source) as 16 hex digits; 0 or -1. */
static int source_hash(PyObject *source, char hex[17])
{
    PyObject *util = PyImport_ImportModule("importlib.util");
    PyObject *h = util ? PyObject_CallMethod(util, "source_hash", "O", source)
                       : NULL;
    Py_XDECREF(util);
    if (!h || !PyBytes_Check(h) || PyBytes_GET_SIZE(h) != 8) {
        Py_XDECREF(h);
        return -1;
    }
    const unsigned char *b = (const unsigned char *)PyBytes_AS_STRING(h);
    for (int i = 0; i < 8; i++)
        snprintf(hex + 2 * i, 3, "%02x", b[i]);
    Py_DECREF(h);
    return 0;
}

/* A file name as a JSON string body; module file names are checked to be
 * ASCII identifiers plus ".py", so only the escapes JSON needs matter. */
static void json_string(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        if ((unsigned char)*s < 0x20)
            fprintf(f, "\\u%04x", (unsigned char)*s);
        else
            fputc(*s, f);
    }
}

/* The hash of the artifact gcc wrote at `path`, for the stamp's "body". */
static int body_hash(const char *path, char hex[17])
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char *data = NULL;
    long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    int rc = size >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
                     (data = malloc(size + 1)) &&
                     fread(data, 1, size, f) == (size_t)size
                 ? 0
                 : -1;
    fclose(f);
    PyObject *bytes = rc == 0 ? PyBytes_FromStringAndSize(data, size) : NULL;
    free(data);
    rc = bytes ? source_hash(bytes, hex) : -1;
    Py_XDECREF(bytes);
    return rc;
}

int pa_append_source_stamp(const char *path, const pa_module *m,
                           const pa_options *o)
{
    char hash[17], body[17];
    if ((o->check_source == PA_CHECK_HASH && source_hash(m->source, hash) < 0) ||
        body_hash(path, body) < 0) {
        if (PyErr_Occurred())
            pa_report_exception(m->src_file);
        else
            fprintf(stderr, "pyaot: cannot read %s: %s\n", path,
                    strerror(errno));
        return -1;
    }
    char *json = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&json, &len);
    if (!mem)
        goto fail;
    fprintf(mem, "{\"format\": %d, \"soabi\": \"%s\", \"magic\": %ld, "
                 "\"optimize\": [0, 1, 2], \"body\": \"%s\", \"source\": \"",
            PYAOT_STAMP_FORMAT, PYAOT_SOABI, PyImport_GetMagicNumber(), body);
    json_string(mem, m->src_file);
    fprintf(mem, "\", \"size\": %lld, ", m->src_size);
    if (o->check_source == PA_CHECK_HASH)
        fprintf(mem, "\"check\": \"hash\", \"hash\": \"%s\"}", hash);
    else
        fprintf(mem, "\"check\": \"mtime\", \"mtime_ns\": %lld}",
                m->src_mtime_ns);
    if (fclose(mem) != 0)
        goto fail;
    unsigned char size_le[4] = {len & 0xFF, (len >> 8) & 0xFF,
                                (len >> 16) & 0xFF, (len >> 24) & 0xFF};
    FILE *f = fopen(path, "ab");
    int ok = f && fwrite(json, 1, len, f) == len &&
             fwrite(size_le, 1, 4, f) == 4 &&
             fwrite(PYAOT_STAMP_TAG, 1, 8, f) == 8;
    if (f && fclose(f) != 0)
        ok = 0;
    free(json);
    if (ok)
        return 0;
fail:
    fprintf(stderr, "pyaot: cannot write %s: %s\n", path, strerror(errno));
    return -1;
}
