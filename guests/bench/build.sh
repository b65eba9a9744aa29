#!/usr/bin/env bash
# Builds the benchmark kernels into guests/bench/bin (committed, so benchmarks need no cross
# compiler) and checks each exits the same way under qemu-riscv64. --no-relax: with no C
# runtime nothing sets gp, so small data must not be addressed relative to it.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p bin
for source in intloop.c mixed.c syscalls.c pipewait.c pipeloop.c spin.c forkpipe.c forkwait.c forkexec.c forkkill.c badsigreturn.c forkthreads.c fuzzcalls.c; do
  name="${source%.c}"
  riscv64-linux-gnu-gcc -march=rv64gc -mabi=lp64d -O2 -static -nostdlib -ffreestanding \
    -fno-stack-protector -fno-pic -Wl,--build-id=none -Wl,--no-relax -o "bin/$name" "$source"
  case "$name" in
    pipewait|pipeloop|spin) continue ;; # they never exit: nothing to check under qemu
    forkexec|fuzzcalls) continue ;;      # a path inside a root of guests/; random calls, not for qemu
  esac
  if command -v qemu-riscv64 >/dev/null 2>&1; then
    set +e; qemu-riscv64 "bin/$name"; code=$?; set -e
    echo "$name: exit $code under qemu-riscv64"
  fi
done

# intloop, forkpipe and forkwait again as static position-independent executables (ET_DYN, no
# interpreter): they prove the loader's load bias, and SharedMemory spaces, which place every
# program in a partition of its own, can run only these. Each must exit as its ET_EXEC twin.
for name in intloop forkpipe forkwait forkexec forkkill forkthreads; do
  riscv64-linux-gnu-gcc -march=rv64gc -mabi=lp64d -O2 -static-pie -fPIE -nostdlib -ffreestanding \
    -fno-stack-protector -Wl,--build-id=none -Wl,--no-relax -Wl,--no-dynamic-linker -o "bin/$name-pie" "$name.c"
  if [ "$name" != forkexec ] && command -v qemu-riscv64 >/dev/null 2>&1; then
    set +e; qemu-riscv64 "bin/$name-pie" > /dev/null; code=$?; set -e
    echo "$name-pie: exit $code under qemu-riscv64"
  fi
done
