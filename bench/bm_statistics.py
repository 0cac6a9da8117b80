"""statistics as a workload: mean, fmean, median, variance, stdev,
quantiles and correlation over generated data.

main(n) computes them over n samples and returns the rounded results."""

import statistics

COMPILE_ALSO = ("statistics",)
DEFAULT_N = 70000


def main(n):
    seed = 12345
    xs, ys = [], []
    for _ in range(n):
        seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
        xs.append((seed >> 8) % 1000 / 10)
        ys.append(((seed >> 4) % 977) / 7)
    out = [
        statistics.mean(xs), statistics.fmean(ys),
        statistics.median(xs), statistics.median_grouped(ys),
        statistics.variance(xs), statistics.stdev(ys),
        statistics.pvariance(ys),
        statistics.correlation(xs, ys),
    ]
    out.extend(statistics.quantiles(xs, n=4))
    ints = [int(x) for x in xs[:2000]]
    out.append(statistics.mean(ints))
    out.append(statistics.mode(ints))
    return [round(float(v), 6) for v in out]


if __name__ == "__main__":
    print(main(DEFAULT_N))
