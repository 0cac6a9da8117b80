"""`python3 -m pyaot` and the commands written in Python. The pyaot
program runs main() for `status`, `hook` and `wheel`; `python3 -m pyaot`
runs them here too and hands every other command to the program."""

import argparse
import os
import sys

from . import _compiler

PYTHON_COMMANDS = {
    "status": "pyaot.status",
    "hook": "pyaot._pth",
    "wheel": "pyaot.wheel",
    "stdlib": "pyaot.stdlib",
}


class ArgumentParser(argparse.ArgumentParser):
    """argparse with the pyaot program's one-line usage errors."""

    def error(self, message):
        sys.stderr.write("pyaot: %s\nTry '%s --help'.\n" % (message,
                                                             self.prog))
        sys.exit(2)


def main(argv, compiler=None):
    """Runs `pyaot ARGV...`; returns the exit status."""
    if compiler:
        _compiler.running = compiler
    if argv and argv[0] in PYTHON_COMMANDS:
        import importlib
        command = importlib.import_module(PYTHON_COMMANDS[argv[0]])
        try:
            return command.main(argv[1:])
        except KeyboardInterrupt:
            sys.stderr.write("pyaot: interrupted\n")
            return 130
    program = _compiler.compiler_or_report()
    if program is None:
        return 1
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(program, [program] + list(argv))
