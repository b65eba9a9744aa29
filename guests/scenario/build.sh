#!/usr/bin/env bash
# Builds guests/scenario/scenario.c into bin/scenario (committed, so the simulator's tests and
# `litebox scenario` need no cross compiler). Library-free and -static-pie: it runs in isolated
# and SharedMemory address spaces alike. --no-relax: with no C runtime nothing sets gp, so small
# data must not be addressed relative to it. Building twice gives identical bytes (checked below).
# Then, where qemu-riscv64 exists, every mode runs under it and must print its expected line.
set -euo pipefail
cd "$(dirname "$0")"
CC=${CC:-riscv64-linux-gnu-gcc}
FLAGS=(-march=rv64gc -mabi=lp64d -O2 -Wall -Wextra -Werror -static-pie -fPIE -nostdlib -ffreestanding
  -fno-stack-protector -Wl,--build-id=none -Wl,--no-relax -Wl,--no-dynamic-linker)
mkdir -p bin
"$CC" "${FLAGS[@]}" -o bin/scenario scenario.c
"$CC" "${FLAGS[@]}" -o bin/scenario.again scenario.c
if ! cmp -s bin/scenario bin/scenario.again; then
  echo "build.sh: two builds differ" >&2
  rm -f bin/scenario.again
  exit 1
fi
rm -f bin/scenario.again

# Nothing applies dynamic relocations to a -nostdlib static PIE: there must be none.
if command -v riscv64-linux-gnu-readelf >/dev/null 2>&1 &&
  ! riscv64-linux-gnu-readelf -r bin/scenario | grep -q "There are no relocations"; then
  echo "build.sh: bin/scenario has dynamic relocations, which nothing would apply" >&2
  exit 1
fi

command -v qemu-riscv64 >/dev/null 2>&1 || exit 0

failed=0
check() { # check EXPECTED-LINE ARGS...
  local expected=$1 output code
  shift
  set +e
  output=$(qemu-riscv64 bin/scenario "$@" 2>&1)
  code=$?
  set -e
  if [ "$code" = 0 ] && [ "$output" = "$expected" ]; then
    echo "scenario $*: ok under qemu-riscv64"
  else
    echo "scenario $*: exit $code under qemu-riscv64: $output" >&2
    failed=1
  fi
}

check "forkbomb: depth 6, 127 processes, all reaped" forkbomb 6
check "wide: 100 children alive at once, each read to EOF and exited 0, all reaped" wide 100
check "pipeline: 8 stages, 65536 bytes, 6 middle stages added 1 to every byte, the last checked every byte and the count" pipeline 8 65536
check "spawn: 100 rounds of fork, exit 7, wait4, every status 7" spawn 100
check "messaging: 2 groups of 20 senders and 20 receivers, 20 loops of 100-byte messages, 1600000 bytes delivered and checked" messaging 2 20 100
check "threads: 8 threads passed a token round a ring 1000 times, 8000 futex hand-offs, all joined" threads 8 1000
check "cow: 4 MiB (1024 pages) touched, 8 children saw the parent's values and wrote every page, the parent's copy intact" cow 4 8
# Only the atomic counter: on real cores the plain one loses additions when the two processes
# overlap, which is what it is for (under the simulator, schedule seeds show it).
check "counter: 2 processes added 100000 each atomically, total 200000" counter 100000 atomic

# A command-line mistake is exit 2.
set +e
qemu-riscv64 bin/scenario 2>/dev/null
code=$?
set -e
if [ "$code" != 2 ]; then
  echo "scenario (no mode): exit $code under qemu-riscv64, not 2" >&2
  failed=1
fi

# The bomb forks until fork fails, so under qemu it may run only with a host process limit. As
# root RLIMIT_NPROC does not apply, so it runs as nobody (few processes of its own) with 64.
# qemu itself complains (stderr) and aborts a child ("Bail out!" on stdout) when it cannot start
# a thread of its own at the limit; those lines are dropped, the bomb's own line must be there.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 && setpriv --reuid=65534 --regid=65534 --clear-groups test -r bin/scenario; then
  set +e
  output=$(setpriv --reuid=65534 --regid=65534 --clear-groups -- bash -c 'ulimit -u 64 && exec qemu-riscv64 bin/scenario bomb 200' 2>/dev/null)
  code=$?
  output=$(printf '%s\n' "$output" | grep -v '^Bail out!' || true)
  set -e
  if [ "$code" = 0 ] && [ "$output" = "bomb: ran 200 ms, stopped" ]; then
    echo "scenario bomb 200: ok under qemu-riscv64 (as nobody, ulimit -u 64)"
  else
    echo "scenario bomb 200: exit $code under qemu-riscv64: $output" >&2
    failed=1
  fi
else
  echo "scenario bomb: not run under qemu-riscv64 (needs root to run it as nobody with ulimit -u 64)"
fi
exit "$failed"
