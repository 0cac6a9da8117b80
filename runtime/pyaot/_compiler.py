"""Finding the pyaot program: the one that is running this package's
commands, else $PYAOT_COMPILER, else the one `make install` recorded,
else `pyaot` on PATH."""

import os

# Set by cli.main when the pyaot program itself runs a command.
running = None


class CompileError(Exception):
    """The pyaot compiler exited with a non-zero status."""

    def __init__(self, status, argv):
        super().__init__("pyaot compile failed (exit status %d)" % status)
        self.status = status
        self.argv = argv


def compiler_path():
    if running:
        return running
    env = os.environ.get("PYAOT_COMPILER")
    if env:
        return env
    try:
        from ._config import COMPILER
    except ImportError:
        COMPILER = None
    if COMPILER and os.access(COMPILER, os.X_OK):
        return COMPILER
    import shutil
    found = shutil.which("pyaot")
    if found:
        return found
    raise FileNotFoundError("the pyaot compiler was not found (set "
                            "PYAOT_COMPILER, or put pyaot on PATH)")


def compiler_or_report():
    """compiler_path(), or None after saying on stderr why there is none."""
    try:
        return compiler_path()
    except FileNotFoundError as e:
        import sys
        sys.stderr.write("pyaot: %s\n" % e)
        return None


def run(argv, **popen_args):
    """Runs the compiler to its end and returns its exit status. Should
    SIGINT, SIGTERM or SIGHUP stop this process meanwhile, the compiler is
    stopped by the same signal (so that it removes its temporaries) and
    waited for, and then this process ends by that signal too, instead of
    leaving the compiler running on its own."""
    import signal
    import subprocess
    proc = subprocess.Popen(argv, **popen_args)
    caught = []

    def forward(signum, frame):
        caught.append(signum)
        proc.send_signal(signum)

    stopping = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    try:
        previous = {s: signal.signal(s, forward) for s in stopping}
    except ValueError:  # not the main thread: signals are not ours
        return proc.wait()
    try:
        status = proc.wait()
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    if caught:
        os.kill(os.getpid(), caught[0])
    return status
