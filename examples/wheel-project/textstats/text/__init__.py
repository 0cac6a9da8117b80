"""Turning text into words."""

from .tokens import is_stopword, stopwords, words

__all__ = ["is_stopword", "stopwords", "words"]
