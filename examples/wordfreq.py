"""Word frequencies of a generated text: string and dict work.

    python3 wordfreq.py
    python3 -c "import wordfreq; wordfreq.main()"
"""

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "qua"]


def make_text(n_words, seed=12345):
    """n_words pseudo-random words from a linear congruential generator,
    as lines of text with some punctuation and capitals."""
    state = seed
    lines = []
    line = []
    for i in range(n_words):
        state = (state * 1103515245 + 12345) % 2147483648
        length = 1 + state % 3
        word = ""
        for k in range(length):
            word += SYLLABLES[(state >> (4 * k + 8)) % len(SYLLABLES)]
        if state % 7 == 0:
            word = word.capitalize()
        if state % 11 == 0:
            word += ","
        line.append(word)
        if len(line) == 12:
            lines.append(" ".join(line) + ".")
            line = []
    lines.append(" ".join(line))
    return "\n".join(lines)


def count_words(text):
    counts = {}
    for line in text.splitlines():
        for word in line.split():
            word = word.strip(".,").lower()
            if word:
                counts[word] = counts.get(word, 0) + 1
    return counts


def letter_histogram(counts):
    letters = {}
    for word, n in counts.items():
        for ch in word:
            letters[ch] = letters.get(ch, 0) + n
    return letters


def main():
    text = make_text(300000)
    counts = count_words(text)
    total = sum(counts.values())
    print("words: %d, distinct: %d" % (total, len(counts)))
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    for word, n in top:
        print("%-12s %6d  %5.2f%%" % (word, n, 100.0 * n / total))
    letters = letter_histogram(counts)
    print("letters:", " ".join("%s=%d" % kv for kv in sorted(letters.items())))
    longest = max(counts, key=lambda w: (len(w), w))
    print("longest word:", longest)


if __name__ == "__main__":
    main()
