#!/bin/sh
# README's set-up command installs the dependencies through sudo where
# there is one and without it where there is none (a root shell in a
# container): its install part is run with stand-ins for apt-get and sudo
# that only record how they were called.
#
# Run by the TAP driver as `sh readme.sh` with PYAOT_SRCDIR in the
# environment (and PYAOT, PYAOT_EXT_SUFFIX, which taplib.sh wants).

set -u

. "$(dirname "$0")/taplib.sh"

: "${PYAOT_SRCDIR:?set PYAOT_SRCDIR to the source tree}"
setup=$(grep -m 1 'apt-get install' "$PYAOT_SRCDIR/README.md" | sed 's/^ *//')
install_part=${setup%%&& ./autogen.sh*}
check "README has a set-up command that installs with apt-get" \
    eval '[ -n "$setup" ] && [ "$install_part" != "$setup" ]'

mkdir "$T/bin" "$T/bin-sudo"
cat >"$T/bin/apt-get" <<'STUB'
#!/bin/sh
echo "apt-get $1" >>"$LOG"
STUB
cat >"$T/bin-sudo/sudo" <<'STUB'
#!/bin/sh
echo "sudo $1" >>"$LOG"
exec "$@"
STUB
chmod +x "$T/bin/apt-get" "$T/bin-sudo/sudo"

# Only the stand-ins and the shell's own tools: no real sudo or apt-get.
tools=$T/tools
mkdir "$tools"
for t in sh env; do ln -s "$(command -v $t)" "$tools/$t"; done

last_cmd="the install part of README's set-up command, no sudo on PATH"
LOG=$T/log.plain
(export LOG PATH="$T/bin:$tools"; eval "$install_part") >"$OUT" 2>"$ERR"
rc=$?
check "without sudo: apt-get update, then install, as the user" eval \
    '[ $rc -eq 0 ] && [ "$(cat "$LOG")" = "apt-get update
apt-get install" ]'

last_cmd="the install part of README's set-up command, sudo on PATH"
LOG=$T/log.sudo
(export LOG PATH="$T/bin-sudo:$T/bin:$tools"; eval "$install_part") \
    >"$OUT" 2>"$ERR"
rc=$?
check "with sudo: both apt-get calls through sudo" eval \
    '[ $rc -eq 0 ] && [ "$(cat "$LOG")" = "sudo apt-get
apt-get update
sudo apt-get
apt-get install" ]'

echo "1..$n"
