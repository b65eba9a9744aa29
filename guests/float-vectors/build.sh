#!/usr/bin/env bash
# Regenerates tests/LiteBox.Cpu.Tests/Float/Vectors/*.vec.gz: builds genvectors.c for riscv64
# and runs the real F and D instructions under qemu-riscv64 (or natively on a riscv64 host).
# Output is deterministic: the same emulator writes the same bytes.
#
# Needs: riscv64-linux-gnu-gcc, qemu-riscv64 (override with CC= and QEMU=), gzip.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../tests/LiteBox.Cpu.Tests/Float/Vectors"
cc="${CC:-riscv64-linux-gnu-gcc}"
if [ "$(uname -m)" = riscv64 ]; then
  run=()
else
  run=("${QEMU:-qemu-riscv64}")
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$cc" -O2 -static -Wall -Wextra -Werror -o "$work/genvectors" "$here/genvectors.c"
mkdir -p "$out"
"${run[@]}" "$work/genvectors" d | gzip -9 -n > "$work/f64.vec.gz"
"${run[@]}" "$work/genvectors" s | gzip -9 -n > "$work/f32.vec.gz"
mv "$work/f64.vec.gz" "$work/f32.vec.gz" "$out/"

if [ ${#run[@]} -gt 0 ]; then
  echo "emulator: $("${run[0]}" --version | head -n 1)"
fi
ls -l "$out"
