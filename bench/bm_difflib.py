"""difflib as a workload: SequenceMatcher ratios and opcodes, and unified
diffs, over generated texts that differ by small edits.

main(n) builds n pairs of 60-line texts (a line changed, inserted or
deleted every few lines) and returns the summed ratios (rounded), the
opcode count and the total length of the unified diffs."""

import difflib

COMPILE_ALSO = ("difflib",)
DEFAULT_N = 600


def make_text(seed, lines):
    out = []
    for i in range(lines):
        seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
        out.append("line %d: %s" % (i, "abcdefghij"[seed % 10] * (seed % 7 + 3)))
    return out


def edit(text, seed):
    out = []
    for i, line in enumerate(text):
        seed = (seed * 69069 + 1) & 0xFFFFFFFF
        r = seed % 11
        if r == 0:
            continue
        if r == 1:
            out.append(line.upper())
        elif r == 2:
            out.append(line)
            out.append("inserted %d" % i)
        else:
            out.append(line)
    return out


def main(n):
    ratio_sum = 0.0
    opcodes = 0
    diff_len = 0
    for k in range(n):
        a = make_text(k + 1, 60)
        b = edit(a, k + 7)
        sm = difflib.SequenceMatcher(None, a, b)
        ratio_sum += sm.ratio()
        opcodes += len(sm.get_opcodes())
        diff_len += sum(len(x) for x in difflib.unified_diff(a, b, lineterm=""))
        sm2 = difflib.SequenceMatcher(None, a[k % 60], b[k % len(b)])
        ratio_sum += sm2.ratio()
    return round(ratio_sum, 6), opcodes, diff_len


if __name__ == "__main__":
    print(main(DEFAULT_N))
