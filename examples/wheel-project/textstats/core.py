"""Counting: word frequencies, word lengths and the summary of a text."""

from collections import Counter

from .errors import TextStatsError
from .text import is_stopword, words


def ratio(part, whole):
    """part / whole, for a positive whole."""
    if whole <= 0:
        raise TextStatsError("whole must be positive, not %r" % (whole,))
    return part / whole


class Stats:
    """The word counts of a text."""

    def __init__(self, counts):
        self.counts = counts
        self.total = sum(counts.values())
        self.distinct = len(counts)

    def mean_length(self):
        letters = 0
        for word, n in self.counts.items():
            letters += len(word) * n
        return ratio(letters, self.total) if self.total else 0.0

    def top(self, n, skip_stopwords=True):
        """The n most frequent words, [(word, count)], most frequent first
        and alphabetical among equals."""
        ranked = sorted(self.counts.items(), key=lambda wc: (-wc[1], wc[0]))
        if skip_stopwords:
            ranked = [wc for wc in ranked if not is_stopword(wc[0])]
        return ranked[:n]


def analyse(text):
    return Stats(Counter(words(text)))


def top_words(text, n=3):
    return [word for word, _ in analyse(text).top(n)]
