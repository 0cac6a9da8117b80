"""textwrap as a workload: wrap, fill, indent, dedent and shorten over
generated paragraphs at several widths.

main(n) wraps n paragraphs and returns the line count and a fingerprint
of the output."""

import textwrap

COMPILE_ALSO = ("textwrap",)
DEFAULT_N = 400

WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta",
         "theta", "iota", "kappa", "lambda", "mu", "nu-xi", "omicron", "pi"]


def paragraph(seed, words):
    out = []
    for _ in range(words):
        seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
        out.append(WORDS[seed % len(WORDS)])
    return " ".join(out)


def main(n):
    lines = 0
    fp = 0
    for k in range(n):
        text = paragraph(k + 3, 80)
        for width in (30, 50, 72):
            wrapped = textwrap.wrap(text, width=width)
            lines += len(wrapped)
            for line in wrapped:
                fp = (fp * 31 + len(line)) % 1000000007
        filled = textwrap.fill(text, width=40, initial_indent="* ",
                               subsequent_indent="  ")
        block = textwrap.indent(filled, "    ")
        fp = (fp + len(textwrap.dedent(block))) % 1000000007
        fp = (fp + len(textwrap.shorten(text, width=60))) % 1000000007
    return lines, fp


if __name__ == "__main__":
    print(main(DEFAULT_N))
