/* Check unit tests of pyaot: the suites check_main.c runs, and the helpers
 * they share (compiling Python source with the embedded interpreter). */
#ifndef PYAOT_TEST_SUITES_H
#define PYAOT_TEST_SUITES_H

/* Python.h (through pyinternal.h) must come before the system headers. */
#include "pyaot/pyinternal.h"

#include <check.h>
#include <stdint.h>
#include <string.h>

#include "pyaot/decode.h"

Suite *decode_suite(void);
Suite *analyse_suite(void);
Suite *opcodes_suite(void);
Suite *text_suite(void);

/* Fails the current test with the pending Python exception when `o` is
 * NULL; returns `o` otherwise. */
PyObject *t_check(PyObject *o, const char *what);

/* Compiles module source `src` with the embedded interpreter (file name
 * "<test>") and returns its top-level code object (new reference). */
PyCodeObject *t_compile_module(const char *src);

/* Compiles `src` and returns the first code object named `name` in a
 * pre-order walk of the module's constants (new reference). NULL for
 * `name` returns the module's own code object. */
PyCodeObject *t_compile_function(const char *src, const char *name);

/* All code objects of `src` (module first, pre-order over co_consts), as
 * a new list. */
PyObject *t_all_code_objects(const char *src);

/* module.attr(arg) through the embedded interpreter; new reference. */
PyObject *t_call1(const char *module, const char *attr, PyObject *arg);

/* Decodes co_code (deoptimised, PyCode_GetCode) and co_exceptiontable of
 * `co` into `out`, failing the test on a decoder error. */
void t_decode_code(PyCodeObject *co, dec_code *out);

/* Bytes of a bytes object, failing the test if it is not one. */
const uint8_t *t_bytes(PyObject *b, size_t *len);

#endif
