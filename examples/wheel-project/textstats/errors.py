"""The one exception textstats raises for bad input."""


class TextStatsError(ValueError):
    """Input textstats cannot count."""
