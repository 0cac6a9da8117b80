"""String building, split/join and dict counting.

A deterministic pseudo-random generator (a 31-bit LCG) picks syllables
that are glued into words; words are joined into lines and the lines into
one text, which is split back into lines and words, and the words are
counted in a dict.  A second pass groups "word=count" strings into
buckets by initial letter, joins them, and fingerprints the result.
main(n) generates n lines of 8 words and returns (distinct words, the
most frequent word, its count, length of the summary string, and a
polynomial fingerprint of its start); nothing depends on hash() order."""

DEFAULT_N = 40000

SYLLABLES = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "gu", "ve",
             "zo", "ha", "bi", "do", "fe", "ja"]


def make_line(state, words_per_line):
    words = []
    for _ in range(words_per_line):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        nsyl = 1 + (state >> 16) % 3
        w = ""
        for _ in range(nsyl):
            state = (state * 1103515245 + 12345) & 0x7FFFFFFF
            w += SYLLABLES[(state >> 12) & 15]
        words.append(w)
    return state, " ".join(words)


def count_words(lines):
    counts = {}
    for line in lines:
        for w in line.split():
            if w in counts:
                counts[w] += 1
            else:
                counts[w] = 1
    return counts


def fingerprint(s):
    h = 0
    for ch in s:
        h = (h * 131 + ord(ch)) & 0xFFFFFFFF
    return h


def main(n):
    state = 42
    lines = []
    for i in range(n):
        state, line = make_line(state, 8)
        lines.append(line)
    text = "\n".join(lines)
    counts = count_words(text.split("\n"))

    best = ""
    best_count = 0
    for w, c in counts.items():
        if c > best_count or (c == best_count and w < best):
            best = w
            best_count = c

    buckets = {}
    for w in sorted(counts):
        key = w[0].upper()
        buckets.setdefault(key, []).append("%s=%d" % (w, counts[w]))
    parts = []
    for key in sorted(buckets):
        parts.append(key + ":" + ",".join(buckets[key]))
    summary = ";".join(parts)
    return (len(counts), best, best_count, len(summary),
            fingerprint(summary[:20000]))


if __name__ == "__main__":
    print(main(DEFAULT_N))
