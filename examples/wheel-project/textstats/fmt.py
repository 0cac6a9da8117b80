"""The report `python -m textstats` prints."""


def report(stats, n=3):
    top = ", ".join("%s %d" % wc for wc in stats.top(n))
    return ("words: %d\ndistinct: %d\nmean length: %.2f\ntop: %s"
            % (stats.total, stats.distinct, stats.mean_length(), top or "-"))
