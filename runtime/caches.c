/* The slow side of the inline caches in generated code: do the real
 * lookup, then record what the fast side checks next time. */
#include "pyaot/helpers.h"

/* Mirrors the gccjit struct pyaot_global_cache (gj_module.c). */
typedef struct global_cache {
    uint64_t globals_version;
    uint64_t builtins_version;
    PyObject *value; /* borrowed: alive while both versions hold */
} global_cache;

PyObject *rt_load_global_cached(PyThreadState *ts, _PyInterpreterFrame *f,
                                int namei, void *site)
{
    PyObject *v = rt_load_global(ts, f, namei);
    global_cache *c = site;
    /* Versions are read after the lookup, which may run __eq__ code that
     * changes the dicts; a dict version tag is unique across all dicts. */
    if (v && PyDict_CheckExact(f->f_globals) &&
        PyDict_CheckExact(f->f_builtins)) {
        c->globals_version = ((PyDictObject *)f->f_globals)->ma_version_tag;
        c->builtins_version = ((PyDictObject *)f->f_builtins)->ma_version_tag;
        c->value = v;
    }
    return v;
}
