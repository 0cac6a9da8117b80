"""Compares two regrtest logs (`python -m test`): the interpreted run and
the run with the standard library compiled. Prints each run's counts,
then every test whose outcome differs, test by test.

Usage: python3 whole_compare.py INTERPRETED.log COMPILED.log [KNOWN]

KNOWN (optional) lists expected differences, one per line: TEST REASON.
Exit status 0 when every test that passed interpreted passed compiled
too (apart from KNOWN ones), else 1."""

import re
import sys

# regrtest's summary headings, mapped to an outcome.
HEADINGS = [
    (re.compile(r"^(\d+|All \d+) tests? OK\.$"), "passed"),
    (re.compile(r"^\d+ tests? failed:$"), "failed"),
    (re.compile(r"^\d+ tests? failed again:$"), "failed"),
    (re.compile(r"^\d+ tests? skipped:$"), "skipped"),
    (re.compile(r"^\d+ tests? skipped \(resource denied\):$"), "skipped"),
    (re.compile(r"^\d+ tests? run no tests:$"), "no tests"),
    (re.compile(r"^\d+ tests? altered the execution environment:$"), None),
    (re.compile(r"^\d+ re-run tests?:$"), None),
    (re.compile(r"^\d+ tests? omitted:$"), "omitted"),
]
# A progress line: "[ 12/433] test_x passed", or under -j with the time
# and load first, "0:06:18 load avg: 1.92 [219/464/7] test_x passed -- ...".
RESULT_LINE = re.compile(r"^(?:\d+:\d\d:\d\d (?:load avg: [\d.]+ )?)?"
                         r"\[\s*\d+/\d+(?:/\d+)?\] (test\S+)")


def outcomes(path):
    """{test: outcome} from a regrtest log: the summary's lists, and for
    the tests it does not list (N tests OK), the progress lines."""
    seen, result = set(), {}
    section = None
    with open(path, errors="replace") as f:
        lines = f.read().splitlines()
    for line in lines:
        m = RESULT_LINE.match(line)
        if m:
            seen.add(m.group(1))
    for line in lines:
        stripped = line.strip()
        for pattern, outcome in HEADINGS:
            if pattern.match(stripped):
                section = outcome or "ignore"
                break
        else:
            if line.startswith("    ") and section:
                for name in stripped.split():
                    if section != "ignore" and name.startswith("test"):
                        # a later list ("failed again") decides
                        result[name] = section
            elif stripped and not line.startswith("    "):
                section = None
    for name in seen:
        result.setdefault(name, "passed")
    return result


def main(argv):
    interp, compiled = outcomes(argv[1]), outcomes(argv[2])
    known = {}
    if len(argv) > 3:
        for line in open(argv[3]):
            line = line.strip()
            if line and not line.startswith("#"):
                name, _, why = line.partition(" ")
                known[name] = why.strip()
    for label, res in (("interpreted", interp), ("compiled", compiled)):
        counts = {}
        for outcome in res.values():
            counts[outcome] = counts.get(outcome, 0) + 1
        print("%-12s %s" % (label + ":", ", ".join(
            "%d %s" % (n, o) for o, n in sorted(counts.items()))))
    bad = 0
    for name in sorted(set(interp) | set(compiled)):
        a, b = interp.get(name, "not run"), compiled.get(name, "not run")
        if a == b:
            continue
        mark = ""
        if a == "passed" and b != "passed":
            if name in known:
                mark = "  (known: %s)" % known[name]
            else:
                mark = "  <-- REGRESSION"
                bad += 1
        print("%-40s interpreted %-10s compiled %s%s" % (name, a, b, mark))
    print("%d tests pass interpreted but not compiled (not known)" % bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
