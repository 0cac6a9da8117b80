/* An artifact's module initialisation: version check, then (multi-phase
 * exec) unmarshal the code tree, attach native entries, run the body. */
#include <stdlib.h>
#include <sys/stat.h>

#include "runtime.h"
#include "internal/pycore_moduleobject.h"
#include <marshal.h>
#include "pyaot/native.h"
#include "pyaot/codetree.h"

PyObject *pyaot_artifact_init(const char *name, unsigned long version,
                              const char *code, Py_ssize_t size,
                              void **entries, void **enters, int n)
    __attribute__((visibility("hidden")));

/* This artifact's own data (the runtime is linked into each artifact).
 * What belongs to one module object (one per interpreter that imports
 * it) lives in that module, not here. */
static struct {
    const char *code;
    Py_ssize_t size;
    void **entries; /* per code object: its native entry, its call entry */
    int n;
} art;

static PyObject *stats_function(PyObject *codes, PyObject *keys);

/* "qualname:firstline", with "#2", "#3"... for the second and later code
 * objects that would get the same key (two lambdas on one line). */
static PyObject *report_key(PyObject *report, PyCodeObject *co)
{
    PyObject *key = PyUnicode_FromFormat("%U:%d", co->co_qualname,
                                         co->co_firstlineno);
    for (int k = 2; key; k++) {
        int taken = PyDict_Contains(report, key);
        if (taken <= 0)
            return taken < 0 ? (Py_DECREF(key), NULL) : key;
        Py_DECREF(key);
        key = PyUnicode_FromFormat("%U:%d#%d", co->co_qualname,
                                   co->co_firstlineno, k);
    }
    return NULL;
}

/* Attaches the native and call entries from `entries` on (two per code
 * object); returns the {key: status} report and fills `keys` with each
 * code object's key. */
static PyObject *attach(rt_shared *sh, PyObject *codes, PyObject *reasons,
                        void **entries, PyObject *keys)
{
    Py_ssize_t n = PyList_GET_SIZE(codes);
    PyObject *report = PyDict_New();
    for (Py_ssize_t i = 0; report && i < n; i++) {
        PyCodeObject *co = (PyCodeObject *)PyList_GET_ITEM(codes, i);
        PyObject *why = PyTuple_GET_ITEM(reasons, i);
        void *native = entries[2 * i], *enter = entries[2 * i + 1];
        if ((native && _PyCode_SetExtra((PyObject *)co, sh->extra_index,
                                        native) < 0) ||
            (native && enter &&
             _PyCode_SetExtra((PyObject *)co, sh->enter_index, enter) < 0))
            Py_CLEAR(report);
        PyObject *key = report ? report_key(report, co) : NULL;
        PyObject *val = why == Py_None ? PyUnicode_FromString("native")
                                       : Py_NewRef(why);
        if (!key || !val || PyDict_SetItem(report, key, val) < 0 ||
            PyList_Append(keys, key) < 0)
            Py_CLEAR(report);
        Py_XDECREF(key);
        Py_XDECREF(val);
    }
    return report;
}

static int exists(PyObject *path)
{
    PyObject *bytes = PyUnicode_EncodeFSDefault(path);
    struct stat st;
    int found = bytes && stat(PyBytes_AS_STRING(bytes), &st) == 0;
    Py_XDECREF(bytes);
    PyErr_Clear();
    return found;
}

/* The .py an artifact at `file` stands for: same directory, its name up to
 * the first dot. A new reference, or NULL with an exception set. */
static PyObject *sibling_source(PyObject *file)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(file);
    Py_ssize_t slash = PyUnicode_FindChar(file, '/', 0, n, -1);
    Py_ssize_t dot = PyUnicode_FindChar(file, '.', slash + 1, n, 1);
    if (dot < 0)
        dot = n;
    PyObject *stem = PyUnicode_Substring(file, 0, dot);
    PyObject *py = stem ? PyUnicode_FromFormat("%U.py", stem) : NULL;
    Py_XDECREF(stem);
    return py;
}

/* Tracebacks and linecache read co_filename, fixed when the module was
 * compiled. Point it, as importlib does for .pyc files, at the source the
 * module was loaded for: __file__ when the import hook loaded a cached
 * artifact, else the .py beside the artifact, unless only the compiled-in
 * path exists (an artifact written elsewhere with -o). */
static int fix_filenames(PyObject *module, PyObject *code)
{
    PyObject *file = PyDict_GetItemWithError(PyModule_GetDict(module),
                                             &_Py_ID(__file__));
    if (!file || !PyUnicode_Check(file))
        return PyErr_Occurred() ? -1 : 0;
    PyObject *dot_py = PyUnicode_FromString(".py");
    if (!dot_py)
        return -1;
    Py_ssize_t is_py = PyUnicode_Tailmatch(file, dot_py, 0, PY_SSIZE_T_MAX, 1);
    Py_DECREF(dot_py);
    PyObject *source = is_py > 0 ? Py_NewRef(file) : sibling_source(file);
    if (!source)
        return -1;
    PyObject *compiled_in = ((PyCodeObject *)code)->co_filename;
    if (!exists(source) && exists(compiled_in)) {
        Py_DECREF(source);
        return 0;
    }
    PyObject *imp = PyImport_ImportModule("_imp");
    PyObject *r = imp ? PyObject_CallMethod(imp, "_fix_co_filename", "OO",
                                            code, source)
                      : NULL;
    Py_XDECREF(imp);
    Py_DECREF(source);
    Py_XDECREF(r);
    return r ? 0 : -1;
}

/* The artifact carries the module's code at each python optimisation
 * level it has ((code, reasons) or None: a .pyc's one level serves all);
 * its entry table has those levels' entries one after the other. Finds
 * the level this interpreter runs at, its code list and its entries. */
static PyObject *level_to_run(PyObject *levels, PyObject **code,
                              PyObject **reasons, void ***entries)
{
    int want = _PyInterpreterState_GetConfig(PyInterpreterState_Get())
                   ->optimization_level;
    want = want < 0 ? 0 : want > 2 ? 2 : want;
    PyObject *codes = NULL, *chosen = NULL;
    Py_ssize_t at = 0, chosen_at = 0;
    bool ok = PyTuple_Check(levels) && PyTuple_GET_SIZE(levels) == 3;
    for (int k = 0; ok && k < 3; k++) {
        PyObject *pair = PyTuple_GET_ITEM(levels, k);
        if (pair == Py_None)
            continue;
        PyObject *list = PyTuple_Check(pair) && PyTuple_GET_SIZE(pair) == 2 &&
                                 PyCode_Check(PyTuple_GET_ITEM(pair, 0))
                             ? pyaot_code_list(PyTuple_GET_ITEM(pair, 0))
                             : NULL;
        PyObject *why = list ? PyTuple_GET_ITEM(pair, 1) : NULL;
        ok = why && PyTuple_Check(why) &&
             PyTuple_GET_SIZE(why) == PyList_GET_SIZE(list);
        if (ok && (k == want || !chosen)) {
            Py_XSETREF(codes, Py_NewRef(list));
            chosen = pair;
            chosen_at = at;
        }
        at += list ? PyList_GET_SIZE(list) : 0;
        Py_XDECREF(list);
    }
    if (!ok || !chosen || at != art.n) {
        Py_XDECREF(codes);
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ImportError,
                            "pyaot: artifact code table does not match its "
                            "code");
        return NULL;
    }
    *code = PyTuple_GET_ITEM(chosen, 0);
    *reasons = PyTuple_GET_ITEM(chosen, 1);
    *entries = art.entries + 2 * chosen_at;
    return codes;
}

static int exec_module(PyObject *module)
{
    /* PyModule_ExecDef leaves md_state set to mark the module initialised,
     * which makes importlib.reload() a no-op for extension modules. A
     * source module's body runs again on reload, so drop the mark (m_size
     * is 0: no state lives there). */
    PyModuleObject *md = (PyModuleObject *)module;
    PyMem_Free(md->md_state);
    md->md_state = NULL;
    rt_shared *sh = rt_shared_get();
    if (!sh)
        return -1;
    PyObject *levels = PyMarshal_ReadObjectFromString(art.code, art.size);
    if (!levels)
        return -1;
    int rc = -1;
    PyObject *keys = NULL, *report = NULL, *result = NULL;
    PyObject *stats_fn = NULL, *code, *reasons;
    void **entries;
    PyObject *codes = level_to_run(levels, &code, &reasons, &entries);
    if (!codes || fix_filenames(module, code) < 0 ||
        !(keys = PyList_New(0)))
        goto done;
    report = attach(sh, codes, reasons, entries, keys);
    if (!report || PyModule_AddObjectRef(module, "__pyaot__", report) < 0 ||
        !(stats_fn = stats_function(codes, keys)) ||
        PyModule_AddObjectRef(module, "__pyaot_stats__", stats_fn) < 0)
        goto done;
    PyObject *globals = PyModule_GetDict(module);
    if (PyDict_GetItemString(globals, "__builtins__") == NULL &&
        PyDict_SetItemString(globals, "__builtins__",
                             PyEval_GetBuiltins()) < 0)
        goto done;
    result = PyEval_EvalCode(code, globals, globals);
    rc = result ? 0 : -1;
done:
    Py_XDECREF(result);
    Py_XDECREF(report);
    Py_XDECREF(stats_fn);
    Py_XDECREF(keys);
    Py_XDECREF(codes);
    Py_DECREF(levels);
    return rc;
}

/* {key: native entries} of a module's code objects. */
static PyObject *entry_counts(rt_shared *sh, PyObject *codes, PyObject *keys)
{
    PyObject *counts = PyDict_New();
    for (Py_ssize_t i = 0; counts && i < PyList_GET_SIZE(codes); i++) {
        PyCodeObject *co = (PyCodeObject *)PyList_GET_ITEM(codes, i);
        PyObject *count = PyLong_FromUnsignedLongLong(rt_entry_count(sh, co));
        if (!count || PyDict_SetItem(counts, PyList_GET_ITEM(keys, i), count) < 0)
            Py_CLEAR(counts);
        Py_XDECREF(count);
    }
    return counts;
}

/* `self` is the module's (code objects, their keys). */
static PyObject *stats(PyObject *self, PyObject *unused)
{
    (void)unused;
    rt_shared *sh = rt_shared_get();
    if (!sh)
        return NULL;
    if (sh->count_index < 0)
        return Py_BuildValue("{s:K}", "native_calls", sh->native_calls);
    return Py_BuildValue("{s:K,s:N}", "native_calls", sh->native_calls,
                         "entries",
                         entry_counts(sh, PyTuple_GET_ITEM(self, 0),
                                      PyTuple_GET_ITEM(self, 1)));
}

static PyMethodDef stats_def = {
    "__pyaot_stats__", stats, METH_NOARGS,
    "Counters of the pyaot runtime shared by all compiled modules; with "
    "PYAOT_COUNT_ENTRIES=1, also this module's native entries per code "
    "object.",
};

static PyObject *stats_function(PyObject *codes, PyObject *keys)
{
    /* Its __module__ is pyaot's, not the module's: tools that collect a
     * module's own functions (doctest's finder, pydoc) leave it out, as
     * the interpreted module has no such function. */
    PyObject *self = PyTuple_Pack(2, codes, keys);
    PyObject *owner = self ? PyUnicode_FromString("pyaot") : NULL;
    PyObject *fn = owner ? PyCFunction_NewEx(&stats_def, self, owner) : NULL;
    Py_XDECREF(owner);
    Py_XDECREF(self);
    return fn;
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, (void *)exec_module},
    {0, NULL},
};

static PyModuleDef def = {
    PyModuleDef_HEAD_INIT, .m_size = 0, .m_slots = slots,
};

/* Only Py_Version and stable calls before the check: an artifact loaded
 * by another minor version must fail with ImportError, not crash. */
PyObject *pyaot_artifact_init(const char *name, unsigned long version,
                              const char *code, Py_ssize_t size,
                              void **entries, void **enters, int n)
{
    unsigned long running = PYAOT_VERSION_OF(Py_Version);
    if (running != version || version != PYAOT_TARGET_VERSION) {
        PyErr_Format(PyExc_ImportError,
                     "%s was compiled by pyaot for Python %lu.%lu and cannot "
                     "be loaded by Python %lu.%lu",
                     name, version >> 24, (version >> 16) & 0xFF,
                     running >> 24, (running >> 16) & 0xFF);
        return NULL;
    }
    art.code = code;
    art.size = size;
    art.n = n;
    art.entries = malloc((n ? 2 * n : 1) * sizeof *entries);
    if (!art.entries)
        return PyErr_NoMemory();
    for (int i = 0; i < n; i++) {
        art.entries[2 * i] = entries[i];
        art.entries[2 * i + 1] = enters[i];
    }
    def.m_name = name;
    return PyModuleDef_Init(&def);
}
