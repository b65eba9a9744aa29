#!/usr/bin/env bash
# Runs scripts/NAME.sh under qemu-riscv64 the way BusyboxTests does: `sh -c SCRIPT` with argv[0]
# "sh", in a fresh copy of root/, with an environment of PATH=<copy>/bin HOME=/ LANG=C and only
# descriptors 0-2 open (stdin empty). Prints the script's stdout; exits with its exit status.
#   ./run-qemu.sh NAME              run it
#   ./run-qemu.sh --strace NAME     also write qemu's strace log to NAME.strace (in the cwd), exec'd
#                                   applets included
#   ./run-qemu.sh --record NAME...  rewrite scripts/NAME.stdout and scripts/NAME.exit
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
qemu=$(command -v qemu-riscv64) || { echo "qemu-riscv64 is not installed" >&2; exit 2; }

run() { # name [strace-file]
  local name=$1 trace=${2:-} copy status
  copy=$(mktemp -d)
  cp -a "$here/root/." "$copy/"
  local args=(-0 sh)
  (
    cd "$copy" || exit 2
    for fd in /proc/$BASHPID/fd/*; do
      n=${fd##*/}
      [ "$n" -gt 2 ] && eval "exec $n>&-"
    done 2>/dev/null
    if [ -n "$trace" ]; then
      # QEMU_STRACE rather than -strace: the variable reaches the qemu that binfmt_misc starts
      # for each execve, so exec'd applets are traced too (the guests see it in their environment).
      exec env -i PATH="$copy/bin" HOME=/ LANG=C QEMU_STRACE=1 "$qemu" "${args[@]}" "$copy/bin/busybox" -c "$(cat "$here/scripts/$name.sh")" </dev/null 2>"$trace"
    fi
    exec env -i PATH="$copy/bin" HOME=/ LANG=C "$qemu" "${args[@]}" "$copy/bin/busybox" -c "$(cat "$here/scripts/$name.sh")" </dev/null
  )
  status=$?
  rm -rf "$copy"
  return $status
}

case ${1:-} in
  --strace) run "$2" "$PWD/$2.strace" ;;
  --record)
    shift
    for name in "$@"; do
      run "$name" > "$here/scripts/$name.stdout"
      echo $? > "$here/scripts/$name.exit"
    done ;;
  '') echo "usage: $0 [--strace|--record] NAME..." >&2; exit 2 ;;
  *) run "$1" ;;
esac
