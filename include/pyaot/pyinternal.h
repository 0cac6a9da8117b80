/* CPython with its internal headers: the frame, code and thread-state
 * layouts that native code and the runtime must agree with. */
#ifndef PYAOT_PYINTERNAL_H
#define PYAOT_PYINTERNAL_H

#define PY_SSIZE_T_CLEAN
#ifndef Py_BUILD_CORE
#define Py_BUILD_CORE 1
#endif
#include <Python.h>
#include <frameobject.h>
#include "internal/pycore_frame.h"
#include "internal/pycore_code.h"
#include "internal/pycore_pystate.h"
#include "internal/pycore_interp.h"
#include "internal/pycore_ceval.h"

#endif
