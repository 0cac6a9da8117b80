/* The Check test runner: starts the embedded target Python once, runs every
 * suite without forking and prints the results as TAP on stdout. */
#include "suites.h"
#include "compiler.h"

#include <stdio.h>
#include <stdlib.h>

#include "config.h"

PyObject *t_check(PyObject *o, const char *what)
{
    if (!o) {
        char msg[512] = "unknown error";
        PyObject *type, *value, *tb;
        PyErr_Fetch(&type, &value, &tb);
        PyObject *s = value ? PyObject_Str(value) : NULL;
        const char *u = s ? PyUnicode_AsUTF8(s) : NULL;
        snprintf(msg, sizeof msg, "%s: %s",
                 type ? ((PyTypeObject *)type)->tp_name : "?",
                 u ? u : "?");
        Py_XDECREF(s);
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(tb);
        PyErr_Clear();
        ck_abort_msg("Python call failed (%s): %s", what, msg);
    }
    return o;
}

PyCodeObject *t_compile_module(const char *src)
{
    PyObject *co = t_check(Py_CompileString(src, "<test>", Py_file_input),
                           "compile test source");
    ck_assert_msg(PyCode_Check(co), "compiling gave no code object");
    return (PyCodeObject *)co;
}

static void collect(PyObject *co, PyObject *list)
{
    ck_assert_int_eq(PyList_Append(list, co), 0);
    PyObject *consts = ((PyCodeObject *)co)->co_consts;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(consts); i++) {
        PyObject *c = PyTuple_GET_ITEM(consts, i);
        if (PyCode_Check(c))
            collect(c, list);
    }
}

PyObject *t_all_code_objects(const char *src)
{
    PyCodeObject *top = t_compile_module(src);
    PyObject *list = t_check(PyList_New(0), "new list");
    collect((PyObject *)top, list);
    Py_DECREF(top);
    return list;
}

PyCodeObject *t_compile_function(const char *src, const char *name)
{
    PyObject *all = t_all_code_objects(src);
    PyCodeObject *found = NULL;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(all) && !found; i++) {
        PyCodeObject *co = (PyCodeObject *)PyList_GET_ITEM(all, i);
        if (!name || PyUnicode_CompareWithASCIIString(co->co_name, name) == 0)
            found = co;
    }
    ck_assert_msg(found != NULL, "no code object named %s in the test source",
                  name);
    Py_INCREF(found);
    Py_DECREF(all);
    return found;
}

PyObject *t_call1(const char *module, const char *attr, PyObject *arg)
{
    PyObject *mod = t_check(PyImport_ImportModule(module), module);
    PyObject *fn = t_check(PyObject_GetAttrString(mod, attr), attr);
    PyObject *res = PyObject_CallOneArg(fn, arg);
    Py_DECREF(fn);
    Py_DECREF(mod);
    return t_check(res, attr);
}

const uint8_t *t_bytes(PyObject *b, size_t *len)
{
    char *s;
    Py_ssize_t n;
    ck_assert_msg(PyBytes_AsStringAndSize(b, &s, &n) == 0,
                  "expected a bytes object");
    *len = (size_t)n;
    return (const uint8_t *)s;
}

void t_decode_code(PyCodeObject *co, dec_code *out)
{
    char err[256] = "";
    memset(out, 0, sizeof *out);
    PyObject *code = t_check(PyCode_GetCode(co), "PyCode_GetCode");
    size_t n;
    const uint8_t *p = t_bytes(code, &n);
    int rc = dec_instructions(p, n, out, err, sizeof err);
    Py_DECREF(code);
    ck_assert_msg(rc == 0, "dec_instructions of %s failed: %s",
                  PyUnicode_AsUTF8(co->co_qualname), err);
    p = t_bytes(co->co_exceptiontable, &n);
    rc = dec_exception_table(p, n, out, err, sizeof err);
    ck_assert_msg(rc == 0, "dec_exception_table of %s failed: %s",
                  PyUnicode_AsUTF8(co->co_qualname), err);
}

static int start_python(void)
{
    if (pa_start_python() < 0) {
        /* Keep stdout TAP: a bail-out line. */
        printf("Bail out! cannot start Python %s\n", PYAOT_PYTHON_VERSION);
        return -1;
    }
    return 0;
}

int main(void)
{
    if (start_python() < 0)
        return 1;
    SRunner *sr = srunner_create(decode_suite());
    srunner_add_suite(sr, analyse_suite());
    srunner_add_suite(sr, opcodes_suite());
    srunner_add_suite(sr, text_suite());
    /* Python is started once for every test: run them in this process. */
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_set_tap(sr, "-");
    srunner_run_all(sr, CK_SILENT);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    fflush(stdout);
    if (Py_FinalizeEx() < 0)
        failed++;
    return failed > 0 ? 1 : 0;
}
