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
# (so the committed root stays clean), stdin from /dev/null, only descriptors 0, 1
# and 2 open, and no core dumps.
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
for name in "${names[@]}"; do
  if ! "$CC" "${CFLAGS[@]}" -o "bin/$name" "$name.c" "${LIBS[@]}"; then
    echo "$name: build failed"
    status=1
    continue
  fi
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
