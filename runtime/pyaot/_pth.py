"""`pyaot hook install|uninstall|show`: the .pth file that turns the import
hook on at every start of Python, in a site-packages directory. Python runs
the `import` lines of .pth files in its site directories at start-up."""

import os
import sys
import sysconfig

from ._files import atomic
from .cli import ArgumentParser

HOOK_PTH = "pyaot-hook.pth"
ENV_PTH = "pyaot-env.pth"  # installed with the package: PYAOT=1 enables

# One line each; harmless when the pyaot package is gone.
HOOK_LINE = ("import os, importlib.util; os.environ.get('PYAOT') != '0' and "
             "importlib.util.find_spec('pyaot') and __import__('pyaot.hook')")
ENV_LINE = ("import os; os.environ.get('PYAOT') == '1' and "
            "__import__('importlib.util').util.find_spec('pyaot') and "
            "__import__('pyaot.hook')")


def main(argv):
    p = ArgumentParser(prog="pyaot hook", description=__doc__)
    p.add_argument("action", choices=("install", "uninstall", "show"))
    p.add_argument("--site", metavar="DIR",
                   help="the site-packages directory (default: this "
                        "Python's, %s)" % sysconfig.get_path("purelib"))
    args = p.parse_args(argv)
    site = args.site or sysconfig.get_path("purelib")
    path = os.path.join(site, HOOK_PTH)
    try:
        if args.action == "install":
            if not os.path.isdir(site):
                sys.stderr.write("pyaot: %s: no such directory\n" % site)
                return 1
            with atomic(path) as f:
                f.write(HOOK_LINE + "\n")
            print("pyaot: the import hook is on for %s (%s written)"
                  % (site, HOOK_PTH))
        elif args.action == "uninstall":
            if os.path.exists(path):
                os.unlink(path)
                print("pyaot: the import hook is off for %s (%s removed)"
                      % (site, HOOK_PTH))
            else:
                print("pyaot: the import hook was not installed in %s" % site)
        else:
            on = os.path.exists(path)
            print("%s: %s" % (path, "present, the hook is on at start-up"
                              if on else "absent"))
            env = os.path.exists(os.path.join(site, ENV_PTH))
            print("PYAOT=1 %s; PYAOT is %s" % (
                "enables it" if env else "does not enable it here (no %s)"
                % ENV_PTH, repr(os.environ["PYAOT"]) if "PYAOT" in os.environ
                else "not set"))
    except OSError as e:
        sys.stderr.write("pyaot: %s: %s\n" % (e.filename or path,
                                              e.strerror or e))
        return 1
    return 0
