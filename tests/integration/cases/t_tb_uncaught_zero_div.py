# Does plenty of work, then ends with an uncaught ZeroDivisionError raised
# several calls deep: the driver compares the full traceback.

def mean(values):
    return sum(values) / len(values)


def variance(values):
    m = mean(values)
    return sum([(v - m) ** 2 for v in values]) / (len(values) - 1)


def normalize(values):
    lo, hi = min(values), max(values)
    span = hi - lo
    return [(v - lo) / span for v in values]


def summarize(name, values):
    print(f"{name}: n={len(values)} mean={mean(values):.4f} var={variance(values):.4f}")
    norm = normalize(values)
    print(f"  normalized head: {[round(v, 3) for v in norm[:5]]}")
    return norm


series = {
    "squares": [i * i for i in range(1, 30)],
    "alternating": [(-1) ** i * i for i in range(40)],
    "floats": [i / 7 for i in range(1, 50)],
}
results = {}
for name, values in series.items():
    results[name] = summarize(name, values)
print(sorted(results), [len(v) for v in results.values()])

table = []
for i in range(1, 11):
    row = []
    for j in range(1, 11):
        row.append(i * j if (i + j) % 3 else -(i * j))
    table.append(row)
for row in table:
    print(" ".join(f"{v:4d}" for v in row))
col_sums = [sum([row[j] for row in table]) for j in range(10)]
print("column sums", col_sums)
print("row maxima", [max(r) for r in table])
acc = 0
for k in range(1, 1000):
    acc += k * (k % 13) - (k // 7)
print("acc", acc)


def pipeline(stages, data):
    for stage in stages:
        data = stage(data)
    return data


print(pipeline([sorted, lambda xs: xs[::2], lambda xs: [x * 10 for x in xs]], [5, 3, 9, 1, 7]))
# a constant series has zero spread: normalize divides by zero
summarize("constant", [4, 4, 4, 4])
print("not reached")
