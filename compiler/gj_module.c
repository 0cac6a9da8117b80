/* The libgccjit context of one module: CPython's types as gccjit sees
 * them, the singletons, and the runtime helpers declared from helpers.def. */
#include <stdlib.h>
#include <string.h>

#include "pyaot/native.h"
#include "gj.h"

/* pyaot's level 1, the default: gcc -O1 with the peephole pass of -O2
 * and its type-based alias analysis (a reference count's store leaves the
 * pointers loaded before it valid; gj_stored.c keeps generated code to
 * its rule), without the passes that cost most on generated code and
 * gave nothing measurable on the bench programs. Its code counts within
 * 1-2% of the instructions -O2's does there, compiled in under half the
 * time. */
static const char *const level1_options[] = {
    "-fpeephole2", "-fstrict-aliasing", "-fno-tree-dominator-opts",
    "-fno-tree-pta", "-fno-ipa-modref", "-fno-ipa-pure-const",
    "-fno-ipa-reference",
};

int gj_module_init(gj_module *m, int opt)
{
    memset(m, 0, sizeof *m);
    gcc_jit_context *c = gcc_jit_context_acquire();
    if (!c)
        return -1;
    m->ctx = c;
    gcc_jit_context_set_int_option(c, GCC_JIT_INT_OPTION_OPTIMIZATION_LEVEL,
                                   opt);
    for (size_t i = 0; opt == 1 && i < sizeof level1_options /
                                            sizeof *level1_options; i++)
        gcc_jit_context_add_command_line_option(c, level1_options[i]);
    gcc_jit_context_set_bool_allow_unreachable_blocks(c, 1);
    gcc_jit_context_set_bool_print_errors_to_stderr(c, 0);
    gcc_jit_context_add_command_line_option(c, "-fPIC");
    gcc_jit_context_add_command_line_option(c, "-fno-semantic-interposition");

    gj_types *t = &m->t;
    t->void_ = gcc_jit_context_get_type(c, GCC_JIT_TYPE_VOID);
    t->int_ = gcc_jit_context_get_type(c, GCC_JIT_TYPE_INT);
    t->ssize = gcc_jit_context_get_int_type(c, sizeof(Py_ssize_t), 1);
    t->char_ = gcc_jit_context_get_type(c, GCC_JIT_TYPE_CHAR);
    t->charp = gcc_jit_type_get_pointer(t->char_);
    t->voidp = gcc_jit_context_get_type(c, GCC_JIT_TYPE_VOID_PTR);

    /* PyObject is declared with its two header fields; everything else is
     * reached by byte offsets taken from the target's own headers. */
    gcc_jit_struct *obj = gcc_jit_context_new_opaque_struct(c, NULL,
                                                           "PyObject");
    t->ob_refcnt = gcc_jit_context_new_field(c, NULL, t->ssize, "ob_refcnt");
    t->ob_type = gcc_jit_context_new_field(c, NULL, t->voidp, "ob_type");
    gcc_jit_field *fields[] = {t->ob_refcnt, t->ob_type};
    gcc_jit_struct_set_fields(obj, NULL, 2, fields);
    t->obj = gcc_jit_struct_as_type(obj);
    t->objp = gcc_jit_type_get_pointer(t->obj);
    t->objpp = gcc_jit_type_get_pointer(t->objp);

    m->true_ = gcc_jit_context_new_global(c, NULL, GCC_JIT_GLOBAL_IMPORTED,
                                          t->obj, "_Py_TrueStruct");
    m->false_ = gcc_jit_context_new_global(c, NULL, GCC_JIT_GLOBAL_IMPORTED,
                                           t->obj, "_Py_FalseStruct");
    m->none = gcc_jit_context_new_global(c, NULL, GCC_JIT_GLOBAL_IMPORTED,
                                         t->obj, "_Py_NoneStruct");
#ifdef Py_REF_DEBUG
    m->ref_total = gcc_jit_context_new_global(
        c, NULL, GCC_JIT_GLOBAL_IMPORTED, t->ssize, "_Py_RefTotal");
#endif
    static const char *const type_names[GJ_NTYPES] = {
        "PyLong_Type", "PyFloat_Type", "PyList_Type", "PyTuple_Type",
        "PyRangeIter_Type", "PyListIter_Type", "PyFunction_Type",
        "PyUnicode_Type", "PyDict_Type",
    };
    for (int i = 0; i < GJ_NTYPES; i++)
        m->types[i] = gcc_jit_context_new_global(
            c, NULL, GCC_JIT_GLOBAL_IMPORTED, t->obj, type_names[i]);
    m->i64 = gcc_jit_context_get_int_type(c, 8, 1);
    m->u64 = gcc_jit_context_get_int_type(c, 8, 0);
    m->u32 = gcc_jit_context_get_int_type(c, 4, 0);
    m->i32 = gcc_jit_context_get_int_type(c, 4, 1);
    m->dbl = gcc_jit_context_get_type(c, GCC_JIT_TYPE_DOUBLE);
    m->bool_ = gcc_jit_context_get_type(c, GCC_JIT_TYPE_BOOL);
    gcc_jit_param *ll = gcc_jit_context_new_param(c, NULL, m->i64, "v");
    m->funcs[GJ_LONG_FROM_LL] = gcc_jit_context_new_function(
        c, NULL, GCC_JIT_FUNCTION_IMPORTED, t->objp, PYAOT_LONG_FROM_I64, 1,
        &ll, 0);
    gcc_jit_param *d = gcc_jit_context_new_param(c, NULL, m->dbl, "v");
    m->funcs[GJ_FLOAT_FROM_DOUBLE] = gcc_jit_context_new_function(
        c, NULL, GCC_JIT_FUNCTION_IMPORTED, t->objp, "PyFloat_FromDouble", 1,
        &d, 0);
    /* Imported under its own name, not gcc's builtin: the very pow()
     * float_pow calls, never folded into something that rounds apart. */
    gcc_jit_param *xy[] = {
        gcc_jit_context_new_param(c, NULL, m->dbl, "x"),
        gcc_jit_context_new_param(c, NULL, m->dbl, "y"),
    };
    m->pow = gcc_jit_context_new_function(c, NULL, GCC_JIT_FUNCTION_IMPORTED,
                                          m->dbl, "pow", 2, xy, 0);
    gcc_jit_param *strs[] = {
        gcc_jit_context_new_param(c, NULL, t->objp, "a"),
        gcc_jit_context_new_param(c, NULL, t->objp, "b"),
    };
    m->unicode_equal = gcc_jit_context_new_function(
        c, NULL, GCC_JIT_FUNCTION_IMPORTED, t->int_, "_PyUnicode_Equal", 2,
        strs, 0);
    m->is_instance = gcc_jit_context_new_function(
        c, NULL, GCC_JIT_FUNCTION_IMPORTED, t->int_, "PyObject_IsInstance", 2,
        (gcc_jit_param *[]){
            gcc_jit_context_new_param(c, NULL, t->objp, "inst"),
            gcc_jit_context_new_param(c, NULL, t->objp, "cls")},
        0);
    m->err_clear = gcc_jit_context_new_function(
        c, NULL, GCC_JIT_FUNCTION_IMPORTED, t->void_, "PyErr_Clear", 0, NULL, 0);
    gcc_jit_param *p = gcc_jit_context_new_param(c, NULL, t->objp, "op");
    m->dealloc = gcc_jit_context_new_function(
        c, NULL, GCC_JIT_FUNCTION_IMPORTED, t->void_, "_Py_Dealloc", 1, &p, 0);
    return 0;
}

void gj_module_free(gj_module *m)
{
    if (m->ctx)
        gcc_jit_context_release(m->ctx);
    m->ctx = NULL;
}

gcc_jit_lvalue *gj_field(gj_module *m, gcc_jit_rvalue *ptr, long off,
                         gcc_jit_type *type)
{
    gcc_jit_context *c = m->ctx;
    gcc_jit_rvalue *bytes = gcc_jit_context_new_cast(c, NULL, ptr, m->t.charp);
    gcc_jit_lvalue *at = gcc_jit_context_new_array_access(
        c, NULL, bytes, gcc_jit_context_new_rvalue_from_long(c, m->t.ssize, off));
    gcc_jit_rvalue *addr = gcc_jit_context_new_cast(
        c, NULL, gcc_jit_lvalue_get_address(at, NULL),
        gcc_jit_type_get_pointer(type));
    return gcc_jit_rvalue_dereference(addr, NULL);
}

static gcc_jit_type *kind_type(gj_module *m, char kind)
{
    switch (kind) {
    case 'O': case 'S': case 'C': return m->t.objp;
    case 'A': case 'X': case 'W': return m->t.objpp;
    case 'P': return m->t.voidp;
    case 'I': case 'B': case 'R': return m->t.int_;
    case 'V': return m->t.void_;
    default: return m->t.voidp; /* T, F: opaque to generated code */
    }
}

gcc_jit_function *gj_helper(gj_module *m, int h)
{
    if (m->helpers[h])
        return m->helpers[h];
    const em_helper_info *info = &em_helpers[h];
    gcc_jit_param *params[8];
    int n = 0;
    for (const char *k = info->args; *k; k++) {
        if (*k == ',' || *k == ' ')
            continue;
        char name[8] = {'a', (char)('0' + n), 0};
        params[n] = gcc_jit_context_new_param(m->ctx, NULL,
                                              kind_type(m, *k), name);
        n++;
    }
    m->helpers[h] = gcc_jit_context_new_function(
        m->ctx, NULL, GCC_JIT_FUNCTION_IMPORTED, kind_type(m, info->ret),
        info->name, n, params, 0);
    return m->helpers[h];
}
