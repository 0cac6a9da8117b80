/* The commands written in Python (status, hook, stdlib, wheel) live in the pyaot
 * package, which `python3 -m pyaot` also runs; the pyaot program runs
 * them in its embedded interpreter, the target Python, so both give the
 * same results. */
#include "config.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compiler.h"

/* This program's own path, for the package to run the compiler with. */
static const char *self_path(void)
{
    static char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return "pyaot";
    self[n] = '\0';
    return self;
}

/* The directory holding the pyaot package: $PYAOT_PYTHONDIR, else the
 * source tree's runtime/ when run from the build tree (the runtime library
 * is beside the compiler), else where `make install` put it. */
static const char *package_dir(void)
{
    static char built[PATH_MAX + 32];
    const char *env = getenv("PYAOT_PYTHONDIR");
    if (env && *env)
        return env;
    const char *self = self_path();
    const char *slash = strrchr(self, '/');
    if (slash &&
        snprintf(built, sizeof built, "%.*s/../runtime/libpyaot_rt.a",
                 (int)(slash - self), self) < (int)sizeof built &&
        access(built, R_OK) == 0)
        return PYAOT_SRCDIR "/runtime";
    return PYAOT_PYTHONDIR;
}

int pa_python_command(char **argv, int argc)
{
    PyObject *args = PyList_New(0), *main_fn = NULL, *result = NULL;
    PyObject *sys_path = PySys_GetObject("path"); /* borrowed */
    PyObject *dir = PyUnicode_DecodeFSDefault(package_dir());
    int rc = 1;
    for (int i = 0; args && i < argc; i++) {
        PyObject *a = PyUnicode_DecodeFSDefault(argv[i]);
        if (!a || PyList_Append(args, a) < 0)
            Py_CLEAR(args);
        Py_XDECREF(a);
    }
    if (args && dir && sys_path && PyList_Insert(sys_path, 0, dir) == 0) {
        PyObject *cli = PyImport_ImportModule("pyaot.cli");
        main_fn = cli ? PyObject_GetAttrString(cli, "main") : NULL;
        Py_XDECREF(cli);
    }
    if (main_fn)
        result = PyObject_CallFunction(main_fn, "Os", args, self_path());
    if (result && PyLong_Check(result))
        rc = (int)PyLong_AsLong(result);
    else if (PyErr_ExceptionMatches(PyExc_SystemExit) ||
             PyErr_ExceptionMatches(PyExc_KeyboardInterrupt))
        PyErr_Print(); /* exits with the status or reports the interrupt */
    else if (PyErr_ExceptionMatches(PyExc_ImportError) && !main_fn)
        pa_report_exception("the pyaot Python package");
    else if (PyErr_Occurred())
        PyErr_Print();
    Py_XDECREF(result);
    Py_XDECREF(main_fn);
    Py_XDECREF(dir);
    Py_XDECREF(args);
    return rc;
}
