#!/bin/sh
# Wheels of compiled modules, end to end and offline: examples/wheel-project
# is built as a pure wheel and converted with `pyaot wheel`, and built
# again with the setuptools integration (pyaot.setuptools); each wheel's
# name, WHEEL and RECORD files and contents are checked, then it is
# installed into a virtual environment where the project's tests,
# `python -m textstats` and tracebacks from compiled functions are checked.
# Also the commands named in pyproject.toml with options in setup.cfg,
# pyaot wheel --keep-source and --exclude, bad inputs and usage errors.
#
# Run by the TAP driver as `sh wheel.sh` with, in the environment:
#   PYAOT             the compiler program
#   PYTHON            the target python (3.11), with venv and ensurepip
#   PYAOT_EXT_SUFFIX  its extension suffix, e.g. .cpython-311-x86_64-linux-gnu.so
#   PYAOT_SRCDIR      the source tree (the example and the pyaot package)
#   PYAOT_WHEEL_WHL   the `wheel` package's wheel, installed where the
#                     project is built (default: Debian's python3-wheel-whl,
#                     /usr/share/python-wheels/wheel-*.whl)
#
# Nothing is fetched: pip runs with --no-index. Each check is one TAP line;
# the plan is printed at the end.

set -u

. "$(dirname "$0")/taplib.sh"
: "${PYAOT_SRCDIR:?set PYAOT_SRCDIR to the source tree}"
SRC=$(cd "$PYAOT_SRCDIR" && pwd)
unset PYTHONPATH PYTHONHOME PYAOT_BUILD PYAOT_COMPILER EXPECT_COMPILED
# pip: no user configuration, cache or version check.
PIP_CONFIG_FILE=/dev/null PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
PYTHONNOUSERSITE=1
export PIP_CONFIG_FILE PIP_NO_CACHE_DIR PIP_DISABLE_PIP_VERSION_CHECK \
    PYTHONNOUSERSITE

WHEEL_WHL=${PYAOT_WHEEL_WHL:-}
if [ -z "$WHEEL_WHL" ]; then
    for f in /usr/share/python-wheels/wheel-*.whl; do
        [ -f "$f" ] && WHEEL_WHL=$f
    done
fi
if [ -z "$WHEEL_WHL" ] || [ ! -f "$WHEEL_WHL" ]; then
    echo "1..0 # SKIP python3-wheel-whl not installed"
    exit 0
fi

# run CMD...: runs CMD, filling $OUT and $ERR; sets rc.
run() {
    last_cmd="$*"
    "$@" >"$OUT" 2>"$ERR" </dev/null
    rc=$?
}
# run_in DIR CMD...: the same, in DIR.
run_in() {
    d=$1
    shift
    last_cmd="(cd $d) $*"
    (cd "$d" && exec "$@") >"$OUT" 2>"$ERR" </dev/null
    rc=$?
}
lines_in() { awk 'END { print NR }' "$1"; }
# one_error S: stderr is one "pyaot: " line containing S, stdout is empty.
one_error() {
    [ "$(lines_in "$ERR")" -eq 1 ] && grep -q '^pyaot: ' "$ERR" &&
        grep -qF -e "$1" "$ERR" && [ ! -s "$OUT" ]
}
# usage_error: a "pyaot: " line, then the hint; nothing on stdout.
usage_error() {
    [ "$(lines_in "$ERR")" -eq 2 ] && head -n 1 "$ERR" | grep -q '^pyaot: ' &&
        [ "$(sed -n 2p "$ERR")" = "Try 'pyaot wheel --help'." ] &&
        [ ! -s "$OUT" ]
}
empty_dir() {
    [ -z "$(ls -A "$1")" ] && return 0
    extra_diag="left in $1: $(ls -A "$1" | tr '\n' ' ')"
    return 1
}

# ---- the checker of built wheels ----

# checkwheel.py WHEEL MODE EXT [MODULE...]: MODE is pure, compiled or
# keep-source; the MODULEs (e.g. textstats/fmt) were left as source. One
# line per aspect: "ASPECT ok" or "ASPECT bad: why".
cat >"$T/checkwheel.py" <<'EOF'
import base64, csv, hashlib, io, os, sys, zipfile
from pip._vendor.packaging import tags

path, mode, ext = sys.argv[1:4]
left_as_source = set(sys.argv[4:])
DI = "textstats-1.0.dist-info"
MODULES = ["textstats/__init__", "textstats/core", "textstats/errors",
           "textstats/fmt", "textstats/text/__init__", "textstats/text/tokens"]
zf = zipfile.ZipFile(path)
names = [n for n in zf.namelist() if not n.endswith("/")]


def report(aspect, problems):
    print(aspect, "bad: " + "; ".join(problems) if problems else "ok")


parts = os.path.basename(path)[:-len(".whl")].split("-")
tag = "-".join(parts[2:])
problems = []
if len(parts) != 5 or parts[:2] != ["textstats", "1.0"]:
    problems.append("bad name " + os.path.basename(path))
elif mode == "pure":
    if tag != "py3-none-any":
        problems.append("tag " + tag)
else:
    supported = {str(t) for t in tags.sys_tags()}
    if tag not in supported:
        problems.append("%s is not a tag this Python installs" % tag)
    if not tag.startswith("cp") or tag.endswith("-any"):
        problems.append("%s is not a platform tag" % tag)
report("tag", problems)

fields = {}
for line in zf.read(DI + "/WHEEL").decode().splitlines():
    key, _, value = line.partition(": ")
    fields.setdefault(key, []).append(value)
problems = []
expect = {"Wheel-Version": ["1.0"], "Tag": [tag],
          "Root-Is-Purelib": ["true" if mode == "pure" else "false"]}
for key, value in expect.items():
    if fields.get(key) != value:
        problems.append("%s: %s" % (key, fields.get(key)))
report("wheel-file", problems)

problems = []
listed = {}
for row in csv.reader(io.StringIO(zf.read(DI + "/RECORD").decode())):
    if len(row) != 3 or row[0] in listed:
        problems.append("bad or repeated row %r" % (row,))
    else:
        listed[row[0]] = row[1:]
for name in names:
    if name not in listed:
        problems.append(name + " not listed")
        continue
    digest, size = listed.pop(name)
    if name == DI + "/RECORD":
        if digest or size:
            problems.append("RECORD lists its own hash or size")
        continue
    data = zf.read(name)
    want = "sha256=" + base64.urlsafe_b64encode(
        hashlib.sha256(data).digest()).decode().rstrip("=")
    if digest != want or size != str(len(data)):
        problems.append("%s: %s,%s, not %s,%d" % (name, digest, size, want,
                                                   len(data)))
problems += [name + " listed, not in the wheel" for name in listed]
report("record", problems)

want = {"textstats/__main__.py", "textstats/text/stopwords.txt"}
for m in MODULES:
    if mode == "pure" or m in left_as_source:
        want.add(m + ".py")
    else:
        want.add(m + ext)
        if mode == "keep-source":
            want.add(m + ".py")
got = {n for n in names if not n.startswith(DI + "/")}
problems = ["missing " + n for n in sorted(want - got)]
problems += ["extra " + n for n in sorted(got - want)]
problems += ["no " + f for f in ("METADATA", "WHEEL", "RECORD")
             if DI + "/" + f not in names]
report("contents", problems)
EOF

# wheel_checks DESC WHEEL MODE [MODULE...]: the TAP lines for one wheel.
wheel_checks() {
    desc=$1
    whl=$2
    mode=$3
    shift 3
    last_cmd="checkwheel.py $(basename "$whl") $mode $*"
    "$RV/bin/python" "$T/checkwheel.py" "$whl" "$mode" "$EXT" "$@" \
        >"$T/aspects" 2>&1
    for aspect in tag wheel-file record contents; do
        extra_diag=$(grep "^$aspect " "$T/aspects" || cat "$T/aspects")
        check "$desc: $aspect" grep -qx "$aspect ok" "$T/aspects"
    done
}

# ---- the virtual environments ----

RV=$T/rv # where the wheels are installed and tested
BV=$T/bv # where the project is built: setuptools, wheel
run "$PYTHON" -m venv "$RV"
if [ "$rc" -ne 0 ] || [ ! -x "$RV/bin/pip" ]; then
    echo "1..0 # SKIP $PYTHON -m venv does not work: $(head -n 1 "$ERR")"
    exit 0
fi
run "$PYTHON" -m venv "$BV"
check "a build venv" status_is 0
run "$BV/bin/pip" install --no-index "$WHEEL_WHL"
check "the wheel package installs offline into the build venv" status_is 0
SITE=$("$RV/bin/python" -c 'import sysconfig; print(sysconfig.get_path("platlib"))')

P=$T/proj
cp -R "$SRC/examples/wheel-project" "$P"
chmod -R u+w "$P" # the source tree may be read-only (make distcheck)
rm -rf "$P/build" "$P"/*.egg-info
find "$P" -name __pycache__ -prune -exec rm -rf {} +
# The line of ratio's raise, for the tracebacks.
RAISE_LINE=$(grep -n 'raise TextStatsError("whole' "$P/textstats/core.py" |
    cut -d: -f1)
ANALYSE_LINE=$(grep -n 'return Stats(Counter(words(text)))' \
    "$P/textstats/core.py" | cut -d: -f1)

# build DIR ENV...: pip wheel of the project in DIR, with pyaot importable
# and its compiler found; the wheel goes into $T/dist.
build() {
    project=$1
    shift
    rm -rf "$T/dist"
    run env PYTHONPATH="$SRC/runtime" PYAOT_COMPILER="$PYAOT" "$@" \
        "$BV/bin/pip" wheel --no-index --no-build-isolation --no-deps \
        -w "$T/dist" "$project"
}
# install_wheel WHEEL: replaces any textstats in the run venv by WHEEL's.
install_wheel() {
    "$RV/bin/pip" uninstall -y textstats >/dev/null 2>&1
    run "$RV/bin/pip" install --no-index --no-deps "$1"
}
mkdir "$T/run" # where the installed package is run: not the project

# project_tests DESC EXPECT LAST: the project's tests against the installed
# wheel, with EXPECT_COMPILED=EXPECT; LAST is unittest's last line.
project_tests() {
    run_in "$T/run" env EXPECT_COMPILED="$2" "$RV/bin/python" -m unittest \
        discover -s "$P/tests"
    check "$1: the project's tests pass (EXPECT_COMPILED=$2)" status_is 0
    want_last=$3
    extra_diag="wanted: $want_last"
    check "$1: ... and say $want_last" eval \
        '[ "$(tail -n 1 "$ERR")" = "$want_last" ]'
}

# installed_checks DESC: python -m textstats and tracebacks from compiled
# functions, in the installed package.
installed_checks() {
    last_cmd="(cd run) python -m textstats -n 2 <<< 'the fox and the dog...'"
    printf 'the fox and the dog\nthe fox\n' |
        (cd "$T/run" && exec "$RV/bin/python" -m textstats -n 2) \
        >"$OUT" 2>"$ERR"
    rc=$?
    check "$1: python -m textstats runs" status_is 0
    check "$1: python -m textstats prints the statistics" out_is \
"words: 7
distinct: 4
mean length: 3.00
top: fox 2, dog 1"

    run_in "$T/run" "$RV/bin/python" -c 'import textstats; textstats.ratio(1, 0)'
    check "$1: an uncaught error exits 1" status_is 1
    extra_diag="wanted: File \"$SITE/textstats/core.py\", line $RAISE_LINE, in ratio"
    check "$1: the traceback names site-packages/textstats/core.py, line $RAISE_LINE" \
        grep -qxF "  File \"$SITE/textstats/core.py\", line $RAISE_LINE, in ratio" "$ERR"
    check "$1: it ends with the exception" eval '[ "$(tail -n 1 "$ERR")" = \
        "textstats.errors.TextStatsError: whole must be positive, not 0" ]'

    run_in "$T/run" "$RV/bin/python" -c 'import textstats; textstats.analyse(b"x")'
    check "$1: a traceback through a subpackage names both frames" eval "
        grep -qxF '  File \"$SITE/textstats/core.py\", line $ANALYSE_LINE, in analyse' \"\$ERR\" &&
        grep -qF '  File \"$SITE/textstats/text/tokens.py\", line ' \"\$ERR\""
}

# ---- (a) a pure wheel, converted by pyaot wheel ----

build "$P" PYAOT_BUILD=0
check "PYAOT_BUILD=0 pip wheel: exit status 0" status_is 0
PURE=$T/dist/textstats-1.0-py3-none-any.whl
check "PYAOT_BUILD=0 pip wheel: writes a py3-none-any wheel" test -f "$PURE"
mkdir "$T/in"
cp "$PURE" "$T/in/"
PURE=$T/in/textstats-1.0-py3-none-any.whl
wheel_checks "the pure wheel" "$PURE" pure

install_wheel "$PURE"
check "the pure wheel installs" status_is 0
project_tests "the pure wheel" 0 "OK (skipped=1)"
run_in "$T/run" env EXPECT_COMPILED=1 "$RV/bin/python" -m unittest discover \
    -s "$P/tests"
check "the pure wheel: the tests fail with EXPECT_COMPILED=1" status_is 1

mkdir "$T/conv"
pyaot_in "$T" wheel -o conv "$PURE"
check "pyaot wheel: exit status 0" status_is 0
CONV=$(ls "$T/conv"/*.whl 2>/dev/null)
check "pyaot wheel: writes one wheel, and nothing else" eval \
    '[ "$(ls -A "$T/conv" | wc -l)" -eq 1 ] && [ -n "$CONV" ]'
check "pyaot wheel: prints what it wrote" out_is \
    "wrote conv/$(basename "$CONV") (6 modules compiled)"
wheel_checks "pyaot wheel" "$CONV" compiled
last_cmd="read WHEEL from $(basename "$CONV")"
check "pyaot wheel: WHEEL says pyaot converted it" "$PYTHON" -c '
import sys, zipfile
wheel = zipfile.ZipFile(sys.argv[1]).read("textstats-1.0.dist-info/WHEEL")
sys.exit(b"\nConverted-By: pyaot" not in wheel)' "$CONV"

install_wheel "$CONV"
check "pyaot wheel: the wheel installs" status_is 0
project_tests "pyaot wheel" 1 OK
installed_checks "pyaot wheel"
check "pyaot wheel: no source line (no source) under the frame" eval \
    '! grep -q "raise TextStatsError" "$ERR"'
"$RV/bin/pip" uninstall -y textstats >/dev/null 2>&1
check "pyaot wheel: pip uninstall removes every file (RECORD is complete)" \
    eval '[ ! -e "$SITE/textstats" ]'

# ---- (b) the setuptools integration ----

build "$P"
check "pip wheel with pyaot.setuptools: exit status 0" status_is 0
INT=$(ls "$T/dist"/*.whl 2>/dev/null)
check "pip wheel with pyaot.setuptools: one wheel" eval \
    '[ "$(ls -A "$T/dist" | wc -l)" -eq 1 ] && [ -n "$INT" ]'
extra_diag="$(basename "$INT") vs $(basename "$CONV")"
check "pip wheel with pyaot.setuptools: the same name as pyaot wheel's" eval \
    '[ "$(basename "$INT")" = "$(basename "$CONV")" ]'
wheel_checks "pyaot.setuptools" "$INT" compiled
install_wheel "$INT"
check "pyaot.setuptools: the wheel installs" status_is 0
project_tests "pyaot.setuptools" 1 OK
installed_checks "pyaot.setuptools"

# The same commands named in pyproject.toml instead of setup.py, and
# build_py's options in setup.cfg.
P2=$T/proj2
cp -R "$P" "$P2"
rm -rf "$P2/setup.py" "$P2/build" "$P2"/*.egg-info
cat >>"$P2/pyproject.toml" <<'EOF'

[tool.setuptools.cmdclass]
build_py = "pyaot.setuptools.build_py"
bdist_wheel = "pyaot.setuptools.bdist_wheel"
EOF
printf '[build_py]\npyaot_keep_source = 1\npyaot_exclude = textstats/fmt.py\n' \
    >"$P2/setup.cfg"
build "$P2"
check "pyproject.toml's cmdclass and setup.cfg options: exit status 0" \
    status_is 0
wheel_checks "pyproject.toml's cmdclass, keep source, exclude fmt" \
    "$(ls "$T/dist"/*.whl 2>/dev/null)" keep-source textstats/fmt

# ---- --keep-source and --exclude ----

mkdir "$T/keep"
pyaot_in "$T" wheel --keep-source --exclude textstats/fmt.py -j 1 -o keep \
    "$PURE"
check "--keep-source --exclude: exit status 0" status_is 0
check "--keep-source --exclude: 5 modules compiled" eval \
    'grep -q "^wrote keep/.* (5 modules compiled)\$" "$OUT"'
KEEP=$(ls "$T/keep"/*.whl 2>/dev/null)
wheel_checks "--keep-source --exclude" "$KEEP" keep-source textstats/fmt
install_wheel "$KEEP"
check "--keep-source: the wheel installs" status_is 0
run_in "$T/run" "$RV/bin/python" -c 'import textstats.core as c, textstats.fmt as f
print(type(c.__pyaot__).__name__, c.__file__.endswith(".py"), hasattr(f, "__pyaot__"))'
check "--keep-source: the compiled module is imported, the excluded one is source" \
    out_is "dict False False"
run_in "$T/run" "$RV/bin/python" -c 'import textstats; textstats.ratio(1, 0)'
check "--keep-source: the traceback shows the source line" eval \
    "grep -A1 -xF '  File \"$SITE/textstats/core.py\", line $RAISE_LINE, in ratio' \"\$ERR\" |
        grep -q 'raise TextStatsError(\"whole must be positive'"

# ---- bad inputs ----

B=$T/bad
mkdir "$B" "$B/out"
echo 'not a zip' >"$B/notzip.whl"
"$PYTHON" - "$B" "$PURE" <<'EOF'
import sys, zipfile
bad, pure = sys.argv[1:]
with zipfile.ZipFile(bad + "/nowheel.whl", "w") as z:
    z.writestr("mod.py", "x = 1\n")
    z.writestr("mod-1.0.dist-info/METADATA", "Name: mod\n")
# The pure wheel with a module that does not compile.
with zipfile.ZipFile(pure) as src, \
        zipfile.ZipFile(bad + "/textstats-1.0-py3-none-any.whl", "w") as z:
    for info in src.infolist():
        z.writestr(info, src.read(info))
    z.writestr("textstats/broken.py", "def broken(:\n    pass\n")
EOF
cp "$INT" "$B/"

bad_input() {
    pyaot_in "$B" wheel -o out "$2"
    check "$1: exit status 1" status_is 1
    check "$1: one 'pyaot: $2: $3' line" one_error "pyaot: $2: $3"
    check "$1: nothing written" empty_dir "$B/out"
}
bad_input "a missing file" missing.whl "no such file"
bad_input "not a zip file" notzip.whl "not a zip file"
bad_input "a zip file that is not a wheel" nowheel.whl "not a wheel"
bad_input "a platform wheel" "$(basename "$INT")" "not a pure-Python wheel"

pyaot_in "$B" wheel -o out textstats-1.0-py3-none-any.whl
check "a module that fails to compile: exit status 1" status_is 1
check "a module that fails to compile: the compiler names it" eval \
    'grep -q "^pyaot: textstats/broken.py: line 1: SyntaxError" "$ERR"'
check "a module that fails to compile: then a line saying no wheel was written" \
    eval '[ "$(tail -n 1 "$ERR")" = "pyaot: textstats-1.0-py3-none-any.whl: 1 of 7 modules failed to compile; no wheel written" ]'
check "a module that fails to compile: nothing written, no temporary" \
    empty_dir "$B/out"

pyaot_in "$B" wheel -o out missing.whl "$PURE"
check "a bad and a good wheel: exit status 1" status_is 1
check "a bad and a good wheel: the good one is written" eval \
    '[ "$(ls -A "$B/out")" = "$(basename "$CONV")" ]'
rm -f "$B/out"/*

pyaot_in "$B" wheel -o new/dir "$PURE"
check "-o a missing directory: exit status 0" status_is 0
check "-o a missing directory: created, holding the wheel" eval \
    '[ "$(ls -A "$B/new/dir")" = "$(basename "$CONV")" ]'
rm -rf "$B/new"
pyaot_in "$B" wheel -o nodir missing.whl
check "-o a missing directory, no wheel written: exit status 1" status_is 1
check "-o a missing directory, no wheel written: not left behind" \
    eval '[ ! -e "$B/nodir" ]'
: >"$B/afile"
pyaot_in "$B" wheel -o afile "$PURE"
check "-o a regular file: exit status 1" status_is 1
check "-o a regular file: one line naming it" one_error "pyaot: afile: not a directory"
rm -f "$B/afile"

last_cmd="(cd bad) python -m pyaot wheel -o out missing.whl"
(cd "$B" && exec env PYTHONPATH="$SRC/runtime" PYAOT_COMPILER="$PYAOT" \
    "$PYTHON" -m pyaot wheel -o out missing.whl) >"$OUT" 2>"$ERR" </dev/null
rc=$?
check "python -m pyaot wheel: the same exit status and message" eval \
    'status_is 1 && one_error "pyaot: missing.whl: no such file"'

# ---- usage errors ----

for args in "" "-j 0 x.whl" "-O7 x.whl" "--bogus x.whl" "-o"; do
    # shellcheck disable=SC2086 # the words of $args are the arguments
    pyaot_in "$B" wheel $args
    check "pyaot wheel${args:+ $args}: exit status 2" status_is 2
    check "pyaot wheel${args:+ $args}: a 'pyaot: ' line and the hint" \
        usage_error
done
check "usage errors: nothing written" empty_dir "$B/out"
pyaot_in "$B" wheel --help
check "pyaot wheel --help: exit status 0" status_is 0
check "pyaot wheel --help: describes the options" eval \
    'for o in -o --keep-source --exclude -j -O; do
        grep -q -e "^ *$o" -e ", $o" "$OUT" || exit 1
     done'

echo "1..$n"
