"""Damaged inputs for pyaot: writes mutated copies of a .pyc file and of
a cached artifact, deterministically from a seed.

Usage: python3 fuzz_driver.py pyc SEED COUNT SOURCE.pyc OUTDIR
       python3 fuzz_driver.py artifact SEED COUNT ARTIFACT OUTDIR

`pyc` writes OUTDIR/m<i>.pyc; `artifact` writes OUTDIR/<i>/ with a copy of
the artifact's source and the mutated artifact where the import hook
looks for it (the artifact's file name is taken as it is). Each mutation
is one of: truncation, bit flips (anywhere, or in the header, or in the
part that matters most: the marshalled code of a .pyc, the stamp of an
artifact), a run of random bytes, bytes inserted or removed; the kind and
where it fell are printed, one line per file, for the test's diagnostics.
"""

import os
import random
import shutil
import sys


def flip_bits(data, rng, lo, hi, count):
    for _ in range(count):
        if hi <= lo:
            break
        i = rng.randrange(lo, hi)
        data[i] ^= 1 << rng.randrange(8)
    return "flip %d bits in [%d, %d)" % (count, lo, hi)


def mutate(data, rng, hot_lo, hot_hi):
    """A damaged copy of `data`; [hot_lo, hot_hi) is the part that matters
    most (mutated more often)."""
    data = bytearray(data)
    kind = rng.randrange(8)
    n = len(data)
    if kind == 0:
        cut = rng.randrange(n)
        return bytes(data[:cut]), "truncate to %d of %d" % (cut, n)
    if kind == 1:
        return bytes(data), flip_bits(data, rng, 0, n, rng.randrange(1, 4))
    if kind == 2:
        return bytes(data), flip_bits(data, rng, 0, min(n, 16), 1)
    if kind in (3, 4):
        return bytes(data), flip_bits(data, rng, hot_lo, hot_hi,
                                      rng.randrange(1, 3))
    if kind == 5:
        at = rng.randrange(hot_lo, max(hot_lo + 1, hot_hi))
        size = rng.randrange(1, 9)
        data[at:at + size] = bytes(rng.randrange(256) for _ in range(size))
        return bytes(data), "random bytes at %d (%d)" % (at, size)
    if kind == 6:
        at = rng.randrange(n)
        data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 5)))
        return bytes(data), "bytes inserted at %d" % at
    at = rng.randrange(n)
    del data[at:at + rng.randrange(1, 5)]
    return bytes(data), "bytes removed at %d" % at


def pycs(seed, count, source, outdir):
    data = open(source, "rb").read()
    rng = random.Random(seed)
    for i in range(count):
        mutated, what = mutate(data, rng, 16, len(data))
        with open(os.path.join(outdir, "m%d.pyc" % i), "wb") as f:
            f.write(mutated)
        print("m%d.pyc: %s" % (i, what))


def artifacts(seed, count, artifact, outdir):
    data = open(artifact, "rb").read()
    length = int.from_bytes(data[-12:-8], "little")
    stamp_at = len(data) - 12 - length
    cache = os.path.dirname(artifact)
    source = os.path.join(os.path.dirname(cache),
                          os.path.basename(artifact).split(".")[0] + ".py")
    rng = random.Random(seed)
    for i in range(count):
        # Half the time the stamp (the hook's own reading), else anywhere.
        lo, hi = (stamp_at, len(data)) if i % 2 else (0, len(data))
        mutated, what = mutate(data, rng, lo, hi)
        d = os.path.join(outdir, str(i))
        os.makedirs(os.path.join(d, "__pycache__"))
        shutil.copy(source, d)
        with open(os.path.join(d, "__pycache__",
                               os.path.basename(artifact)), "wb") as f:
            f.write(mutated)
        print("%d: %s" % (i, what))


if __name__ == "__main__":
    mode, seed, count, path, outdir = sys.argv[1:6]
    (pycs if mode == "pyc" else artifacts)(int(seed), int(count), path, outdir)
