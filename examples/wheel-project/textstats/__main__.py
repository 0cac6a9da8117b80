"""python -m textstats [-n N] [FILE...]: prints the word statistics of
the files (standard input when there are none or for -)."""

import argparse
import sys

from . import analyse
from .fmt import report


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m textstats",
                                description=__doc__.split(":", 1)[1])
    p.add_argument("-n", type=int, default=3, help="how many top words")
    p.add_argument("files", nargs="*", metavar="FILE")
    args = p.parse_args(argv)
    chunks = []
    for name in args.files or ["-"]:
        if name == "-":
            chunks.append(sys.stdin.read())
        else:
            with open(name, encoding="utf-8") as f:
                chunks.append(f.read())
    print(report(analyse("\n".join(chunks)), args.n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
