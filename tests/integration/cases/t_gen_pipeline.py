# A log-processing pipeline built from generator stages inside ordinary
# functions and classes. Only the generator code objects may fall back.

RAW = """\
2024-01-01T10:00:01 web1 INFO request /index 200 12ms
2024-01-01T10:00:02 web2 WARN request /login 401 30ms
2024-01-01T10:00:02 web1 INFO request /about 200 8ms
2024-01-01T10:00:05 db1 ERROR query timeout 5000ms
2024-01-01T10:00:07 web2 INFO request /index 200 15ms
2024-01-01T10:00:09 web1 ERROR request /pay 500 120ms
2024-01-01T10:00:10 db1 INFO query ok 40ms
2024-01-01T10:00:12 web2 WARN request /pay 429 3ms
garbage line without structure
2024-01-01T10:00:15 web1 INFO request /index 200 11ms
"""

LEVELS = {"INFO": 1, "WARN": 2, "ERROR": 3}


def read_lines(text):
    for lineno, line in enumerate(text.splitlines(), 1):
        if line.strip():
            yield lineno, line


def parse(lines):
    for lineno, line in lines:
        parts = line.split()
        if len(parts) < 5 or parts[2] not in LEVELS:
            print(f"  skipping line {lineno}: {line!r}")
            continue
        ts, host, level, kind = parts[:4]
        ms = int(parts[-1].rstrip("ms"))
        yield {"t": int(ts[-2:]), "host": host, "level": level, "kind": kind, "ms": ms, "rest": parts[4:-1]}


def filter_level(records, minimum):
    floor = LEVELS[minimum]
    for r in records:
        if LEVELS[r["level"]] >= floor:
            yield r


def window_counts(records, width):
    current, count = None, 0
    for r in records:
        w = r["t"] // width
        if w != current:
            if current is not None:
                yield current * width, count
            current, count = w, 0
        count += 1
    if current is not None:
        yield current * width, count


class LogStore:
    def __init__(self, records):
        self.records = list(records)

    def __iter__(self):
        yield from self.records

    def by_host(self, host):
        return (r for r in self.records if r["host"] == host)

    def slowest(self, n):
        return sorted(self.records, key=lambda r: -r["ms"])[:n]


def summarize(store):
    hosts = sorted({r["host"] for r in store})
    out = {}
    for h in hosts:
        times = [r["ms"] for r in store.by_host(h)]
        out[h] = (len(times), sum(times), max(times))
    worst = max(out, key=lambda h: out[h][2])
    total = sum(v[1] for v in out.values())
    return out, worst, total


store = LogStore(parse(read_lines(RAW)))
print(len(store.records), [r["host"] for r in store])
print(summarize(store))
print([(r["host"], r["ms"]) for r in store.slowest(3)])
print(list(window_counts(iter(store), 5)))
print([(r["t"], r["level"]) for r in filter_level(store, "WARN")])
errors = filter_level(parse(read_lines(RAW)), "ERROR")
first = next(errors)
print("first error", first["host"], first["kind"], first["rest"])
print("remaining", [r["host"] for r in errors])
print(sum(r["ms"] for r in store if r["kind"] == "request"))
status = {}
for r in store:
    if r["kind"] == "request":
        code = r["rest"][1]
        status[code] = status.get(code, 0) + 1
print(sorted(status.items()))
