/* The slow side of the inline caches in generated code: do the real
 * lookup, then record what the fast side checks next time (the cache
 * layouts are pyaot/native.h's). */
#include "pyaot/helpers.h"
#include "pyaot/native.h"
#include "internal/pycore_dict.h"
#include "internal/pycore_moduleobject.h"
#include <structmember.h> /* T_OBJECT_EX, READONLY */

typedef pyaot_global_cache global_cache;
typedef pyaot_attr_cache attr_cache;

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


/* A site that sees several types keeps missing; re-filling on every miss
 * would cost more than the generic lookup, so after a miss the cache is
 * only refilled every REFILL_PERIOD misses (3.11's counters do the same). */
enum { REFILL_PERIOD = 64 };

static bool may_fill(attr_cache *c)
{
    if (c->type_version == 0)
        return true;
    if (--c->backoff > 0)
        return false;
    c->backoff = REFILL_PERIOD;
    return true;
}

/* Index of `name` among a class's shared instance keys, or -1. */
static Py_ssize_t shared_key_index(PyTypeObject *tp, PyObject *name)
{
    PyDictKeysObject *keys = ((PyHeapTypeObject *)tp)->ht_cached_keys;
    if (!keys || keys->dk_kind == DICT_KEYS_GENERAL)
        return -1;
    PyDictUnicodeEntry *ep = DK_UNICODE_ENTRIES(keys);
    /* Attribute names are interned, so identity almost always decides. */
    for (Py_ssize_t i = 0; i < keys->dk_nentries; i++)
        if (ep[i].me_key == name)
            return i;
    for (Py_ssize_t i = 0; i < keys->dk_nentries; i++)
        if (ep[i].me_key && !(PyUnicode_CHECK_INTERNED(ep[i].me_key) &&
                              PyUnicode_CHECK_INTERNED(name)) &&
            _PyUnicode_EQ(ep[i].me_key, name))
            return i;
    return -1;
}

/* Attribute access on `tp` is the generic one, under a version tag. */
static bool generic_access(PyTypeObject *tp, bool store)
{
    if (!(tp->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG) ||
        tp->tp_version_tag == 0)
        return false;
    return store ? tp->tp_setattro == PyObject_GenericSetAttr
                 : tp->tp_getattro == PyObject_GenericGetAttr;
}

/* 3.11's LOAD_ATTR_SLOT / STORE_ATTR_SLOT: a __slots__ member (an object
 * that raises AttributeError when unset) found on the type, which no
 * instance __dict__ can shadow (it is a data descriptor). */
static bool fill_slot(PyTypeObject *tp, PyObject *descr, attr_cache *c,
                      bool store)
{
    if (!descr || !Py_IS_TYPE(descr, &PyMemberDescr_Type))
        return false;
    PyMemberDef *member = ((PyMemberDescrObject *)descr)->d_member;
    if (member->type != T_OBJECT_EX || (member->flags & PY_AUDIT_READ) ||
        (store && (member->flags & READONLY)) || member->offset <= 0)
        return false;
    c->type_version = tp->tp_version_tag;
    c->index = 0;
    c->slot_offset = member->offset;
    return true;
}

/* The attribute lives in the instance's inline values (no descriptor on
 * the type can intercept it), or in a __slots__ member. */
static void fill_attribute(PyTypeObject *tp, PyObject *name, attr_cache *c,
                           bool store)
{
    if (!generic_access(tp, store))
        return;
    PyObject *descr = _PyType_Lookup(tp, name);
    if (descr) {
        fill_slot(tp, descr, c, store);
        return;
    }
    if (!(tp->tp_flags & Py_TPFLAGS_MANAGED_DICT))
        return;
    Py_ssize_t index = shared_key_index(tp, name);
    if (index < 0 || index > INT32_MAX)
        return;
    c->type_version = tp->tp_version_tag;
    c->index = (int32_t)index;
    c->slot_offset = 0;
}

/* 3.11's LOAD_ATTR_MODULE: a value in a module's dict (not one of the
 * module type's own attributes, nor one from a module __getattr__),
 * valid while that dict keeps its version (unique across all dicts). */
static void fill_module_attribute(PyObject *module, PyObject *name,
                                  PyObject *value, attr_cache *c)
{
    PyTypeObject *tp = Py_TYPE(module);
    PyObject *dict = ((PyModuleObject *)module)->md_dict;
    if (!dict || !PyDict_CheckExact(dict) || _PyType_Lookup(tp, name) ||
        !(tp->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG) ||
        tp->tp_version_tag == 0)
        return;
    if (PyDict_GetItemWithError(dict, name) != value) {
        PyErr_Clear();
        return;
    }
    c->type_version = tp->tp_version_tag;
    c->index = 0;
    c->slot_offset = -1;
    c->dict_version = ((PyDictObject *)dict)->ma_version_tag;
    c->descr = value;
}

static PyObject *name_at(_PyInterpreterFrame *f, int namei)
{
    return PyTuple_GET_ITEM(f->f_code->co_names, namei);
}

PyObject *rt_load_attr_cached(_PyInterpreterFrame *f, int namei,
                              PyObject *owner, void *site)
{
    PyObject *res = rt_load_attr(f, namei, owner);
    if (res && may_fill(site)) {
        if (PyModule_CheckExact(owner))
            fill_module_attribute(owner, name_at(f, namei), res, site);
        else
            fill_attribute(Py_TYPE(owner), name_at(f, namei), site, false);
    }
    return res;
}

int rt_store_attr_cached(_PyInterpreterFrame *f, int namei, PyObject *owner,
                         PyObject *v, void *site)
{
    int rc = rt_store_attr(f, namei, owner, v);
    if (rc == 0 && may_fill(site))
        fill_attribute(Py_TYPE(owner), name_at(f, namei), site, true);
    return rc;
}

/* A plain method found on the type that instances cannot shadow: either
 * they have no __dict__, or the name is not among their shared keys (and
 * no key was added since, which the inline path checks). */
static void fill_method(PyTypeObject *tp, PyObject *name, PyObject *meth,
                        attr_cache *c)
{
    if (!(tp->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG) ||
        tp->tp_version_tag == 0 || tp->tp_getattro != PyObject_GenericGetAttr)
        return;
    PyObject *descr = _PyType_Lookup(tp, name);
    if (descr != meth ||
        !PyType_HasFeature(Py_TYPE(descr), Py_TPFLAGS_METHOD_DESCRIPTOR))
        return;
    Py_ssize_t nentries;
    if (tp->tp_flags & Py_TPFLAGS_MANAGED_DICT) {
        PyDictKeysObject *keys = ((PyHeapTypeObject *)tp)->ht_cached_keys;
        if (!keys || shared_key_index(tp, name) >= 0)
            return;
        nentries = keys->dk_nentries;
    } else if (tp->tp_dictoffset == 0) {
        nentries = -1;
    } else {
        return;
    }
    c->type_version = tp->tp_version_tag;
    c->nentries = nentries;
    c->descr = descr;
}

int rt_load_method_cached(_PyInterpreterFrame *f, int namei, PyObject *obj,
                          PyObject **out, void *site)
{
    int rc = rt_load_method(f, namei, obj, out);
    if (rc == 0 && out[0] != NULL && may_fill(site))
        fill_method(Py_TYPE(obj), name_at(f, namei), out[0], site);
    return rc;
}
