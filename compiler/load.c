/* Loading a module's code object: .py through this interpreter's own
 * compiler (so the bytecode is exactly the target's), .pyc by validating
 * the header and unmarshalling. */
#include "config.h"
#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>


#include "compiler.h"
#include "pyaot/codetree.h"
#include <marshal.h>

int pa_start_python(void)
{
    PyConfig config;
    PyConfig_InitIsolatedConfig(&config);
    config.install_signal_handlers = 0;
    config.write_bytecode = 0;
    /* Where libpython lives is where its stdlib is. */
    PyStatus st = PyConfig_SetBytesString(&config, &config.home,
                                          PYAOT_PYTHON_PREFIX);
    /* The commands written in Python find cached artifacts where the
     * compiler writes them (isolated mode ignores the environment). */
    if (!PyStatus_Exception(st) && pa_cache_prefix())
        st = PyConfig_SetBytesString(&config, &config.pycache_prefix,
                                     pa_cache_prefix());
    if (!PyStatus_Exception(st))
        st = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    return PyStatus_Exception(st) ? -1 : 0;
}

void pa_report_exception(const char *what)
{
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    PyObject *msg = NULL;
    if (value && PyErr_GivenExceptionMatches(value, PyExc_SyntaxError)) {
        PyObject *lineno = PyObject_GetAttrString(value, "lineno");
        PyObject *text = PyObject_GetAttrString(value, "msg");
        msg = PyUnicode_FromFormat("line %S: %s: %S", lineno,
                                   Py_TYPE(value)->tp_name, text);
        Py_XDECREF(lineno);
        Py_XDECREF(text);
    } else if (value) {
        msg = PyUnicode_FromFormat("%s: %S", Py_TYPE(value)->tp_name, value);
    }
    const char *s = msg ? PyUnicode_AsUTF8(msg) : NULL;
    fprintf(stderr, "pyaot: %s: %s\n", what, s ? s : "unknown error");
    Py_XDECREF(msg);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
    PyErr_Clear();
}

/* Reads a whole file. `st` is its status before the read, so a change made
 * while reading shows as a newer mtime than the one recorded. */
static int read_file(const char *path, char **data, size_t *len,
                     struct stat *st_out)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (f && fstat(fileno(f), &st) < 0) {
        fclose(f);
        f = NULL;
    }
    if (f && S_ISDIR(st.st_mode)) {
        fclose(f);
        f = NULL;
        errno = EISDIR;
    }
    if (!f) {
        fprintf(stderr, "pyaot: %s: %s\n", path, strerror(errno));
        return -1;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (!buf)
            break;
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *bigger = realloc(buf, cap *= 2);
        if (!bigger) {
            free(buf);
            buf = NULL;
        }
        buf = bigger;
    }
    int err = ferror(f);
    fclose(f);
    if (!buf || err) {
        fprintf(stderr, "pyaot: %s: %s\n", path,
                buf ? "read error" : "out of memory");
        free(buf);
        return -1;
    }
    *data = buf;
    *len = n;
    *st_out = st;
    return 0;
}

/* The Python version that wrote a .pyc with this magic number. */
static const char *magic_version(unsigned magic)
{
    static const struct { unsigned lo, hi; const char *version; } known[] = {
        {3360, 3379, "3.6"}, {3390, 3394, "3.7"}, {3400, 3413, "3.8"},
        {3420, 3425, "3.9"}, {3430, 3439, "3.10"}, {3450, 3495, "3.11"},
        {3500, 3531, "3.12"}, {3550, 3599, "3.13"},
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (magic >= known[i].lo && magic <= known[i].hi)
            return known[i].version;
    return NULL;
}

static PyObject *load_pyc(const char *path, const char *data, size_t len)
{
    if (len < 16) {
        fprintf(stderr, "pyaot: %s: truncated .pyc (%zu bytes)\n", path, len);
        return NULL;
    }
    unsigned magic = (unsigned char)data[0] | (unsigned char)data[1] << 8;
    bool crlf = data[2] == '\r' && data[3] == '\n';
    if (!crlf || magic != (unsigned)(PyImport_GetMagicNumber() & 0xFFFF)) {
        const char *v = crlf ? magic_version(magic) : NULL;
        if (v)
            fprintf(stderr, "pyaot: %s: .pyc made by Python %s (magic %u); "
                            "this pyaot targets Python %d.%d\n",
                    path, v, magic, PY_MAJOR_VERSION, PY_MINOR_VERSION);
        else
            fprintf(stderr, "pyaot: %s: not a .pyc file (bad magic number)\n",
                    path);
        return NULL;
    }
    unsigned flags = (unsigned char)data[4];
    if (flags & ~3u) {
        fprintf(stderr, "pyaot: %s: invalid .pyc flags %u\n", path, flags);
        return NULL;
    }
    PyObject *code = PyMarshal_ReadObjectFromString(data + 16,
                                                    (Py_ssize_t)(len - 16));
    if (!code || !PyCode_Check(code)) {
        Py_XDECREF(code);
        PyErr_Clear();
        fprintf(stderr, "pyaot: %s: corrupt .pyc (no code object)\n", path);
        return NULL;
    }
    return code;
}

static PyObject *compile_source(const char *path, const char *data,
                                size_t len, int optimize)
{
    PyObject *src = PyBytes_FromStringAndSize(data, (Py_ssize_t)len);
    /* Like importlib, make the name absolute without resolving links. */
    PyObject *rel = PyUnicode_DecodeFSDefault(path);
    PyObject *os_path = PyImport_ImportModule("os.path");
    PyObject *fname = rel && os_path
                          ? PyObject_CallMethod(os_path, "abspath", "O", rel)
                          : NULL;
    Py_XDECREF(rel);
    Py_XDECREF(os_path);
    PyObject *builtins = PyEval_GetBuiltins();
    PyObject *compile = builtins ? PyDict_GetItemString(builtins, "compile")
                                 : NULL;
    PyObject *code = NULL;
    if (src && fname && compile)
        code = PyObject_CallFunction(compile, "OOsiii", src, fname, "exec", 0,
                                     1, optimize);
    Py_XDECREF(src);
    Py_XDECREF(fname);
    if (!code)
        pa_report_exception(path);
    return code;
}

/* mod.py -> mod; mod.cpython-311.pyc -> mod. */
static char *module_name(const char *path, bool *is_pyc)
{
    char *copy = strdup(path);
    char *base = strdup(basename(copy));
    free(copy);
    size_t n = strlen(base);
    *is_pyc = n > 4 && strcmp(base + n - 4, ".pyc") == 0;
    char *dot = strchr(base, '.');
    if (dot)
        *dot = '\0';
    return base;
}

static bool valid_name(const char *s)
{
    if (!*s || (*s >= '0' && *s <= '9'))
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    return true;
}

int pa_load(const char *path, pa_module *out)
{
    memset(out, 0, sizeof *out);
    bool is_pyc;
    out->name = module_name(path, &is_pyc);
    size_t n = strlen(path);
    if (!is_pyc && !(n > 3 && strcmp(path + n - 3, ".py") == 0)) {
        fprintf(stderr, "pyaot: %s: not a .py or .pyc file\n", path);
        return -1;
    }
    if (!valid_name(out->name)) {
        fprintf(stderr, "pyaot: %s: '%s' is not a module name pyaot can "
                        "compile (ASCII identifiers only)\n", path, out->name);
        return -1;
    }
    char *copy = strdup(path);
    char *dir = dirname(copy);
    /* A .pyc under __pycache__ belongs next to its source. */
    if (is_pyc && strcmp(basename(dir), "__pycache__") == 0)
        dir = dirname(dir);
    out->src_dir = strdup(dir);
    free(copy);
    copy = strdup(path);
    out->src_file = strdup(basename(copy));
    free(copy);
    char *data;
    size_t len;
    struct stat st;
    if (read_file(path, &data, &len, &st) < 0)
        return -1;
    out->src_size = (long long)st.st_size;
    out->src_mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL +
                        st.st_mtim.tv_nsec;
    out->code = is_pyc ? load_pyc(path, data, len)
                       : compile_source(path, data, len, 0);
    for (int level = 1; level <= 2 && out->code && !is_pyc; level++)
        if (!(out->optimized[level - 1] =
                  compile_source(path, data, len, level)))
            Py_CLEAR(out->code);
    if (out->code && !is_pyc &&
        !(out->source = PyBytes_FromStringAndSize(data, (Py_ssize_t)len))) {
        pa_report_exception(path);
        Py_CLEAR(out->code);
    }
    free(data);
    return out->code ? 0 : -1;
}

void pa_module_clear(pa_module *m)
{
    free(m->name);
    free(m->src_dir);
    free(m->src_file);
    Py_XDECREF(m->code);
    Py_XDECREF(m->optimized[0]);
    Py_XDECREF(m->optimized[1]);
    Py_XDECREF(m->source);
    memset(m, 0, sizeof *m);
}

PyObject *pa_code_objects(PyObject *top)
{
    return pyaot_code_list(top);
}
