/* The slow side of the inline caches in generated code: do the real
 * lookup, then record what the fast side checks next time (the cache
 * layouts are pyaot/native.h's). */
#include "call_binding.h"
#include "pyaot/helpers.h"
#include "pyaot/native.h"
#include "internal/pycore_dict.h"
#include "internal/pycore_moduleobject.h"
#include "internal/pycore_object.h"
#include "internal/pycore_pystate.h"
#include <structmember.h> /* T_OBJECT_EX, READONLY */
#include "pyaot/v311/layouts.h"

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


/* ---- attributes ---- */

typedef pyaot_attr_entry attr_entry;

/* Entry kinds past __slots__ members (slot_offset > 0), inline values
 * (0), and module and class attributes, which the inline paths read too
 * (pyaot/native.h); they take the others as misses. */
enum {
    KIND_DICT = -2,     /* in the instance's own dict (one no longer
                         * sharing its class's keys); `index` is where
                         * it was last found among the dict's entries */
    KIND_CLASS = PYAOT_ATTR_CLASS, /* a plain attribute of the class (no
                         * descriptor), `descr`, which instances cannot
                         * shadow (as for methods: `nentries`); read
                         * inline too */
    KIND_ON_CLASS = -4, /* LOAD_METHOD on the class itself (`type` is
                         * the class): `descr`, what the class gives */
    KIND_PROPERTY = -5, /* a property of the class, `descr` (a data
                         * descriptor: instances cannot shadow it) */
    KIND_METHOD_IN_OFFSET_DICT_TYPE = PYAOT_ATTR_METHOD_OFFSET_DICT,
                        /* LOAD_METHOD: the method `descr` of a type whose
                         * instances keep a __dict__ at tp_dictoffset
                         * (`index`), while that dict is absent (read
                         * inline too) or empty */
    KIND_SUPER = -7,    /* an attribute of super(`type`, obj): `descr`,
                         * found in the MRO of the type the entry's
                         * version is of (obj's, or obj) after `type` */
    KIND_BOUND = -8,    /* what the non-data descriptor `descr` (mostly
                         * a method) gives instances of a type that have
                         * no __dict__ to shadow it: `d.get` as a value */
    KIND_CLASSMETHOD_ON_CLASS = -9, /* LOAD_METHOD on the class itself
                         * (`type`) of the class method `descr` */
};

/* What a site reads, which decides where its entries may go: the inline
 * path of LOAD_METHOD reads the first entry as a method's (slot_offset 0
 * with `descr`), so a method site keeps every other kind of entry after
 * it, and an inline value there has no `descr`. */
typedef enum { SITE_LOAD, SITE_STORE, SITE_METHOD } site_kind;

static inline int first_entry(site_kind kind)
{
    return kind == SITE_METHOD;
}

/* A site that sees more types than it has entries keeps missing;
 * evicting on every miss would cost more than the generic lookup, so
 * after the entries are full one is only replaced every REFILL_PERIOD
 * misses (3.11's counters do the same for its single entry). */
enum { REFILL_PERIOD = 64 };

/* The entry to record `tp` in: the one it had (a new version of the type
 * replaces the old), else an empty one, else now and then the next in
 * turn; NULL when this miss must not refill. */
static attr_entry *entry_to_fill_from(attr_cache *c, PyTypeObject *tp,
                                      int first)
{
    for (int i = first; i < PYAOT_ATTR_WAYS; i++)
        if (c->entry[i].type == tp)
            return &c->entry[i];
    for (int i = first; i < PYAOT_ATTR_WAYS; i++)
        if (c->entry[i].type_version == 0)
            return &c->entry[i];
    if (--c->backoff > 0)
        return NULL;
    c->backoff = REFILL_PERIOD;
    c->next = first + (c->next + 1 - first) % (PYAOT_ATTR_WAYS - first);
    return &c->entry[c->next];
}

static attr_entry *entry_to_fill(attr_cache *c, PyTypeObject *tp,
                                 site_kind kind)
{
    return entry_to_fill_from(c, tp, first_entry(kind));
}

/* The entry for `tp` as it is now, or NULL. */
static attr_entry *entry_of(attr_cache *c, PyTypeObject *tp)
{
    uint32_t version = tp->tp_version_tag;
    if (version == 0 || !(tp->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG))
        return NULL;
    for (int i = 0; i < PYAOT_ATTR_WAYS; i++)
        if (c->entry[i].type_version == version)
            return &c->entry[i];
    return NULL;
}

static void record(attr_entry *en, PyTypeObject *tp, Py_ssize_t slot_offset,
                   int32_t index)
{
    en->type_version = tp->tp_version_tag;
    en->type = tp;
    en->index = index;
    en->slot_offset = slot_offset;
    en->descr = NULL;
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
static void fill_slot(PyTypeObject *tp, PyObject *descr, attr_cache *c,
                      site_kind kind)
{
    bool store = kind == SITE_STORE;
    if (!descr || !Py_IS_TYPE(descr, &PyMemberDescr_Type))
        return;
    PyMemberDef *member = ((PyMemberDescrObject *)descr)->d_member;
    if (member->type != T_OBJECT_EX || (member->flags & PY_AUDIT_READ) ||
        (store && (member->flags & READONLY)) || member->offset <= 0)
        return;
    attr_entry *en = entry_to_fill(c, tp, kind);
    if (en)
        record(en, tp, member->offset, 0);
}

/* How many shared keys instances of `tp` have, for an entry that holds
 * while no instance __dict__ exists and no key joins them (a new key
 * could shadow what the entry holds); -1 when instances have no __dict__
 * at all; -2 when an instance may already shadow `name`. */
static Py_ssize_t shadow_guard(PyTypeObject *tp, PyObject *name)
{
    if (tp->tp_flags & Py_TPFLAGS_MANAGED_DICT) {
        PyDictKeysObject *keys = ((PyHeapTypeObject *)tp)->ht_cached_keys;
        if (!keys || shared_key_index(tp, name) >= 0)
            return -2;
        return keys->dk_nentries;
    }
    return tp->tp_dictoffset == 0 ? -1 : -2;
}

/* A plain class attribute read through an instance (not a descriptor, so
 * what the class holds is what the read gives). */
static void fill_class_attribute(PyTypeObject *tp, PyObject *name,
                                 PyObject *value, attr_cache *c,
                                 site_kind kind)
{
    Py_ssize_t nentries = shadow_guard(tp, name);
    attr_entry *en = nentries >= -1 ? entry_to_fill(c, tp, kind) : NULL;
    if (!en)
        return;
    record(en, tp, KIND_CLASS, 0);
    en->nentries = nentries;
    en->descr = value;
}

/* Whether the __dict__ an instance keeps at its type's tp_dictoffset
 * holds nothing that could shadow a method: it is absent or empty. */
static bool offset_dict_empty(PyObject *obj)
{
    PyObject *dict = *(PyObject **)((char *)obj + Py_TYPE(obj)->tp_dictoffset);
    return dict == NULL ||
           (PyDict_CheckExact(dict) && ((PyDictObject *)dict)->ma_used == 0);
}

/* The inline path's test for a method entry: no instance __dict__ yet
 * and no shared key added since (either could shadow the method). */
ON_CALL_PATH bool method_applies(const attr_entry *en, PyObject *obj)
{
    if (en->slot_offset == KIND_METHOD_IN_OFFSET_DICT_TYPE)
        return offset_dict_empty(obj);
    if (en->nentries < 0)
        return true;
    PyObject *dict = *(PyObject **)((char *)obj + V311_MANAGED_DICT_OFFSET);
    PyDictKeysObject *keys = ((PyHeapTypeObject *)Py_TYPE(obj))->ht_cached_keys;
    return dict == NULL && keys && keys->dk_nentries == en->nentries;
}

/* A method entry's instance that has a __dict__ of its own (made by
 * vars() or by a C __new__, as random.Random's): the method still
 * applies while that dict has no such name, as _PyObject_GetMethod finds
 * (3.11 leaves these generic, SPEC_FAIL_LOAD_METHOD_HAS_MANAGED_DICT).
 * Sets out[] to the method and self, or to the dict's value; returns 1,
 * -1 on error, 0 when the instance has no dict (nothing done). */
static int method_past_dict(const attr_entry *en, PyObject *obj,
                            PyObject *name, PyObject **out)
{
    Py_ssize_t offset = en->slot_offset == KIND_METHOD_IN_OFFSET_DICT_TYPE
                            ? Py_TYPE(obj)->tp_dictoffset
                            : V311_MANAGED_DICT_OFFSET;
    PyObject *dict = *(PyObject **)((char *)obj + offset);
    if (!dict)
        return 0;
    /* the lookup may run a key's __eq__, which may change the type or
     * the dict: both held, as _PyObject_GetMethod holds them */
    PyObject *descr = Py_NewRef(en->descr);
    Py_INCREF(dict);
    PyObject *attr = PyDict_GetItemWithError(dict, name);
    Py_XINCREF(attr);
    Py_DECREF(dict);
    if (attr || PyErr_Occurred()) {
        Py_DECREF(descr);
        out[0] = NULL;
        out[1] = attr;
        return attr ? 1 : -1;
    }
    out[0] = descr;
    out[1] = Py_NewRef(obj);
    return 1;
}

/* Whether the site already found that `tp`, as it is, has no fast
 * access: its misses then go straight to the generic lookup instead of
 * trying to fill an entry every time (every REFILL_PERIOD misses it looks
 * again: an instance attribute may join the shared keys later). */
static bool known_generic(attr_cache *c, PyTypeObject *tp)
{
    if (tp->tp_version_tag == 0 || c->generic_version != tp->tp_version_tag)
        return false;
    if (--c->backoff > 0)
        return true;
    c->backoff = REFILL_PERIOD;
    return false;
}

static void mark_generic(attr_cache *c, PyTypeObject *tp)
{
    if (!entry_of(c, tp))
        c->generic_version = tp->tp_version_tag;
}

/* A property whose getter only returns an attribute of self
 * (rt_getter_attribute) that instances of `tp` keep in a __slots__
 * member or an inline value, nothing on the type in the way: the entry
 * keeps where (`nentries`: the member's offset, or -1 - the value's
 * index) and, in `dict_version`, the getter's code, which the shared
 * state keeps alive, so that the value is read there while the getter
 * has that code. `nentries` 0: the getter is called. */
static void fill_getter_shortcut(attr_entry *en, PyTypeObject *tp,
                                 PyObject *fget)
{
    en->nentries = 0;
    PyObject *name = fget ? rt_getter_attribute(fget) : NULL;
    rt_shared *sh = rt_shared_of(_PyThreadState_GET());
    if (!name || !sh)
        return;
    PyObject *descr = _PyType_Lookup(tp, name);
    Py_ssize_t where, index;
    if (descr && Py_IS_TYPE(descr, &PyMemberDescr_Type)) {
        PyMemberDef *member = ((PyMemberDescrObject *)descr)->d_member;
        if (member->type != T_OBJECT_EX || (member->flags & PY_AUDIT_READ) ||
            member->offset <= 0)
            return;
        where = member->offset;
    } else if (!descr && (tp->tp_flags & Py_TPFLAGS_MANAGED_DICT) &&
               (index = shared_key_index(tp, name)) >= 0) {
        where = -1 - index;
    } else {
        return;
    }
    PyObject *code = ((PyFunctionObject *)fget)->func_code;
    if ((!sh->getter_codes && !(sh->getter_codes = PySet_New(NULL))) ||
        PySet_Add(sh->getter_codes, code) < 0) {
        PyErr_Clear();
        return;
    }
    en->nentries = where;
    en->dict_version = (uintptr_t)code;
}

/* The value a property entry's getter would return for `o`, read where
 * fill_getter_shortcut found it (borrowed), or NULL: the getter is to be
 * called (its code changed, tracing wants its events, the value is not
 * there and it raises). */
static PyObject *getter_shortcut_value(const attr_entry *en, PyObject *fget,
                                       PyObject *o)
{
    if (!en->nentries || !PyFunction_Check(fget) ||
        (uintptr_t)((PyFunctionObject *)fget)->func_code != en->dict_version ||
        _PyThreadState_GET()->cframe->use_tracing)
        return NULL;
    if (en->nentries > 0)
        return *(PyObject **)((char *)o + en->nentries);
    PyObject **values = *(PyObject ***)((char *)o + V311_INLINE_VALUES_OFFSET);
    return values ? values[-1 - en->nentries] : NULL;
}

/* The attribute lives in the instance's inline values (no descriptor on
 * the type can intercept it), or in a __slots__ member; otherwise the
 * site remembers that this version of the type has no fast access. */
static void fill_attribute_slowly(PyTypeObject *tp, PyObject *name,
                                  attr_cache *c, site_kind kind)
{
    bool store = kind == SITE_STORE;
    bool generic = generic_access(tp, store);
    PyObject *descr = generic ? _PyType_Lookup(tp, name) : NULL;
    Py_ssize_t index = -1;
    attr_entry *en;
    if (descr && !store && !Py_TYPE(descr)->tp_descr_get) {
        fill_class_attribute(tp, name, descr, c, kind);
    } else if (descr && !store && Py_IS_TYPE(descr, &PyProperty_Type)) {
        if ((en = entry_to_fill(c, tp, kind))) {
            record(en, tp, KIND_PROPERTY, 0);
            en->descr = descr;
            fill_getter_shortcut(en, tp, ((property_layout *)descr)->prop_get);
        }
    } else if (descr && !store && !Py_TYPE(descr)->tp_descr_set &&
               tp->tp_dictoffset == 0 &&
               !(tp->tp_flags & Py_TPFLAGS_MANAGED_DICT)) {
        if ((en = entry_to_fill(c, tp, kind))) {
            record(en, tp, KIND_BOUND, 0);
            en->descr = descr;
        }
    } else if (descr) {
        fill_slot(tp, descr, c, kind);
    } else if (generic && (tp->tp_flags & Py_TPFLAGS_MANAGED_DICT) &&
               (index = shared_key_index(tp, name)) <= INT32_MAX &&
               (en = entry_to_fill(c, tp, kind))) {
        /* in the shared keys: an inline value; else in the dict each
         * instance has of its own */
        record(en, tp, index >= 0 ? 0 : KIND_DICT, (int32_t)index);
    }
    mark_generic(c, tp);
}

/* fill_attribute_slowly, unless the site knows this version of the type
 * has no fast access (checked here: sites that read builtin objects'
 * methods as values, d.get, miss at every read). */
static inline void fill_attribute(PyTypeObject *tp, PyObject *name,
                                  attr_cache *c, site_kind kind)
{
    if (!known_generic(c, tp))
        fill_attribute_slowly(tp, name, c, kind);
}

/* 3.11's LOAD_ATTR_MODULE: a value in a module's dict (not one of the
 * module type's own attributes, nor one from a module __getattr__),
 * valid while that dict keeps its version (unique across all dicts).
 * All modules share one type, so a site keeps one module, in entry `en`
 * (LOAD_ATTR's is the one its inline path reads). */
static void fill_module_attribute(PyObject *module, PyObject *name,
                                  PyObject *value, attr_entry *en)
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
    record(en, tp, PYAOT_ATTR_MODULE, 0);
    en->dict_version = ((PyDictObject *)dict)->ma_version_tag;
    en->descr = value;
}

/* The value module entry `en` holds for `module` (borrowed), or NULL. */
static PyObject *module_value(const attr_entry *en, PyObject *module)
{
    PyTypeObject *tp = Py_TYPE(module);
    PyDictObject *dict = (PyDictObject *)((PyModuleObject *)module)->md_dict;
    return en->slot_offset == PYAOT_ATTR_MODULE && en->type == tp &&
                   en->type_version == tp->tp_version_tag && dict &&
                   dict->ma_version_tag == en->dict_version
               ? en->descr
               : NULL;
}

/* A module's dict changes version with every store into it, so a site
 * whose module keeps changing refills only every REFILL_PERIOD misses. */
static bool module_may_refill(attr_cache *c, const attr_entry *en)
{
    if (en->type_version == 0)
        return true;
    if (--c->backoff > 0)
        return false;
    c->backoff = REFILL_PERIOD;
    return true;
}

/* Where entry `en` says the attribute of `o` is stored (a __slots__
 * member or an inline value; its content may be NULL), or NULL when the
 * entry does not apply to this object (no inline values, a module). */
static PyObject **attribute_address(const attr_entry *en, PyObject *o)
{
    if (en->slot_offset > 0)
        return (PyObject **)((char *)o + en->slot_offset);
    if (en->slot_offset < 0)
        return NULL;
    PyObject **values = *(PyObject ***)((char *)o + V311_INLINE_VALUES_OFFSET);
    return values ? &values[en->index] : NULL;
}

static PyObject *name_at(_PyInterpreterFrame *f, int namei)
{
    return PyTuple_GET_ITEM(f->f_code->co_names, namei);
}

/* A KIND_DICT entry's instance dict: its own (no shared keys, no shared
 * values), or NULL. */
static PyDictObject *own_dict(PyObject *o)
{
    PyDictObject *d = *(PyDictObject **)((char *)o + V311_MANAGED_DICT_OFFSET);
    return d && PyDict_CheckExact(d) && !d->ma_values &&
                   d->ma_keys->dk_kind == DICT_KEYS_UNICODE
               ? d
               : NULL;
}

/* Where `name` is among the entries of `d`, an instance's own dict: at
 * the entry's hint, else found by a walk of the entries (names are
 * interned: identity), which a KIND_DICT entry then keeps as its hint;
 * NULL when not found so. An inline-value entry's index is a good guess
 * too (a dict made from the shared keys keeps their order), but not one
 * to overwrite. */
ON_CALL_PATH PyDictUnicodeEntry *hinted_entry(attr_entry *en, PyDictObject *d,
                                              PyObject *name)
{
    PyDictKeysObject *keys = d->ma_keys;
    PyDictUnicodeEntry *ep = DK_UNICODE_ENTRIES(keys);
    Py_ssize_t i = en->index;
    if (i < 0 || i >= keys->dk_nentries || ep[i].me_key != name) {
        for (i = 0; i < keys->dk_nentries && ep[i].me_key != name; i++)
            ;
        if (i == keys->dk_nentries || i > INT32_MAX)
            return NULL;
        if (en->slot_offset == KIND_DICT)
            en->index = (int32_t)i;
    }
    return &ep[i];
}

/* 3.11's LOAD_ATTR_WITH_HINT: the value of `name` in the instance's own
 * dict (hinted_entry), borrowed; NULL when not found so. */
static PyObject *dict_value(attr_entry *en, PyObject *o, PyObject *name)
{
    PyDictObject *d = own_dict(o);
    PyDictUnicodeEntry *ep = d ? hinted_entry(en, d, name) : NULL;
    return ep ? ep->me_value : NULL;
}

/* What entry `en` holds for `name` of `o`, borrowed, or NULL when it
 * does not apply (the generic lookup decides). */
ON_CALL_PATH PyObject *cached_value(attr_entry *en, PyObject *o,
                                    PyObject *name)
{
    switch (en->slot_offset) {
    case KIND_DICT:
        return dict_value(en, o, name);
    case KIND_CLASS:
        return method_applies(en, o) ? en->descr : NULL;
    case PYAOT_ATTR_MODULE: case KIND_ON_CLASS: case KIND_PROPERTY:
    case KIND_METHOD_IN_OFFSET_DICT_TYPE: case KIND_SUPER: case KIND_BOUND:
    case KIND_CLASSMETHOD_ON_CLASS:
        return NULL;
    }
    PyObject **addr = attribute_address(en, o);
    if (!addr && en->slot_offset == 0) /* no inline values: its own dict */
        return dict_value(en, o, name);
    return addr ? *addr : NULL;
}

/* ---- attributes of super objects ---- */

/* super_getattro walks the MRO of the type it starts from after the
 * class given, a dict lookup per class; a site keeps what it found under
 * the version of the type it starts from, which any change to a class in
 * that MRO changes. The entry is NULL for unbound super objects and for
 * __class__ (the super object's own). */
static attr_entry *super_entry(attr_cache *c, const super_layout *su)
{
    attr_entry *en = su->obj_type ? entry_of(c, su->obj_type) : NULL;
    return en && en->slot_offset == KIND_SUPER && en->type == su->type ? en
                                                                       : NULL;
}

/* What super_getattro gives for the entry's descriptor: it bound to the
 * object (or, for super(type, subclass), to nothing) through its
 * __get__, else itself. */
static PyObject *super_value(const super_layout *su, PyObject *descr)
{
    descrgetfunc get = Py_TYPE(descr)->tp_descr_get;
    if (!get)
        return Py_NewRef(descr);
    PyObject *obj = su->obj == (PyObject *)su->obj_type ? NULL : su->obj;
    Py_INCREF(descr); /* __get__ may drop it from the class */
    PyObject *res = get(descr, obj, (PyObject *)su->obj_type);
    Py_DECREF(descr);
    return res;
}

static void fill_super(const super_layout *su, PyObject *name, attr_cache *c,
                       site_kind kind)
{
    PyTypeObject *start = su->obj_type;
    PyObject *mro = start ? start->tp_mro : NULL;
    if (!mro || !(start->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG) ||
        start->tp_version_tag == 0 || !PyUnicode_CheckExact(name) ||
        _PyUnicode_Equal(name, &_Py_ID(__class__)))
        return;
    Py_ssize_t n = PyTuple_GET_SIZE(mro), i = 0;
    while (i < n && PyTuple_GET_ITEM(mro, i) != (PyObject *)su->type)
        i++;
    /* exact str keys: the lookups run no code */
    PyObject *found = NULL;
    for (i++; i < n && !found; i++)
        found = PyDict_GetItemWithError(
            ((PyTypeObject *)PyTuple_GET_ITEM(mro, i))->tp_dict, name);
    attr_entry *en = found ? entry_to_fill(c, start, kind) : NULL;
    PyErr_Clear();
    if (!en)
        return;
    record(en, start, KIND_SUPER, 0);
    en->type = su->type;
    en->descr = found;
}

/* The attribute `name` of `owner` as entry `en` says where it is: 1 with
 * *res set (a new reference, or NULL when a property's getter raised),
 * 0 when the entry does not apply (the generic lookup decides). */
ON_CALL_PATH int load_through(attr_entry *en, PyObject *owner, PyObject *name,
                              PyObject **res)
{
    /* 3.12's LOAD_ATTR_PROPERTY: the getter called as property_descr_get
     * calls it, without the generic lookup */
    PyObject *fget, *value;
    if (en->slot_offset == KIND_PROPERTY &&
        (fget = ((property_layout *)en->descr)->prop_get)) {
        if ((value = getter_shortcut_value(en, fget, owner))) {
            *res = Py_NewRef(value);
            return 1;
        }
        Py_INCREF(fget); /* the getter may drop the property */
        if (PyFunction_Check(fget)) {
            /* through its call entry, as CALL gives a method its slots
             * (both references stolen) */
            PyObject *slots[2] = {fget, Py_NewRef(owner)};
            *res = call_python(_PyThreadState_GET(), slots, 0);
            return 1;
        }
        *res = PyObject_Vectorcall(fget, &owner, 1, NULL);
        Py_DECREF(fget);
        return 1;
    }
    if (en->slot_offset == KIND_BOUND) {
        /* as PyObject_GenericGetAttr binds it, held while __get__ runs */
        PyObject *descr = Py_NewRef(en->descr);
        *res = Py_TYPE(descr)->tp_descr_get(descr, owner,
                                            (PyObject *)Py_TYPE(owner));
        Py_DECREF(descr);
        return 1;
    }
    value = cached_value(en, owner, name);
    if (!value)
        return 0;
    *res = Py_NewRef(value);
    return 1;
}

PyObject *rt_load_attr_cached(_PyInterpreterFrame *f, int namei,
                              PyObject *owner, void *site)
{
    attr_cache *c = site;
    if (PyModule_CheckExact(owner)) {
        PyObject *res = rt_load_attr(f, namei, owner);
        if (res && module_may_refill(c, &c->entry[0]))
            fill_module_attribute(owner, name_at(f, namei), res,
                                  &c->entry[0]);
        return res;
    }
    if (Py_IS_TYPE(owner, &PySuper_Type)) {
        const super_layout *su = (super_layout *)owner;
        attr_entry *en = super_entry(c, su);
        if (en)
            return super_value(su, en->descr);
        PyObject *res = rt_load_attr(f, namei, owner);
        if (res)
            fill_super(su, name_at(f, namei), c, SITE_LOAD);
        return res;
    }
    attr_entry *en = entry_of(c, Py_TYPE(owner));
    PyObject *res;
    if (en && load_through(en, owner, name_at(f, namei), &res))
        return res;
    res = rt_load_attr(f, namei, owner);
    if (res && !en)
        fill_attribute(Py_TYPE(owner), name_at(f, namei), c, SITE_LOAD);
    return res;
}

/* 3.11's STORE_ATTR_WITH_HINT: `name`'s value replaced in place in the
 * instance's own dict, where hinted_entry finds it; false when it is not
 * there (the dict API inserts). As the interpreter does, the dict is
 * tracked once it may hold a cycle, and it gets a new version tag. */
static bool store_at_hint(attr_entry *en, PyDictObject *dict, PyObject *name,
                          PyObject *v)
{
    PyDictUnicodeEntry *ep = hinted_entry(en, dict, name);
    PyObject *old = ep ? ep->me_value : NULL;
    rt_shared *sh = rt_shared_of(_PyThreadState_GET());
    if (!old || !sh)
        return false;
    ep->me_value = Py_NewRef(v);
    /* _PyObject_GC_MAY_BE_TRACKED, without its call out */
    if (!_PyObject_GC_IS_TRACKED(dict) && _PyObject_IS_GC(v) &&
        (!PyTuple_CheckExact(v) || _PyObject_GC_IS_TRACKED(v)))
        PyObject_GC_Track(dict);
    dict->ma_version_tag = ++sh->dict_version;
    Py_DECREF(old);
    return true;
}

int rt_store_attr_cached(_PyInterpreterFrame *f, int namei, PyObject *owner,
                         PyObject *v, void *site)
{
    attr_cache *c = site;
    attr_entry *en = entry_of(c, Py_TYPE(owner));
    PyDictObject *dict;
    if (en && (en->slot_offset == KIND_DICT || en->slot_offset == 0) &&
        (dict = own_dict(owner))) {
        PyObject *name = name_at(f, namei);
        return store_at_hint(en, dict, name, v)
                   ? 0
                   : PyDict_SetItem((PyObject *)dict, name, v);
    }
    PyObject **addr = en ? attribute_address(en, owner) : NULL;
    if (addr) {
        /* A first inline value also joins the insertion order that
         * vars() and __dict__ follow (STORE_ATTR_INSTANCE_VALUE). */
        PyObject *old = *addr;
        if (!old && en->slot_offset == 0)
            _PyDictValues_AddToInsertionOrder(
                (PyDictValues *)(addr - en->index), en->index);
        *addr = Py_NewRef(v);
        Py_XDECREF(old);
        return 0;
    }
    int rc = rt_store_attr(f, namei, owner, v);
    if (rc == 0 && !en)
        fill_attribute(Py_TYPE(owner), name_at(f, namei), c, SITE_STORE);
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
    Py_ssize_t nentries = -1, kind = 0;
    if (tp->tp_flags & Py_TPFLAGS_MANAGED_DICT) {
        PyDictKeysObject *keys = ((PyHeapTypeObject *)tp)->ht_cached_keys;
        if (!keys || shared_key_index(tp, name) >= 0)
            return;
        nentries = keys->dk_nentries;
    } else if (tp->tp_dictoffset > 0 && tp->tp_dictoffset <= INT32_MAX) {
        kind = KIND_METHOD_IN_OFFSET_DICT_TYPE; /* io.BytesIO, exceptions */
    } else if (tp->tp_dictoffset != 0) {
        return;
    }
    attr_entry *en = kind ? entry_to_fill_from(c, tp, 1)
                          : entry_to_fill_from(c, tp, 0);
    if (!en)
        return;
    record(en, tp, kind, kind ? (int32_t)tp->tp_dictoffset : 0);
    en->nentries = nentries;
    en->descr = descr;
}

/* Whether method-site entry `en` holds a method (the other kinds are
 * LOAD_ATTR's, for names that instances or classes give as values). */
static bool is_method_entry(const attr_entry *en)
{
    return (en->slot_offset == 0 && en->descr) ||
           en->slot_offset == KIND_METHOD_IN_OFFSET_DICT_TYPE;
}

/* 3.11's LOAD_METHOD_CLASS: a method looked up on a class itself
 * (`int.bit_length(i)`), when the class gives what its dict holds (a
 * function, a method descriptor) and `type` has no data descriptor of
 * that name, which type_getattro would take first (3.11 asks for none of
 * that name at all, and so leaves `object.__new__(cls)` generic). Never
 * in the first entry, which the inline path reads as an instance
 * method's. */
static void fill_on_class(PyTypeObject *cls, PyObject *name, PyObject *got,
                          attr_cache *c)
{
    PyObject *meta = _PyType_Lookup(&PyType_Type, name);
    if (Py_TYPE(cls) != &PyType_Type || cls == &PyType_Type ||
        !(cls->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG) ||
        cls->tp_version_tag == 0 || (meta && Py_TYPE(meta)->tp_descr_set))
        return;
    PyObject *own = _PyType_Lookup(cls, name);
    int kind = own == got ? KIND_ON_CLASS
               : own && Py_IS_TYPE(own, &PyClassMethod_Type)
                   ? KIND_CLASSMETHOD_ON_CLASS
                   : 0;
    attr_entry *en = kind ? entry_to_fill_from(c, cls, 1) : NULL;
    if (!en)
        return;
    record(en, cls, kind, 0);
    en->descr = own;
}

/* The function a class method wraps (funcobject.c's layout). */
typedef struct {
    PyObject_HEAD
    PyObject *cm_callable;
} classmethod_layout;

/* `cls.f(...)` of class method `cm`: while it wraps a Python function,
 * whose __get__ binds it to the class as classmethod.__get__ asks, the
 * call's pair is the function and the class, with no bound method made
 * in between. */
static bool class_method_pair(PyObject *cm, PyObject *cls, PyObject **out)
{
    PyObject *fn = ((classmethod_layout *)cm)->cm_callable;
    if (!PyFunction_Check(fn))
        return false;
    out[0] = Py_NewRef(fn);
    out[1] = Py_NewRef(cls);
    return true;
}

/* 3.11's LOAD_METHOD_MODULE: a module's attribute, without self, from
 * its dict while that keeps its version. The entry is not entry 0, which
 * the inline path reads as a method of the module type. */
static int load_module_method(_PyInterpreterFrame *f, int namei,
                              PyObject *module, PyObject **out,
                              attr_cache *c)
{
    attr_entry *en = &c->entry[1];
    PyObject *value = module_value(en, module);
    if (value) {
        out[0] = NULL;
        out[1] = Py_NewRef(value);
        return 0;
    }
    int rc = rt_load_method(f, namei, module, out);
    if (rc == 0 && out[0] == NULL && module_may_refill(c, en))
        fill_module_attribute(module, name_at(f, namei), out[1], en);
    return rc;
}

/* LOAD_METHOD of super(...).name: a method descriptor with the object
 * (what calling the bound method it makes would call), else the value. */
static int load_super_method(_PyInterpreterFrame *f, int namei,
                             const super_layout *su, PyObject **out,
                             attr_cache *c)
{
    attr_entry *en = super_entry(c, su);
    if (!en) {
        int rc = rt_load_method(f, namei, (PyObject *)su, out);
        if (rc == 0)
            fill_super(su, name_at(f, namei), c, SITE_METHOD);
        return rc;
    }
    PyObject *descr = en->descr;
    if (su->obj != (PyObject *)su->obj_type &&
        PyType_HasFeature(Py_TYPE(descr), Py_TPFLAGS_METHOD_DESCRIPTOR)) {
        out[0] = Py_NewRef(descr);
        out[1] = Py_NewRef(su->obj);
        return 0;
    }
    out[0] = NULL;
    out[1] = super_value(su, descr);
    return out[1] ? 0 : -1;
}

int rt_load_method_cached(_PyInterpreterFrame *f, int namei, PyObject *obj,
                          PyObject **out, void *site)
{
    attr_cache *c = site;
    /* 3.11's LOAD_METHOD_CLASS (the inline path reads only instances') */
    attr_entry *own = PyType_Check(obj) ? entry_of(c, (PyTypeObject *)obj)
                                        : NULL;
    if (own && own->slot_offset == KIND_ON_CLASS && own->type == obj) {
        out[0] = NULL;
        out[1] = Py_NewRef(own->descr);
        return 0;
    }
    if (own && own->slot_offset == KIND_CLASSMETHOD_ON_CLASS &&
        own->type == obj && class_method_pair(own->descr, obj, out))
        return 0;
    if (PyModule_CheckExact(obj))
        return load_module_method(f, namei, obj, out, c);
    if (Py_IS_TYPE(obj, &PySuper_Type))
        return load_super_method(f, namei, (super_layout *)obj, out, c);
    attr_entry *en = entry_of(c, Py_TYPE(obj));
    if (en && is_method_entry(en)) {
        if (method_applies(en, obj)) {
            out[0] = Py_NewRef(en->descr);
            out[1] = Py_NewRef(obj);
            return 0;
        }
        int found = method_past_dict(en, obj, name_at(f, namei), out);
        if (found)
            return found < 0 ? -1 : 0;
    } else if (en && en->slot_offset == KIND_BOUND &&
               Py_IS_TYPE(en->descr, &PyClassMethod_Type) &&
               class_method_pair(en->descr, (PyObject *)Py_TYPE(obj), out)) {
        /* a class method called through an instance that has no
         * __dict__ to shadow it (self._parse(x) in ipaddress) */
        return 0;
    } else if (en && load_through(en, obj, name_at(f, namei), &out[1])) {
        /* what 3.11 leaves generic (SPEC_FAIL_LOAD_METHOD_IS_ATTR): an
         * instance's own attribute, a class attribute, a property */
        out[0] = NULL;
        return out[1] ? 0 : -1;
    }
    int rc = rt_load_method(f, namei, obj, out);
    if (rc == 0 && !own && out[0] == NULL && PyType_Check(obj))
        fill_on_class((PyTypeObject *)obj, name_at(f, namei), out[1], c);
    else if (rc == 0 && !en && out[0] == NULL && !PyType_Check(obj))
        fill_attribute(Py_TYPE(obj), name_at(f, namei), c, SITE_METHOD);
    else if (rc == 0 && !en && !known_generic(c, Py_TYPE(obj))) {
        if (out[0] != NULL)
            fill_method(Py_TYPE(obj), name_at(f, namei), out[0], c);
        mark_generic(c, Py_TYPE(obj));
    }
    return rc;
}
