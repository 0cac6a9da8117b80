"""string.Template as a workload: substitute and safe_substitute with
mappings and keywords, braced and plain placeholders, and $$ escapes.

main(n) renders n templates and returns the total length and a
fingerprint."""

import string

COMPILE_ALSO = ("string",)
DEFAULT_N = 15000

TEMPLATES = [
    "Dear $name, your order $order of ${count} items costs $$${price}.",
    "$a-$b-$c: ${a}${b}${c} and $missing stays",
    "Report for ${name}: $count rows, $$ escaped, ${order}th run",
]


def main(n):
    templates = [string.Template(t) for t in TEMPLATES]
    total = 0
    fp = 0
    for k in range(n):
        values = {"name": "user%d" % (k % 97), "order": k, "count": k % 13,
                  "price": k * 3 % 1000, "a": k, "b": k + 1, "c": k + 2}
        t = templates[k % 3]
        s = t.safe_substitute(values) if k % 3 == 1 else t.substitute(values)
        total += len(s)
        fp = (fp * 131 + len(s)) % 1000000007
        s2 = templates[0].substitute(values, name="override")
        total += len(s2)
    return total, fp


if __name__ == "__main__":
    print(main(DEFAULT_N))
