"""textstats: word statistics for plain text. A small package for trying
pyaot's wheel builds: see ../README.md."""

from .core import Stats, analyse, ratio, top_words
from .errors import TextStatsError

__version__ = "1.0"
__all__ = ["Stats", "analyse", "ratio", "top_words", "TextStatsError"]
