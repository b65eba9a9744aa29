#!/usr/bin/env bash
# Builds every guests/isa/*.S into guests/isa/bin/<name> and runs each one
# under qemu-riscv64, printing "<name>: exit N". Exits non-zero if a program
# fails to build or does not exit 0.
#
#   build.sh              build and run all programs
#   build.sh NAME...      only these programs (e.g. rv64ui rv64uf)
#   build.sh --mutate [NAME...]
#                         self-test of the checks: for every check n, build
#                         a copy with the expectations of check n inverted
#                         (-DISA_MUTATE=n) and require exit status n; for
#                         checks that compare fflags, do the same for the
#                         flags alone. Nothing in bin/ is touched.
#
# Environment: CC (default riscv64-linux-gnu-gcc), QEMU (default
# qemu-riscv64), JOBS (parallel mutation builds, default nproc).
set -u
cd "$(dirname "$0")"

CC=${CC:-riscv64-linux-gnu-gcc}
QEMU=${QEMU:-qemu-riscv64}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 4)}

# -Wl,--build-id=none: no build id; nothing else in the output depends on
# time or path, so two builds give identical files.
# -Wl,--no-relax: keep the code exactly as assembled (no linker relaxation
# of calls or of gp-relative addresses).
# -Wl,--no-warn-rwx-segments: rv64zifencei has a writable code segment on
# purpose.
CFLAGS=(-march=rv64gc -mabi=lp64d -nostdlib -static -O0 -I.
        -Wl,--build-id=none -Wl,--no-relax -Wl,--no-warn-rwx-segments)

# Arguments passed to a program when run under qemu-riscv64.
# qemu-riscv64 (linux-user) returns host clock ticks for instret, so the
# exact instret check is relaxed to "does not decrease" there. See README.
run_args() {
    case "$1" in
        rv64zicsr) echo "loose-instret" ;;
        *) echo "" ;;
    esac
}

# extra checks on the produced ELF
check_elf() {
    local name=$1 elf=$2
    case "$name" in
        rv64zifencei)
            # the self-modifying code must sit in a PT_LOAD segment with R|W|X
            if ! riscv64-linux-gnu-readelf -lW "$elf" 2>/dev/null |
                    grep -E '^ *LOAD ' | grep -q 'RWE'; then
                echo "$name: no PT_LOAD segment with RWX flags" >&2
                return 1
            fi ;;
    esac
    return 0
}

mode=run
if [ "${1:-}" = "--mutate" ]; then mode=mutate; shift; fi

if [ $# -gt 0 ]; then
    names=("$@")
else
    names=()
    for s in *.S; do names+=("${s%.S}"); done
fi

status=0

if [ "$mode" = run ]; then
    mkdir -p bin
    for name in "${names[@]}"; do
        if ! "$CC" "${CFLAGS[@]}" -o "bin/$name" "$name.S"; then
            echo "$name: build failed"
            status=1
            continue
        fi
        if ! check_elf "$name" "bin/$name"; then status=1; fi
        # shellcheck disable=SC2046
        "$QEMU" "bin/$name" $(run_args "$name")
        rc=$?
        echo "$name: exit $rc"
        [ $rc -eq 0 ] || status=1
    done
    exit $status
fi

# ---------------- mutation self-test ----------------
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# mutate_one NAME N KIND(v|f): prints one result line
mutate_one() {
    local name=$1 n=$2 kind=$3 out extra=()
    out="$tmp/$name.$kind.$n"
    [ "$kind" = f ] && extra=(-DISA_MUTATE_FLAGS)
    if ! "$CC" "${CFLAGS[@]}" -DISA_MUTATE="$n" "${extra[@]}" -o "$out" "$name.S" 2>/dev/null; then
        echo "BUILD-FAIL $name $kind $n"; return
    fi
    if cmp -s "$out" "$tmp/$name.base"; then
        # nothing to invert in this check
        if [ "$kind" = v ]; then echo "NO-EXPECT $name $kind $n"; else echo "NO-FLAGS $name $kind $n"; fi
        rm -f "$out"; return
    fi
    # shellcheck disable=SC2046
    "$QEMU" "$out" $(run_args "$name") >/dev/null 2>&1
    local rc=$?
    rm -f "$out"
    if [ $rc -eq "$n" ]; then echo "OK $name $kind $n"; else echo "WRONG $name $kind $n got=$rc"; fi
}
export -f mutate_one run_args
export CC QEMU tmp
export CFLAGS_STR="${CFLAGS[*]}"

for name in "${names[@]}"; do
    "$CC" "${CFLAGS[@]}" -o "$tmp/$name.base" "$name.S" || { status=1; continue; }
    # check numbers, from the ".set isa_cur, <n>" that CHECK(n) emits
    nums=$("$CC" -E -P -I. "$name.S" | grep -o 'isa_cur, [0-9]*' | sed 's/.* //' | sort -n)
    count=$(echo "$nums" | wc -w)
    results=$(for n in $nums; do echo "$n v"; echo "$n f"; done |
        xargs -P "$JOBS" -n 2 bash -c 'CFLAGS=($CFLAGS_STR); mutate_one '"$name"' "$0" "$1"')
    ok_v=$(echo "$results" | grep -c '^OK .* v ')
    ok_f=$(echo "$results" | grep -c '^OK .* f ')
    bad=$(echo "$results" | grep -E '^(WRONG|BUILD-FAIL|NO-EXPECT)' || true)
    if [ "$ok_f" -gt 0 ]; then
        echo "$name: $count checks, $ok_v fail with their number when inverted; $ok_f compare fflags and fail when only that is inverted"
    else
        echo "$name: $count checks, $ok_v fail with their number when inverted"
    fi
    if [ -n "$bad" ]; then echo "$bad"; status=1; fi
done
exit $status
