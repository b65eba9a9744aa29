#!/usr/bin/env bash
# Builds every guests/programs/*.c into guests/programs/bin/<name> (static riscv64 ELF,
# committed) and records what qemu-riscv64 shows for each one in golden/:
#   golden/<name>.stdout  everything the program wrote to standard output
#   golden/<name>.exit    its exit status as a shell sees it (128 + signal when killed)
# Inputs, shared with the C# tests:
#   golden/<name>.args    argv[1..], one argument per line (argv[0] is always <name>)
#   golden/environment    the whole environment, KEY=VALUE lines, for every program
#
# Each program runs with its working directory a fresh temporary copy of guests/root
# (so the committed root stays clean) with every file of bin/ copied into its bin/
# (so a guest can execve "bin/<name>" relative to its working directory), stdin from
# /dev/null, only descriptors 0, 1 and 2 open, and no core dumps.
#
# A guest's execve of another riscv64 program goes to the host kernel, which runs it
# through binfmt_misc: before running anything this script makes sure qemu-riscv64 is
# registered there (needs root and the qemu-user-binfmt package; idempotent). The
# registration must preserve argv[0] (flag P), as Debian's does.
#
#   build.sh              build all programs and regenerate all golden files
#   build.sh NAME...      only these programs
#   build.sh --syscalls [NAME...]
#                         build nothing; run the committed bin/<name> under
#                         qemu-riscv64 -strace the same way and print the distinct
#                         system call names each one makes
#
# Environment: CC (default riscv64-linux-gnu-gcc), QEMU (default qemu-riscv64).
# Two runs give identical bin/ and golden/ files: the link has no build id and nothing
# else depends on time or path, and the programs print only deterministic text.
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)
root="$here/../root"

CC=${CC:-riscv64-linux-gnu-gcc}
QEMU=$(command -v "${QEMU:-qemu-riscv64}")
CFLAGS=(-march=rv64gc -mabi=lp64d -O2 -static -Wall -Werror -Wl,--build-id=none)
LIBS=(-lm)

# The exit status each program is written to end with; anything else is a failure.
expected_exit() {
  case "$1" in
    efault) echo 3 ;;
    segfault) echo 139 ;;
    abort) echo 134 ;;
    *) echo 0 ;;
  esac
}

mode=build
if [ "${1:-}" = "--syscalls" ]; then mode=syscalls; shift; fi
if [ $# -gt 0 ]; then
  names=("$@")
else
  names=()
  for source in *.c; do names+=("${source%.c}"); done
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# ensure_binfmt: registers qemu-riscv64 with binfmt_misc and enables it, if it is not
# already; warns (without failing) when that is impossible, since only guests that
# execve need it.
ensure_binfmt() {
  local dir=/proc/sys/fs/binfmt_misc
  if [ ! -e "$dir/register" ]; then
    mount -t binfmt_misc binfmt_misc "$dir" 2> /dev/null || true
  fi
  if [ ! -e "$dir/qemu-riscv64" ]; then
    if command -v update-binfmts > /dev/null 2>&1; then
      update-binfmts --enable qemu-riscv64 > /dev/null 2>&1 ||
        update-binfmts --import qemu-riscv64 > /dev/null 2>&1 || true
    fi
  fi
  if [ ! -e "$dir/qemu-riscv64" ] && [ -f /usr/lib/binfmt.d/qemu-riscv64.conf ] && [ -w "$dir/register" ]; then
    # what systemd-binfmt would do at boot: one ":name:type:offset:magic:mask:interpreter:flags" line
    grep -v '^#' /usr/lib/binfmt.d/qemu-riscv64.conf > "$dir/register" 2> /dev/null || true
  fi
  if [ -e "$dir/qemu-riscv64" ] && ! grep -qx enabled "$dir/qemu-riscv64"; then
    echo 1 > "$dir/qemu-riscv64" 2> /dev/null || true
  fi
  if ! grep -qx enabled "$dir/qemu-riscv64" 2> /dev/null; then
    echo "warning: qemu-riscv64 is not enabled in binfmt_misc; guests that execve will fail" >&2
  elif ! grep -q '^flags:.*P' "$dir/qemu-riscv64"; then
    echo "warning: the binfmt_misc entry for qemu-riscv64 lacks flag P; argv[0] after execve will differ" >&2
  fi
}
ensure_binfmt

# run NAME STDOUT STDERR [QEMU-OPTION...]: runs bin/NAME under qemu in a fresh copy of
# the root; prints the exit status.
run() {
  local name=$1 stdout=$2 stderr=$3
  shift 3
  local args=() environment=() code=0
  [ -f "golden/$name.args" ] || : > "golden/$name.args"
  mapfile -t args < "golden/$name.args"
  mapfile -t environment < golden/environment
  rm -rf "$work/root"
  mkdir "$work/root"
  cp -a "$root/." "$work/root/"
  mkdir -p "$work/root/bin"
  cp -a "$here/bin/." "$work/root/bin/"
  # The subshell closes every descriptor above 2 that this shell inherited, so the
  # program sees the same descriptor table the simulator gives it.
  (
    cd "$work/root"
    for fd in /proc/$BASHPID/fd/*; do
      fd=${fd##*/}
      if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi
    done
    ulimit -c 0
    exec env -i "${environment[@]}" "$QEMU" "$@" -0 "$name" "$here/bin/$name" "${args[@]}" \
      < /dev/null > "$stdout" 2> "$stderr"
  ) 2> /dev/null || code=$?
  echo "$code"
}

status=0

if [ "$mode" = syscalls ]; then
  for name in "${names[@]}"; do
    code=$(run "$name" /dev/null "$work/strace" -strace)
    # qemu -strace writes "<pid> <name>(<arguments>) = <result>" per call
    calls=$(sed -n 's/^[0-9][0-9]* \([a-z_0-9]*\)(.*/\1/p' "$work/strace" | sort -u | tr '\n' ' ' | sed 's/ $//')
    echo "$name (exit $code): $calls"
  done
  exit 0
fi

mkdir -p bin golden
# Build every named program first, then run them: a guest may execve another one.
built=()
for name in "${names[@]}"; do
  if ! "$CC" "${CFLAGS[@]}" -o "bin/$name" "$name.c" "${LIBS[@]}"; then
    echo "$name: build failed"
    status=1
    continue
  fi
  built+=("$name")
done
for name in "${built[@]}"; do
  code=$(run "$name" "$here/golden/$name.stdout" "$work/stderr")
  echo "$code" > "golden/$name.exit"
  expected=$(expected_exit "$name")
  verdict="ok"
  if [ "$code" != "$expected" ]; then
    verdict="UNEXPECTED (wanted $expected)"
    status=1
  fi
  printf '%-9s exit %-3s %s, %s bytes of stdout\n' "$name" "$code" "$verdict" \
    "$(wc -c < "golden/$name.stdout")"
  if [ -s "$work/stderr" ]; then sed "s/^/          stderr: /" "$work/stderr"; fi
done
exit $status
