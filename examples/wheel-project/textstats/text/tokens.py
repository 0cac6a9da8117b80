"""Splits text into lower-case words, and knows the stop words: those
listed in stopwords.txt, the package data beside this module."""

from importlib import resources

from ..errors import TextStatsError

_stopwords = None


def stopwords():
    """The stop words, read once from the package data."""
    global _stopwords
    if _stopwords is None:
        text = resources.files(__package__).joinpath(
            "stopwords.txt").read_text(encoding="utf-8")
        _stopwords = frozenset(
            line.strip() for line in text.splitlines()
            if line.strip() and not line.startswith("#"))
    return _stopwords


def is_stopword(word):
    return word in stopwords()


def words(text):
    """The words of text: runs of letters and apostrophes, lower-cased,
    without apostrophes at either end."""
    if not isinstance(text, str):
        raise TextStatsError("text must be str, not %s" % type(text).__name__)
    found = []
    current = []
    for ch in text.lower():
        if ch.isalpha() or ch == "'":
            current.append(ch)
        elif current:
            found.append("".join(current))
            current = []
    if current:
        found.append("".join(current))
    return [w for w in (w.strip("'") for w in found) if w]
