/* Dict displays: BUILD_MAP and BUILD_CONST_KEY_MAP. The interpreter sizes
 * a display's table for its items at once, with a str-only key table when
 * every key is a str (_PyDict_FromItems, which 3.11 does not export; its
 * exported presizing always makes a general table). A display of constant
 * str keys is made here as a copy of a dict of those keys (PyDict_Copy
 * copies a table whole), its values then replaced, so that it too is
 * sized once and keeps the str-only kind; others grow from empty. */
#include "runtime.h"
#include "pyaot/helpers.h"
#include "internal/pycore_dict.h"

static bool all_str(PyObject **keys, Py_ssize_t kstride, Py_ssize_t n)
{
    for (Py_ssize_t i = 0; i < n; i++)
        if (!PyUnicode_CheckExact(keys[i * kstride]))
            return false;
    return true;
}

/* The pairs inserted into `dict` in order (so later duplicates win); the
 * dict released on failure. */
static PyObject *insert_items(PyObject *dict, PyObject **keys,
                              Py_ssize_t kstride, PyObject **values,
                              Py_ssize_t vstride, Py_ssize_t n)
{
    for (Py_ssize_t i = 0; dict && i < n; i++)
        if (PyDict_SetItem(dict, keys[i * kstride], values[i * vstride]) < 0)
            Py_CLEAR(dict);
    return dict;
}

/* A dict from n key/value pairs read with the given strides. */
static PyObject *dict_from_items(PyObject **keys, Py_ssize_t kstride,
                                 PyObject **values, Py_ssize_t vstride,
                                 Py_ssize_t n)
{
    PyObject *dict = all_str(keys, kstride, n) ? PyDict_New()
                                               : _PyDict_NewPresized(n);
    return insert_items(dict, keys, kstride, values, vstride, n);
}

PyObject *rt_build_map(PyObject **items, int n)
{
    PyObject *map = dict_from_items(items, 2, items + 1, 2, n);
    rt_decref_all(items, 2 * (Py_ssize_t)n);
    return map;
}

/* ---- constant str keys: copies of a dict of the keys ---- */

/* Dicts of keys (values None) of recent displays, by their number and
 * the hashes of the first and last, so that a module run again (its
 * constants made again) finds its own.
 * Read and written with the GIL held. */
enum { SHAPE_SLOTS = 64 };
static PyObject *shapes[SHAPE_SLOTS];

/* A str's hash, as str caches it (computing it cannot fail). */
static Py_uhash_t str_hash(PyObject *s)
{
    Py_hash_t h = ((PyASCIIObject *)s)->hash;
    return (Py_uhash_t)(h != -1 ? h : PyObject_Hash(s));
}

/* Whether dict `shape` holds exactly the n `keys`, in order. */
static bool holds_keys(PyObject *shape, PyObject **keys, Py_ssize_t n)
{
    PyDictKeysObject *dk = ((PyDictObject *)shape)->ma_keys;
    if (PyDict_GET_SIZE(shape) != n || dk->dk_nentries != n ||
        dk->dk_kind != DICT_KEYS_UNICODE)
        return false;
    PyDictUnicodeEntry *ep = DK_UNICODE_ENTRIES(dk);
    for (Py_ssize_t i = 0; i < n; i++)
        if (ep[i].me_key != keys[i])
            return false;
    return true;
}

/* The dict of the n str `keys` (borrowed from the table), or NULL: with
 * an error, or none when the keys repeat (the display then grows a dict
 * of its own). */
static PyObject *shape_of(PyObject **keys, Py_ssize_t n)
{
    Py_uhash_t h = ((Py_uhash_t)n * 1000003u ^ str_hash(keys[0])) *
                       1000003u ^ str_hash(keys[n - 1]);
    size_t slot = h % SHAPE_SLOTS;
    if (shapes[slot] && holds_keys(shapes[slot], keys, n))
        return shapes[slot];
    PyObject *none = Py_None; /* every key's value: a stride of 0 */
    PyObject *shape = insert_items(PyDict_New(), keys, 1, &none, 0, n);
    if (!shape)
        return NULL;
    if (!holds_keys(shape, keys, n)) { /* a key repeats */
        Py_DECREF(shape);
        return NULL;
    }
    /* the old one dropped after the new one is in place: a destructor it
     * runs may come back here */
    PyObject *old = shapes[slot];
    shapes[slot] = shape;
    Py_XDECREF(old);
    return shape;
}

/* Displays of up to this many keys fit PyDict_New's first table. */
enum { FIRST_TABLE_ITEMS = 5 };

PyObject *rt_build_const_key_map(PyObject **items, int n)
{
    PyObject *keys = items[n];
    PyObject *map = NULL;
    if (!PyTuple_CheckExact(keys) || PyTuple_GET_SIZE(keys) != (Py_ssize_t)n) {
        PyErr_SetString(PyExc_SystemError,
                        "bad BUILD_CONST_KEY_MAP keys argument");
    } else if (n > FIRST_TABLE_ITEMS && all_str(_PyTuple_ITEMS(keys), 1, n)) {
        PyObject *shape = shape_of(_PyTuple_ITEMS(keys), n);
        map = shape ? PyDict_Copy(shape)
                    : PyErr_Occurred() ? NULL : PyDict_New();
        map = insert_items(map, _PyTuple_ITEMS(keys), 1, items, 1, n);
    } else {
        map = dict_from_items(_PyTuple_ITEMS(keys), 1, items, 1, n);
    }
    rt_decref_all(items, (Py_ssize_t)n + 1);
    return map;
}
