"""python3 -m pyaot: the same commands as the pyaot program."""

import sys

from .cli import main

sys.exit(main(sys.argv[1:]))
