"""Writing a file so that it is either whole or not there at all: into a
temporary name beside it, renamed over it once complete."""

import contextlib
import os
import tempfile


@contextlib.contextmanager
def atomic(dest, mode="w"):
    """`with atomic(path, "wb") as f:` writes f to path when the block ends
    normally, and leaves nothing behind when it raises."""
    directory, name = os.path.split(dest)
    fd, tmp = tempfile.mkstemp(prefix="." + name + ".", suffix=".tmp",
                               dir=directory or ".")
    try:
        with os.fdopen(fd, mode) as f:
            yield f
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # mkstemp makes it 0600
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
