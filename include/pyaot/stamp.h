/* The artifact file's own format beyond the shared object: the source
 * stamp of cached artifacts. The contract of the code inside is
 * pyaot/native.h. */
#ifndef PYAOT_STAMP_H
#define PYAOT_STAMP_H

/* A cached artifact (`pyaot compile --cache`) ends with a source stamp, so
 * the import hook can tell, without loading it, whether it was compiled
 * from the source now beside it:
 *
 *     <JSON object, UTF-8> <its length: uint32, little-endian> "PYAOTSRC"
 *
 * The object holds: "format" (2), "soabi" and "magic" (the target's
 * SOABI and importlib magic number), "optimize" (the python -O levels the
 * artifact has code for: [0, 1, 2]), "body" (importlib's source hash of
 * the bytes before the stamp: a damaged artifact is never loaded),
 * "source" (the source's file name), "size" (its length in
 * bytes), "check" ("hash" or "mtime") and, to match, "hash" (importlib's
 * source hash, 16 hex digits) or "mtime_ns". The dynamic loader ignores
 * bytes past the ELF sections, so the stamp costs nothing at load time. */
#define PYAOT_STAMP_TAG "PYAOTSRC"
#define PYAOT_STAMP_FORMAT 2

#endif
