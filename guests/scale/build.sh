#!/usr/bin/env bash
# Builds guests/scale/scale.c as a static executable (bin/scale), committed; rebuilding
# needs riscv64-linux-gnu-gcc and gives an identical file.
set -euo pipefail
cd "$(dirname "$0")"
CC=${CC:-riscv64-linux-gnu-gcc}
FLAGS=(-march=rv64gc -mabi=lp64d -O2 -Wall -Werror -Wl,--build-id=none)
mkdir -p bin
"$CC" "${FLAGS[@]}" -static -o bin/scale scale.c -lpthread
