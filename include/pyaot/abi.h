/* The contract between an artifact's generated code and the runtime
 * linked into it: the init entry point and the native function type. */
#ifndef PYAOT_ABI_H
#define PYAOT_ABI_H

/* The artifact's PyInit calls this with its name, the Python version it
 * was compiled for, the marshalled (code, fallback reasons) pair and the
 * native entry of every code object in pre-order (NULL: interpreted). */
#define PYAOT_INIT_SYMBOL "pyaot_artifact_init"

/* Major and minor version of the target, as PY_VERSION_HEX lays them. */
#define PYAOT_VERSION_OF(hex) ((unsigned long)(hex) & 0xFFFF0000UL)
#define PYAOT_TARGET_VERSION PYAOT_VERSION_OF(PY_VERSION_HEX)

/* Name of the per-interpreter capsule that all artifacts share, and the
 * number of the layout of the state it holds (runtime/runtime.h's
 * rt_shared, whose first field repeats it): an artifact that finds
 * another number refuses to load rather than misread the state. Bump it
 * with every change to that layout or to the meaning of its fields. */
#define PYAOT_CAPSULE_NAME "pyaot.runtime"
#define PYAOT_RUNTIME_ABI 2

/* A cached artifact (`pyaot compile --cache`) ends with a source stamp, so
 * the import hook can tell, without loading it, whether it was compiled
 * from the source now beside it:
 *
 *     <JSON object, UTF-8> <its length: uint32, little-endian> "PYAOTSRC"
 *
 * The object holds: "format" (1), "soabi" and "magic" (the target's
 * SOABI and importlib magic number), "optimize" (the -O level the code was
 * compiled at), "source" (the source's file name), "size" (its length in
 * bytes), "check" ("hash" or "mtime") and, to match, "hash" (importlib's
 * source hash, 16 hex digits) or "mtime_ns". The dynamic loader ignores
 * bytes past the ELF sections, so the stamp costs nothing at load time. */
#define PYAOT_STAMP_TAG "PYAOTSRC"
#define PYAOT_STAMP_FORMAT 1

#endif
