"""Exceptions and string formatting: a tiny key=value parser that raises
and catches its own errors, with f-strings, str.format and % formatting of
its reports, and dict/set bookkeeping.

main(n) parses n generated records and returns counts and the length of
the report."""

DEFAULT_N = 70000


class ParseError(ValueError):
    def __init__(self, line, reason):
        super().__init__(f"line {line}: {reason}")
        self.line = line


def parse_record(line_no, text):
    fields = {}
    for part in text.split(";"):
        if not part:
            continue
        if "=" not in part:
            raise ParseError(line_no, "missing '=' in %r" % part)
        key, _, value = part.partition("=")
        if key in fields:
            raise ParseError(line_no, "duplicate key {}".format(key))
        try:
            fields[key] = int(value)
        except ValueError:
            fields[key] = value.strip()
    return fields


def record(k):
    r = k % 9
    if r == 0:
        return "a=1;b;c=3"
    if r == 1:
        return "a=1;a=2"
    return "a=%d;b= x%d ;c=%d;" % (k, k % 13, k * 7)


def main(n):
    ok = 0
    errors = {}
    keys = set()
    report = []
    for k in range(n):
        try:
            fields = parse_record(k, record(k))
        except ParseError as e:
            kind = str(e).split(":", 1)[1].split()[0]
            errors[kind] = errors.get(kind, 0) + 1
            continue
        finally:
            pass
        ok += 1
        keys.update(fields)
        if k % 500 == 2:
            report.append("{k:>6} {a:08d} {b!r:>8} {c:.3e}".format(
                k=k, a=fields["a"], b=fields["b"], c=float(fields["c"])))
    return ok, sorted(errors.items()), sorted(keys), sum(map(len, report))


if __name__ == "__main__":
    print(main(DEFAULT_N))
