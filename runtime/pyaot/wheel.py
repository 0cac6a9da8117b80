"""`pyaot wheel WHEEL...`: turns pure-Python wheels into platform wheels
whose modules are compiled. Each wheel is unpacked into a temporary
directory; the .py modules of its root (not those of *.dist-info or
*.data, and never __main__.py, which runpy runs from its code object) are
compiled in place; their sources are removed unless --keep-source; the
WHEEL file gets the running interpreter's tag and Root-Is-Purelib: false,
RECORD is rewritten, and the result is written to DIR under its wheel name
(distribution-version[-build]-cp311-cp311-linux_x86_64.whl), atomically:
a wheel with a module that fails to compile is not written at all."""

import base64
import csv
import hashlib
import io
import os
import shutil
import stat
import subprocess
import sys
import sysconfig
import tempfile
import zipfile

from . import _compiler, _walk
from ._files import atomic
from .cli import ArgumentParser

EXT_SUFFIX = sysconfig.get_config_var("EXT_SUFFIX")
# Signatures of the old RECORD: they cannot match the new one.
SIGNATURES = ("RECORD.jws", "RECORD.p7s")


class Rejected(Exception):
    """An input that cannot be converted; the message says why."""


def platform_tag():
    """The running interpreter's wheel tag, e.g. cp311-cp311-linux_x86_64
    (cp311d for a debug build, as its SOABI says)."""
    python = "cp" + sysconfig.get_config_var("py_version_nodot")
    soabi = sysconfig.get_config_var("SOABI") or ""
    parts = soabi.split("-")
    abi = "cp" + parts[1] if len(parts) > 1 and parts[0] == "cpython" \
        else python
    plat = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return "%s-%s-%s" % (python, abi, plat)


def parse_metadata(text):
    """The "Key: value" lines of a WHEEL file, in order."""
    fields = []
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            fields.append((key.strip(), value.strip()))
    return fields


def open_wheel(path):
    """(ZipFile, dist-info directory name, WHEEL fields) of a pure wheel;
    Rejected otherwise."""
    if not os.path.exists(path):
        raise Rejected("no such file")
    if os.path.isdir(path):
        raise Rejected("is a directory, not a wheel")
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise Rejected("not a zip file") from None
    except OSError as e:
        raise Rejected(e.strerror or str(e)) from None
    try:
        names = zf.namelist()
        for name in names:
            parts = name.split("/")
            if name.startswith("/") or ".." in parts or "\\" in name:
                raise Rejected("unsafe path in the archive: %s" % name)
        dist_infos = sorted({n.split("/")[0] for n in names
                             if n.count("/") == 1
                             and n.split("/")[0].endswith(".dist-info")
                             and n.endswith("/WHEEL")})
        if not dist_infos:
            raise Rejected("not a wheel (no .dist-info/WHEEL)")
        if len(dist_infos) > 1:
            raise Rejected("not a wheel (several .dist-info directories: "
                           "%s)" % ", ".join(dist_infos))
        dist_info = dist_infos[0]
        try:
            text = zf.read(dist_info + "/WHEEL").decode("utf-8")
        except (zipfile.BadZipFile, UnicodeDecodeError, OSError) as e:
            raise Rejected("unreadable %s/WHEEL: %s" % (dist_info, e)) from None
        fields = parse_metadata(text)
        purelib = [v for k, v in fields if k.lower() == "root-is-purelib"]
        if not purelib or purelib[0].lower() != "true":
            raise Rejected("not a pure-Python wheel (Root-Is-Purelib: %s)"
                           % (purelib[0] if purelib else "missing"))
        tags = [v for k, v in fields if k.lower() == "tag"]
        for tag in tags:
            if not tag.endswith("-none-any"):
                raise Rejected("not a pure-Python wheel (tag %s)" % tag)
        pythons = {p for tag in tags for p in tag.split("-")[0].split(".")}
        if tags and not any(p.startswith(("py3", "cp3")) for p in pythons):
            raise Rejected("not a wheel for Python 3 (tag %s)" % tags[0])
        return zf, dist_info, fields
    except BaseException:
        zf.close()
        raise


def unpack(zf, root):
    """Extracts the archive into root, with the file modes it records."""
    for info in zf.infolist():
        target = zf.extract(info, root)
        mode = (info.external_attr >> 16) & 0o777
        if mode and not info.is_dir():
            os.chmod(target, mode | stat.S_IRUSR | stat.S_IWUSR)


def importable(rel):
    """Whether a root-relative .py path names a module `import` can find:
    every part an identifier. Other .py files are data and stay as they
    are."""
    parts = rel[:-3].split("/")
    return all(p.isidentifier() for p in parts)


def modules_to_compile(root, exclude):
    """The root-relative paths (with /) of the .py modules to compile, in
    name order: the walk `pyaot compile` makes of a directory, outside the
    wheel's .dist-info and .data directories, and only importable ones."""
    def keep(rel, is_dir):
        if is_dir:
            return "/" in rel or not rel.endswith((".dist-info", ".data"))
        return importable(rel)

    return [rel for _, rel in _walk.modules(root, exclude, keep)]


def run_compiler(root, modules, args):
    """Compiles the modules in place, under root (so the compiler's
    messages name them as the wheel does); returns the compiler's exit
    status and the modules it did not write."""
    argv = [_compiler.compiler_path(), "compile"]
    if args.jobs:
        argv += ["-j", str(args.jobs)]
    if args.opt_level is not None:
        argv.append("-O%d" % args.opt_level)
    argv.append("--")
    argv += modules
    sys.stdout.flush()
    sys.stderr.flush()
    status = _compiler.run(argv, cwd=root, stdin=subprocess.DEVNULL)
    return status, [
        m for m in modules
        if not os.path.isfile(os.path.join(root, m[:-3] + EXT_SUFFIX))]


def remove_bytecode(root, module, keep_source):
    """Removes the source of a compiled module (unless keep_source) and
    its .pyc files, which import would never use again."""
    path = os.path.join(root, module)
    directory, name = os.path.split(path)
    stem = name[:-3]
    doomed = [path[:-3] + ".pyc"]
    if not keep_source:
        doomed.append(path)
    cache = os.path.join(directory, "__pycache__")
    if os.path.isdir(cache):
        doomed += [os.path.join(cache, f) for f in os.listdir(cache)
                   if f.startswith(stem + ".") and f.endswith(".pyc")]
    for f in doomed:
        if os.path.isfile(f):
            os.unlink(f)
    if os.path.isdir(cache) and not os.listdir(cache):
        os.rmdir(cache)


def rewrite_wheel_file(fields, tag):
    """The WHEEL file of the platform wheel: the same fields, with
    Root-Is-Purelib: false and the one tag in place of the old ones."""
    lines = []
    tagged = False
    for key, value in fields:
        low = key.lower()
        if low == "root-is-purelib":
            value = "false"
        elif low == "tag":
            if tagged:
                continue
            tagged, value = True, tag
        lines.append("%s: %s" % (key, value))
    if not tagged:
        lines.append("Tag: %s" % tag)
    lines.append("Converted-By: pyaot wheel")
    return "\n".join(lines) + "\n"


def files_in(root, dist_info):
    """Every file under root, root-relative with /, in archive order: the
    modules and data, then the .dist-info directory with RECORD last."""
    found = []
    for directory, dirs, files in os.walk(root):
        dirs.sort()
        rel = os.path.relpath(directory, root)
        for name in sorted(files):
            found.append(name if rel == "." else
                         rel.replace(os.sep, "/") + "/" + name)
    record = dist_info + "/RECORD"
    found = [f for f in found if f != record]
    found.sort(key=lambda f: (f.startswith(dist_info + "/"), f))
    return found + [record]


def record_entry(path):
    """(hash, size) of a file as RECORD lists them: sha256, urlsafe base64
    without padding."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            digest.update(block)
            size += len(block)
    encoded = base64.urlsafe_b64encode(digest.digest()).decode().rstrip("=")
    return "sha256=" + encoded, size


def write_record(root, files):
    """Writes RECORD, the last of files, listing the others."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for rel in files[:-1]:
        writer.writerow((rel,) + record_entry(os.path.join(root, rel)))
    writer.writerow((files[-1], "", ""))
    with open(os.path.join(root, files[-1]), "w", encoding="utf-8") as f:
        f.write(out.getvalue())


def write_zip(root, files, dates, dest):
    """Writes the files into the wheel dest, so that dest either is whole
    or is not there."""
    with atomic(dest, "wb") as raw, \
            zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zf:
        for rel in files:
            full = os.path.join(root, rel)
            info = zipfile.ZipInfo(rel, dates(rel))
            mode = stat.S_IMODE(os.stat(full).st_mode)
            info.external_attr = (stat.S_IFREG | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(full, "rb") as src, zf.open(info, "w") as dst:
                shutil.copyfileobj(src, dst)


def wheel_name(dist_info, fields, tag):
    """distribution-version[-build]-TAG.whl, from the .dist-info name."""
    stem = dist_info[:-len(".dist-info")]
    name, _, version = stem.rpartition("-")
    if not name or not version:
        raise Rejected("not a wheel (%s is not NAME-VERSION.dist-info)"
                       % dist_info)
    build = [v for k, v in fields if k.lower() == "build"]
    parts = [name, version] + build[:1] + [tag]
    return "-".join(parts) + ".whl"


def convert(path, args, tag):
    """Converts one wheel; returns (output path, modules compiled)."""
    zf, dist_info, fields = open_wheel(path)
    with zf, tempfile.TemporaryDirectory(prefix="pyaot-wheel-") as tmp:
        dest = os.path.join(args.output, wheel_name(dist_info, fields, tag))
        root = os.path.join(tmp, "root")
        try:
            unpack(zf, root)
        except (zipfile.BadZipFile, OSError, EOFError) as e:
            raise Rejected("cannot unpack: %s" % e) from None
        dates = {i.filename: i.date_time for i in zf.infolist()}
        modules = modules_to_compile(root, args.exclude)
        if not modules:
            raise Rejected("no modules to compile")
        status, failed = run_compiler(root, modules, args)
        if status == 0 and failed:
            raise Rejected("the compiler wrote no %s files: run pyaot wheel "
                           "with the Python pyaot targets" % EXT_SUFFIX)
        if status != 0 or failed:
            raise Rejected("%d of %d modules failed to compile; no wheel "
                           "written" % (len(failed), len(modules)))
        for module in modules:
            remove_bytecode(root, module, args.keep_source)
            # The artifact dates from its source, for reproducible archives.
            dates[module[:-3] + EXT_SUFFIX] = dates.get(module)
        for sig in SIGNATURES:
            sig_path = os.path.join(root, dist_info, sig)
            if os.path.exists(sig_path):
                os.unlink(sig_path)
        with open(os.path.join(root, dist_info, "WHEEL"), "w",
                  encoding="utf-8") as f:
            f.write(rewrite_wheel_file(fields, tag))
        files = files_in(root, dist_info)
        write_record(root, files)
        fallback = dates.get(dist_info + "/WHEEL") or (1980, 1, 1, 0, 0, 0)
        write_zip(root, files, lambda rel: dates.get(rel) or fallback, dest)
        return dest, len(modules)


def positive(text):
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise ValueError(text)
    return value


# argparse says "invalid <__name__> value: '0'".
positive.__name__ = "number of jobs"


def main(argv):
    p = ArgumentParser(
        prog="pyaot wheel",
        usage="%(prog)s [-o DIR] [--keep-source] [--exclude GLOB]... "
              "[-j N] [-O0..-O3] WHEEL...",
        description="Turns pure-Python wheels (Root-Is-Purelib: true, "
                    "tags like py3-none-any) into platform wheels for this "
                    "Python (%s) whose modules are compiled by pyaot. "
                    "__main__.py files, and .py files that are not "
                    "importable modules, stay as they are." % platform_tag(),
        epilog="Exit status: 0 when every wheel was written, 1 when any "
               "was not (a wheel with a module that fails to compile is "
               "not written), 2 for a usage error.")
    p.add_argument("wheels", nargs="+", metavar="WHEEL",
                   help="a pure-Python wheel (.whl)")
    p.add_argument("-o", "--output", default=".", metavar="DIR",
                   help="write the wheels into DIR, created if missing "
                        "(default: the current directory)")
    p.add_argument("--keep-source", action="store_true",
                   help="keep the .py files beside their compiled modules "
                        "(tracebacks then show source lines)")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                   help="leave as source the modules whose path in the "
                        "wheel, or whose name, matches GLOB (as `pyaot "
                        "compile --exclude`); repeatable")
    p.add_argument("-j", "--jobs", type=positive, metavar="N",
                   help="compile N modules at a time (default: the number "
                        "of CPUs)")
    p.add_argument("-O", dest="opt_level", type=int, choices=range(4),
                   metavar="LEVEL",
                   help="optimisation level, -O0 .. -O3 (default -O1)")
    args = p.parse_args(argv)

    if os.path.exists(args.output) and not os.path.isdir(args.output):
        sys.stderr.write("pyaot: %s: not a directory\n" % args.output)
        return 1
    compiler = _compiler.compiler_or_report()
    if compiler is None:
        return 1
    if not shutil.which(compiler):
        sys.stderr.write("pyaot: %s: the pyaot compiler is not there or "
                         "cannot be run\n" % compiler)
        return 1
    tag = platform_tag()
    made = _make_output_dir(args.output)
    if made is None:
        return 1
    status = 0
    for path in args.wheels:
        try:
            dest, count = convert(path, args, tag)
        except Rejected as e:
            sys.stderr.write("pyaot: %s: %s\n" % (path, e))
            status = 1
            continue
        except OSError as e:
            sys.stderr.write("pyaot: %s: %s\n" % (
                e.filename or path, e.strerror or e))
            status = 1
            continue
        print("wrote %s (%d module%s compiled)" % (
            dest, count, "" if count == 1 else "s"))
    if made and not os.listdir(args.output):
        os.rmdir(args.output)  # nothing was written: leave no trace
    sys.stdout.flush()
    return status


def _make_output_dir(path):
    """Creates the output directory (and its parents) as `pip wheel -w`
    does: True if it was made, False if it was there, None on failure."""
    if os.path.isdir(path):
        return False
    try:
        os.makedirs(path)
    except OSError as e:
        sys.stderr.write("pyaot: %s: cannot create directory: %s\n"
                         % (path, e.strerror or e))
        return None
    return True
