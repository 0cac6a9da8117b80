#!/bin/sh
# Conformance oracle: runs CPython's own regression tests against stdlib
# modules compiled by pyaot.
#
# usage: PYAOT=path/to/pyaot [PYTHON=python3] [TIMEOUT=600] [KEEP=1] \
#            [KNOWN=known.txt] [NOCOMPILE=patterns] [MODE=ext|cache] \
#            [TESTARGS='-R 3:3'] [PYAOT_PYTHONDIR=dir] \
#            tests/conformance/run.sh [SPEC...]
#
# TESTARGS go to regrtest, in both runs: with a debug interpreter and the
# pyaot built for it (PYTHON=python3.11-dbg, Debian's
# libpython3.11-testsuite for its Lib/test), `TESTARGS='-R 3:3'` is
# regrtest's leak hunter, and a module whose tests leak references only
# when it is compiled fails.
#
# SPEC is one of
#   MODULE        a top-level stdlib module or package, tested by test_MODULE
#   MODULE:TEST   the same, tested by TEST (e.g. urllib:test_urlparse,
#                 _pydecimal:test_decimal, encodings:test_codecs)
#   test/TEST     the test module itself compiled (Lib/test/TEST.py as a
#                 top-level module TEST), run by `python -m unittest`; its
#                 interpreted baseline imports a copy of the source under the
#                 same name. Tests that look at __file__, source lines or
#                 quickened bytecode fail this way by design.
# With no SPEC, DEFAULT_MODULES below.
#
# For each MODULE the module's source from the target python's stdlib is
# compiled into a fresh directory DIR (a package keeps its layout:
# DIR/json/__init__.so, DIR/json/decoder.so, ...; its tests, data files and
# NOCOMPILE files are copied as they are), then
#
#     PYTHONPATH=DIR $PYTHON -m test -q TEST
#
# runs from an empty directory, so that the compiled module shadows the
# stdlib's source. Before that the script checks, with the same
# environment, that `import MODULE` really loads DIR's extension; a module
# the interpreter has already loaded before sys.path is consulted (frozen
# modules such as os, abc, codecs, stat, ntpath) cannot be replaced and is
# reported as SKIP.
#
# When the compiled run fails, the same test runs interpreted (without
# PYTHONPATH); only failures that the interpreted run does not have count,
# and they are confirmed by a second, verbose, compiled run (a failure that
# goes away then is reported as flaky, not as a failure). Compiled-only
# failures that known.txt lists for the mode as consequences of being an
# extension module (python -m, __file__ as source, the PEP 523 hook) make
# the line "not ok ... # TODO" instead of a failure.
#
# MODE=cache tests cached artifacts and the import hook instead of extension
# modules (MODE=ext, the default, is all of the above). DIR then holds a copy
# of the module's source (file or package, with its tests, data and NOCOMPILE
# files), compiled in place by `pyaot compile --cache`, e.g.
# DIR/json/__pycache__/decoder.cpython-311.pyaot.so beside
# DIR/json/decoder.py.
# Every compiled run, and every child it starts that inherits the
# environment, gets
#
#     PYTHONPATH=DIR PYTHONUSERBASE=WORK/hook
#
# where the private user site of WORK/hook holds a .pth file that puts
# PYAOT_PYTHONDIR, the directory of the pyaot Python package (default: this
# script's ../../runtime), on sys.path and does `import pyaot.hook`, as
# `pyaot hook install` would. User-site .pth files run before those of
# site-packages, and so before the modules these import (a sitecustomize
# would run after them). site reads PYTHONUSERBASE even under -E, so a child
# started with -E (as test.support.script_helper does) has the hook but not
# DIR, as in the default mode; one started with -s or -I has neither.
# The import check then wants MODULE.__file__ to be DIR's source,
# MODULE.__cached__ its .pyaot.so artifact and MODULE.__pyaot__ to exist; a
# module that the hook itself imports before it is installed (warnings,
# weakref, ...) is reported as SKIP. The interpreted baseline runs DIR's
# copy of the source without the hook (PYTHONPATH=DIR), so that failures
# which come from the copy's place (a test that looks for other stdlib
# files beside MODULE.__file__) do not count.
#
# Output is TAP, one line per module:
#   ok 1 - bisect: test_bisect passed (12 native / 0 fallback code objects)
#   not ok 2 - foo: test_foo failed only when compiled: test_a (...), ...
# and a summary. Exit status 1 when any module is "not ok" (TODO excepted).
set -u
set -f  # module lists and patterns are words, never file globs

PYTHON=${PYTHON:-python3}
TIMEOUT=${TIMEOUT:-600}
TESTARGS=${TESTARGS:-}
if [ -z "${PYAOT:-}" ]; then
    echo "run.sh: set PYAOT to the pyaot compiler" >&2
    exit 2
fi
case $PYAOT in /*) ;; *) PYAOT=$(pwd)/$PYAOT ;; esac
MODE=${MODE:-ext}
case $MODE in
ext) ;;
cache)
    PYAOT_PYTHONDIR=${PYAOT_PYTHONDIR:-$(cd "$(dirname "$0")/../../runtime" && pwd)}
    if [ ! -f "$PYAOT_PYTHONDIR/pyaot/hook.py" ]; then
        echo "run.sh: no pyaot/hook.py in '$PYAOT_PYTHONDIR' (set PYAOT_PYTHONDIR)" >&2
        exit 2
    fi
    ;;
*)
    echo "run.sh: MODE must be ext or cache, not '$MODE'" >&2
    exit 2
    ;;
esac

# Pure-Python stdlib modules with their own test module, each running in
# well under 20 s interpreted.
DEFAULT_MODULES="bisect heapq textwrap fractions statistics colorsys shlex
string difflib fnmatch glob copy functools operator keyword calendar base64
quopri uu gettext ipaddress json collections enum dataclasses pprint reprlib
contextlib graphlib zipfile cmd csv getopt optparse argparse html tomllib
configparser random locale dis inspect weakref copyreg linecache tokenize
traceback types typing secrets hmac tempfile shutil pathlib pickle
pickletools datetime queue sched plistlib mimetypes netrc filecmp fileinput
uuid wave zoneinfo unittest tarfile gzip urllib:test_urlparse selectors
symtable tabnanny timeit trace threading warnings re ast bdb doctest
sysconfig platform _strptime:test_strptime _weakrefset:test_weakset bz2
lzma hashlib pkgutil modulefinder getpass stringprep code:test_code_module
cgitb rlcompleter tracemalloc aifc sunau imghdr sndhdr xdrlib cgi"

# Package files left as source: scripts that the tests run with
# `python -m`, which runpy cannot do for an extension module ("No code
# object available").
NOCOMPILE=${NOCOMPILE-"*/__main__.py json/tool.py"}

# Compiled-only failures that are expected of any extension module.
KNOWN=${KNOWN:-$(dirname "$0")/known.txt}
case $KNOWN in /*) ;; *) KNOWN=$(pwd)/$KNOWN ;; esac

if [ $# -gt 0 ]; then
    MODULES=$*
else
    MODULES=$DEFAULT_MODULES
fi

STDLIB=$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])') || {
    echo "run.sh: cannot run $PYTHON" >&2
    exit 2
}
SUFFIX=$("$PYTHON" -c 'import importlib.machinery as m; print(m.EXTENSION_SUFFIXES[0])')

WORK=$(mktemp -d "${TMPDIR:-/tmp}/pyaot-conf.XXXXXX") || exit 2
if [ -z "${KEEP:-}" ]; then
    trap 'rm -rf "$WORK"' EXIT
    trap 'exit 130' INT TERM
else
    echo "# work directory: $WORK"
fi
EMPTY=$WORK/empty
mkdir -p "$EMPTY"

if [ "$MODE" = cache ]; then
    # A private user site whose .pth file turns the import hook on.
    HOOKBASE=$WORK/hook
    usersite=$(PYTHONUSERBASE=$HOOKBASE "$PYTHON" -c \
                   'import site; print(site.getusersitepackages())') &&
        mkdir -p "$usersite" &&
        printf '%s\nimport pyaot.hook\n' "$PYAOT_PYTHONDIR" \
            >"$usersite/pyaot-hook.pth" || exit 2
fi

if command -v timeout >/dev/null 2>&1; then
    TO="timeout -k 10 $TIMEOUT"
else
    TO=""
fi

# Unique list, so that the plan line is right.
uniq_mods=""
for m in $MODULES; do
    case " $uniq_mods " in *" $m "*) ;; *) uniq_mods="$uniq_mods $m" ;; esac
done
set -- $uniq_mods
echo "1..$#"
[ "$MODE" = cache ] && echo "# mode: cache (pyaot compile --cache; the import hook of $PYAOT_PYTHONDIR)"

n=0
passed=0
failed=0
skipped=0
known=0
failures=""

# compile_one SRC OUTDIR LOG: compile SRC into OUTDIR, appending -v to LOG.
compile_one() {
    "$PYAOT" compile -v "$1" -o "$2" >>"$3" 2>&1
}

# compile_cached SRC DIR LOG (MODE=cache): copy SRC into DIR and compile the
# copy there to its __pycache__ artifact, appending -v to LOG.
compile_cached() {
    cp "$1" "$2/" &&
        "$PYAOT" compile --cache -v "$2/$(basename "$1")" >>"$3" 2>&1
}

# Compiles module $1 into $2; sets counts. Returns non-zero on failure.
# A package's __init__.py is compiled under the package's name (pyaot
# names the init function after the file, and a package's extension
# __init__ must export PyInit_<package>), then renamed into place.
compile_module() {
    name=$1 dir=$2 log=$3
    : >"$log"
    if [ "$MODE" = cache ] && [ "$kind" = testmod ]; then
        compile_cached "$STDLIB/test/$name.py" "$dir" "$log" || return 1
    elif [ "$MODE" = cache ] && [ -f "$STDLIB/$name.py" ]; then
        compile_cached "$STDLIB/$name.py" "$dir" "$log" || return 1
    elif [ "$kind" = testmod ]; then
        compile_one "$STDLIB/test/$name.py" "$dir" "$log" || return 1
    elif [ -f "$STDLIB/$name.py" ]; then
        compile_one "$STDLIB/$name.py" "$dir" "$log" || return 1
    elif [ -f "$STDLIB/$name/__init__.py" ]; then
        # Every file of the package: tests and data stay as they are (the
        # compiled package shadows the stdlib's whole directory).
        (cd "$STDLIB" && find "$name" -type f -not -path '*/__pycache__/*' |
             sort) >"$WORK/files.$name" || return 1
        while IFS= read -r f; do
            sub=$(dirname "$f")
            mkdir -p "$dir/$sub" || return 1
            how=compile
            case $f in
            *.py) ;;
            *) how=copy ;;
            esac
            case /$f in */test/* | */tests/* | */idle_test/*) how=copy ;; esac
            for pat in $NOCOMPILE; do
                case $f in $pat) how=copy ;; esac
            done
            if [ $how = copy ]; then
                cp "$STDLIB/$f" "$dir/$sub/" || return 1
                case $f in *.py) echo "# note: $f copied as source" >>"$log" ;; esac
                continue
            fi
            if [ "$MODE" = cache ]; then
                compile_cached "$STDLIB/$f" "$dir/$sub" "$log" || return 1
            elif [ "$(basename "$f")" = __init__.py ]; then
                pkg=$(basename "$sub")
                : >"$WORK/init.log"
                compile_one "$STDLIB/$f" "$dir/$sub" "$WORK/init.log" || {
                    cat "$WORK/init.log" >>"$log"
                    return 1
                }
                if nm -D "$dir/$sub/__init__$SUFFIX" 2>/dev/null |
                        grep -q " PyInit_$pkg\$"; then
                    cat "$WORK/init.log" >>"$log"
                else
                    # Work around: compile a copy named after the package.
                    echo "# note: $f compiled as $pkg.py (no PyInit_$pkg)" >>"$log"
                    rm -f "$dir/$sub/__init__$SUFFIX"
                    tmp=$WORK/pkginit.$$
                    rm -rf "$tmp" && mkdir -p "$tmp/$sub" || return 1
                    cp "$STDLIB/$f" "$tmp/$sub/$pkg.py" &&
                        (cd "$tmp" && compile_one "$sub/$pkg.py" "$tmp/$sub" "$log") &&
                        mv "$tmp/$sub/$pkg$SUFFIX" "$dir/$sub/__init__$SUFFIX" || return 1
                    rm -rf "$tmp"
                    pkginit_workaround=1
                fi
            else
                compile_one "$STDLIB/$f" "$dir/$sub" "$log" || return 1
            fi
        done <"$WORK/files.$name"
    else
        return 2
    fi
    nat=$(grep -c '^  native ' "$log")
    fb=$(grep -c '^  fallback ' "$log")
    return 0
}

# Test names (FAIL:/ERROR: lines) and crash markers from a regrtest log.
failing_tests() {
    grep -E '^(FAIL|ERROR): ' "$1" | sed -E 's/^(FAIL|ERROR): //' | sort -u
    grep -E 'Fatal Python error|Segmentation fault|Aborted' "$1" | head -1 |
        sed 's/^/CRASH: /'
    grep -A30 ' crashed -- Traceback' "$1" | grep -E '^[A-Za-z_.]*(Error|Exception)' |
        head -1 | sed 's/^/UNCAUGHT: /'
}

# with_compiled CMD...: CMD in the environment that loads the compiled
# module of $mdir (MODE=cache: with the import hook on).
with_compiled() {
    if [ "$MODE" = cache ]; then
        env PYTHONPATH="$mdir" PYTHONUSERBASE="$HOOKBASE" "$@"
    else
        env PYTHONPATH="$mdir" "$@"
    fi
}

# run_test LOG -q|-v [env...]: regrtest in the empty dir; sets rc.
run_test() {
    log=$1 mode=$2
    shift 2
    if [ "$kind" = testmod ]; then
        (cd "$EMPTY" && env "$@" $TO "$PYTHON" -m unittest "$mode" "$test" >"$log" 2>&1)
    else
        (cd "$EMPTY" && env "$@" $TO "$PYTHON" -m test $TESTARGS "$mode" "$test" >"$log" 2>&1)
    fi
    rc=$?
}

# run_compiled LOG -q|-v: run_test with the compiled module; sets rc.
run_compiled() {
    if [ "$MODE" = cache ]; then
        run_test "$1" "$2" PYTHONPATH="$mdir" PYTHONUSERBASE="$HOOKBASE"
    else
        run_test "$1" "$2" PYTHONPATH="$mdir"
    fi
}

describe_rc() {
    case $1 in
    0) echo passed ;;
    1 | 2) echo failed ;;
    3) echo "passed (environment changed)" ;;
    4) echo "ran no tests" ;;
    124) echo "timed out after ${TIMEOUT}s" ;;
    13[0-9] | 14[0-9]) echo "crashed (signal $(($1 - 128)))" ;;
    *) echo "exited $1" ;;
    esac
}

for spec in "$@"; do
    n=$((n + 1))
    kind=module
    name=${spec%%:*}
    case $spec in *:*) test=${spec#*:} ;; *) test=test_$name ;; esac
    case $spec in
    test/*)
        # A test module compiled itself, run by unittest; the interpreted
        # baseline imports a copy of its source under the same name.
        kind=testmod
        name=${spec#test/}
        test=$name
        srcdir=$WORK/src/$name
        mkdir -p "$srcdir" && cp "$STDLIB/test/$name.py" "$srcdir/" || {
            echo "not ok $n - $spec: no $name.py in the stdlib's test package"
            failed=$((failed + 1))
            failures="$failures $spec"
            continue
        }
        ;;
    esac
    mdir=$WORK/m/$name
    clog=$WORK/$name.compile.log
    nat=0 fb=0 pkginit_workaround=""

    if [ -f "$WORK/m/$name.counts" ]; then
        # Compiled already, for another test of the same module.
        read -r nat fb pkginit_workaround <"$WORK/m/$name.counts"
        crc=0
    else
        rm -rf "$mdir" && mkdir -p "$mdir"
        compile_module "$name" "$mdir" "$clog"
        crc=$?
        [ $crc -eq 0 ] &&
            echo "$nat $fb $pkginit_workaround" >"$WORK/m/$name.counts"
    fi
    if [ $crc -eq 2 ]; then
        echo "ok $n - $name # SKIP no $name.py or $name/__init__.py in the stdlib"
        skipped=$((skipped + 1))
        continue
    elif [ $crc -ne 0 ]; then
        echo "not ok $n - $name: pyaot compile failed"
        sed 's/^/#   /' "$clog" | grep -v '^#     native ' | tail -20
        failed=$((failed + 1))
        failures="$failures $name"
        continue
    fi
    counts="$nat native / $fb fallback code objects"
    [ -n "$pkginit_workaround" ] && counts="$counts; package __init__ renamed"

    # Does the test process import the compiled module?
    where=$(cd "$EMPTY" && with_compiled $TO "$PYTHON" -c '
import sys
name, d = sys.argv[1], sys.argv[2]
was = name in sys.modules
m = __import__(name)
f = getattr(m, "__file__", None) or ""
origin = getattr(getattr(m, "__spec__", None), "origin", None)
if sys.argv[4] == "cache":
    # The source in DIR, run from its artifact.
    cached = getattr(m, "__cached__", None) or ""
    compiled = f.startswith(d) and f.endswith(".py") and \
        cached.endswith(".pyaot.so") and hasattr(m, "__pyaot__")
    if f.startswith(d):
        f += " (__cached__ %s%s)" % (cached or None, "" if
            hasattr(m, "__pyaot__") else ", no __pyaot__")
else:
    compiled = f.startswith(d) and f.endswith(sys.argv[3])
if compiled:
    print("compiled")
elif origin == "frozen" or origin == "built-in":
    print("%s (imported from %s at startup)" % (origin, origin))
elif was:
    print("imported at startup from %s" % (f or origin))
else:
    print("imported from %s" % (f or origin))
' "$name" "$mdir" "$SUFFIX" "$MODE" 2>"$WORK/$name.import.log")
    irc=$?
    if [ $irc -ne 0 ]; then
        echo "not ok $n - $name: importing the compiled module failed ($(describe_rc $irc)) ($counts)"
        sed 's/^/#   /' "$WORK/$name.import.log" | tail -15
        failed=$((failed + 1))
        failures="$failures $name"
        continue
    fi
    case $where in
    compiled) ;;
    frozen* | built-in* | "imported at startup"*)
        echo "ok $n - $name # SKIP the interpreter keeps its own $name: $where"
        skipped=$((skipped + 1))
        continue
        ;;
    *)
        echo "not ok $n - $name: compiled module not loaded: $where ($counts)"
        failed=$((failed + 1))
        failures="$failures $name"
        continue
        ;;
    esac

    clog1=$WORK/$name.$test.compiled.log
    run_compiled "$clog1" -q
    crc=$rc
    if [ $crc -eq 0 ] || [ $crc -eq 3 ]; then
        extra=""
        [ $crc -eq 3 ] && extra=", environment changed"
        if grep -q "$test skipped" "$clog1"; then
            echo "ok $n - $name # SKIP $test skipped: $(grep -m1 "$test skipped" "$clog1" | sed 's/.*skipped -- //') ($counts)"
            skipped=$((skipped + 1))
        else
            echo "ok $n - $name: $test passed ($counts$extra)"
            passed=$((passed + 1))
        fi
        continue
    fi

    # The compiled run failed: does the interpreted one?
    ilog=$WORK/$name.$test.interp.log
    if [ "$MODE" = cache ]; then
        run_test "$ilog" -v PYTHONPATH="$mdir"
    elif [ "$kind" = testmod ]; then
        run_test "$ilog" -v PYTHONPATH="$srcdir"
    else
        run_test "$ilog" -v PYTHONPATH=
    fi
    irc=$rc
    failing_tests "$ilog" >"$WORK/$name.$test.ifail"

    # Confirm, verbosely (the quiet run names no test): a second compiled run.
    clog2=$WORK/$name.$test.compiled2.log
    run_compiled "$clog2" -v
    crc2=$rc
    if [ $crc2 -eq 0 ] || [ $crc2 -eq 3 ]; then
        echo "ok $n - $name: $test passed on the second compiled run ($counts) # flaky: first run $(describe_rc $crc)"
        passed=$((passed + 1))
        continue
    fi
    [ $crc -lt 124 ] && crc=$crc2
    failing_tests "$clog2" >"$WORK/$name.$test.cfail"
    only=$(comm -23 "$WORK/$name.$test.cfail" "$WORK/$name.$test.ifail")
    if [ $irc -ne 0 ] && [ $irc -ne 3 ] && [ -z "$only" ] &&
           [ $crc -lt 124 ]; then
        echo "ok $n - $name # SKIP $test fails interpreted too ($(describe_rc $irc)) ($counts)"
        skipped=$((skipped + 1))
        continue
    fi
    [ -z "$only" ] && only=$(cat "$WORK/$name.$test.cfail")
    list=$(printf '%s\n' "$only" | sed '/^$/d' | head -8 | tr '\n' ';' |
           sed 's/;$//; s/;/; /g')
    more=$(printf '%s\n' "$only" | sed '/^$/d' | wc -l)
    [ "$more" -gt 8 ] && list="$list; ... ($more in all)"
    [ -z "$list" ] && list="see log"
    # Are all of them known limitations of this mode?
    todo=""
    unknown=$(printf '%s\n' "$only" | sed '/^$/d' | while IFS= read -r t; do
        id=$(printf '%s\n' "$t" | sed -n 's/.*(\([^()]*\))$/\1/p')
        hit=""
        if [ -n "$id" ] && [ -f "$KNOWN" ]; then
            while read -r km kp kmodes kwhy; do
                case $km in '#'* | '') continue ;; esac
                [ "$km" = "$name" ] || continue
                case ,$kmodes, in *,$MODE,*) ;; *) continue ;; esac
                case $id in $kp) hit=1 ;; esac
            done <"$KNOWN"
        fi
        [ -n "$hit" ] || printf '%s\n' "$t"
    done)
    if [ -n "$only" ] && [ -z "$unknown" ]; then
        if [ "$MODE" = cache ]; then
            todo=" # TODO known limitations (known.txt)"
        else
            todo=" # TODO known extension-module limitations (known.txt)"
        fi
    fi
    echo "not ok $n - $name: $test $(describe_rc $crc) only when compiled: $list ($counts)$todo"
    grep -E -A12 '^(FAIL|ERROR): |Fatal Python error' "$clog2" | head -30 |
        sed 's/^/#   /'
    if [ -n "$todo" ]; then
        known=$((known + 1))
    else
        failed=$((failed + 1))
        failures="$failures $name"
    fi
done

echo "# $passed passed, $failed failed, $known known limitations (TODO), $skipped skipped of $n modules"
[ -n "$failures" ] && echo "# failed:$failures"
[ -n "${KEEP:-}" ] && echo "# logs in $WORK"
[ $failed -eq 0 ]
