#!/usr/bin/env bash
# Side by side: the same C sources run under LiteBox Sim, under qemu-riscv64 and natively
# (x86-64), timed with hyperfine. See docs/benchmarks.md.
#
#   bench/side-by-side.sh [--runs N] [--slow-runs N] [--slow-seconds S] [--only REGEX]
#                         [--out DIR] [--scratch DIR]
#
# 1. Installs what is missing (apt-get): hyperfine, gcc, gcc-riscv64-linux-gnu,
#    libc6-dev-riscv64-cross, qemu-user, time, python3.
# 2. Builds guests/scale/scale.c, bench/side-by-side/cpumix.c and bench/side-by-side/intloop.c
#    as static riscv64 glibc ELF files (for LiteBox and qemu-riscv64) and as static x86-64 ones,
#    into a scratch directory (not committed), and the CLI once (dotnet build -c Release).
# 3. For every workload and runner: one check run outside hyperfine whose stdout must be the
#    expected deterministic text and whose exit code must be 0 (else the cell is "failed" and is
#    not timed), then hyperfine --warmup 1 --runs N. A cell whose check run took longer than
#    --slow-seconds (default 10) is timed with --warmup 0 --runs --slow-runs (default 2) instead:
#    its check run warmed it, and five more runs of a 50 s cell would not fit a 10-minute budget.
#    --slow-seconds 1e9 times every cell alike.
# 4. Writes OUT/side-by-side.json and OUT/side-by-side.md (OUT: bench/results) and prints the
#    Markdown table: medians, and litebox against native and against qemu.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
RUNS=5
SLOW_RUNS=2
SLOW_SECONDS=10
ONLY=.
OUT=$REPO/bench/results
SCRATCH=
TIMEOUT=${TIMEOUT:-900}
COMMAND_LINE="bench/side-by-side.sh${*:+ $*}"

while [ $# -gt 0 ]; do
    case $1 in
        --runs) RUNS=$2; shift 2 ;;
        --slow-runs) SLOW_RUNS=$2; shift 2 ;;
        --slow-seconds) SLOW_SECONDS=$2; shift 2 ;;
        --only) ONLY=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        --scratch) SCRATCH=$2; shift 2 ;;
        -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "side-by-side: unknown option $1" >&2; exit 2 ;;
    esac
done
case $RUNS$SLOW_RUNS in *[!0-9]*|'') echo "side-by-side: --runs and --slow-runs take a number" >&2; exit 2 ;; esac
if [ "$RUNS" -lt 1 ] || [ "$SLOW_RUNS" -lt 1 ]; then echo "side-by-side: runs must be at least 1" >&2; exit 2; fi

say() { printf '== %s\n' "$*" >&2; }

# --- 1. tools -------------------------------------------------------------------------------
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v gcc >/dev/null || missing+=(gcc)
command -v riscv64-linux-gnu-gcc >/dev/null || missing+=(gcc-riscv64-linux-gnu)
[ -e /usr/riscv64-linux-gnu/lib/libc.a ] || missing+=(libc6-dev-riscv64-cross)
command -v qemu-riscv64 >/dev/null || missing+=(qemu-user)
[ -x /usr/bin/time ] || missing+=(time)
command -v python3 >/dev/null || missing+=(python3)
[ -e /usr/lib/x86_64-linux-gnu/libc.a ] || missing+=(libc6-dev)
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi
command -v dotnet >/dev/null || { echo "side-by-side: the .NET 10 SDK (dotnet) is needed; see DEVELOPERS.md" >&2; exit 1; }

# --- 2. builds ------------------------------------------------------------------------------
[ -n "$SCRATCH" ] || SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/litebox-side-by-side.XXXXXX")
mkdir -p "$SCRATCH/rv" "$SCRATCH/x86" "$SCRATCH/check" "$SCRATCH/hyperfine"
say "building the guests into $SCRATCH"
RV=(riscv64-linux-gnu-gcc -march=rv64gc -mabi=lp64d -O2 -ffp-contract=off -static)
X86=(gcc -O2 -ffp-contract=off -static)
for target in rv x86; do
    if [ $target = rv ]; then CC=("${RV[@]}"); else CC=("${X86[@]}"); fi
    "${CC[@]}" -o "$SCRATCH/$target/scale" "$REPO/guests/scale/scale.c" -lpthread
    "${CC[@]}" -o "$SCRATCH/$target/cpumix" "$REPO/bench/side-by-side/cpumix.c" -lm
    "${CC[@]}" -o "$SCRATCH/$target/intloop" "$REPO/bench/side-by-side/intloop.c"
done
say "building the CLI"
dotnet build -c Release "$REPO/src/LiteBox.Cli" -nologo -v q >&2
LITEBOX_DLL=$REPO/src/LiteBox.Cli/bin/Release/net10.0/litebox.dll
[ -f "$LITEBOX_DLL" ] || { echo "side-by-side: $LITEBOX_DLL was not built" >&2; exit 1; }

runner_command() { # runner program args...
    local runner=$1 program=$2; shift 2
    case $runner in
        litebox) echo "dotnet $LITEBOX_DLL run --root $SCRATCH/rv $SCRATCH/rv/$program $*" ;;
        qemu) echo "qemu-riscv64 $SCRATCH/rv/$program $*" ;;
        native) echo "$SCRATCH/x86/$program $*" ;;
    esac
}

# --- 3. workloads ---------------------------------------------------------------------------
# name | program and arguments | expected stdout (lines separated by \n)
WORKLOADS=(
    "tree|scale tree 4096|fork tree: 4096 processes, every one reaped cleanly: yes"
    "wide|scale wide 5000|children alive and blocked at once: 5000\nchildren that saw end of file: 5000"
    "pipeline|scale pipeline 32 67108864|pipeline of 32 stages: 67108864 bytes, 0 wrong, 33 processes reaped"
    "messaging|scale messaging 10 1000 100|messaging: 10 groups, 4000000 messages of 100 bytes, 400 of 400 processes exited cleanly"
    "spawn|scale spawn 10000|spawned and reaped: 10000"
    "cpumix|cpumix 2000|cpumix 2000: checksum 0x013181b80aadcbc8"
    "intloop|intloop 100000000|intloop 100000000: checksum 0xaaaaaaaaaaaaaaa2"
    "pingpong|scale pingpong 100000|futex ping-pong rounds: 100000"
)
RUNNERS=(litebox qemu native)
CELLS=$SCRATCH/cells.tsv
: >"$CELLS"

for workload in "${WORKLOADS[@]}"; do
    IFS='|' read -r name invocation expected <<<"$workload"
    [[ $name =~ $ONLY ]] || continue
    printf '%b\n' "$expected" >"$SCRATCH/check/$name.expected"
    for runner in "${RUNNERS[@]}"; do
        # shellcheck disable=SC2086
        command=$(runner_command "$runner" $invocation)
        check=$SCRATCH/check/$name.$runner
        say "$name / $runner: check run: $command"
        set +e
        # shellcheck disable=SC2086
        /usr/bin/time -f '%e %M' -o "$check.time" timeout "$TIMEOUT" $command >"$check.stdout" 2>"$check.stderr" </dev/null
        code=$?
        set -e
        read -r seconds rss_kib < <(tail -n 1 "$check.time")
        status=ok reason=
        if [ $code -ne 0 ]; then
            status=failed reason="check run exited with $code"
        elif ! cmp -s "$check.stdout" "$SCRATCH/check/$name.expected"; then
            status=failed reason="check run printed something other than the expected output"
        fi
        warmup=1 runs=$RUNS
        if awk -v s="$seconds" -v slow="$SLOW_SECONDS" 'BEGIN { exit !(s > slow) }'; then
            warmup=0 runs=$SLOW_RUNS
        fi
        json=$SCRATCH/hyperfine/$name.$runner.json
        if [ $status = ok ]; then
            say "$name / $runner: checked in ${seconds}s; hyperfine --warmup $warmup --runs $runs"
            if ! hyperfine -N --warmup "$warmup" --runs "$runs" --output=null --style basic \
                --export-json "$json" "$command" >&2; then
                status=failed reason="a timed run failed"
                rm -f "$json"
            fi
        else
            say "$name / $runner: FAILED: $reason"
        fi
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$runner" "$status" "$reason" "$seconds" \
            "$rss_kib" "$warmup" "$runs" "$command" "$json" >>"$CELLS"
    done
done

# Host memory per simulated process at 5,000 alive: LiteBox's peak RSS for wide 5000 (its check
# run) against wide 1, over the 4,999 extra processes.
MEMORY=$SCRATCH/memory.tsv
: >"$MEMORY"
if [[ wide =~ $ONLY ]] && grep -q $'^wide\tlitebox\tok' "$CELLS"; then
    say "litebox: peak RSS of wide 1"
    one=$SCRATCH/check/wide1.litebox
    # shellcheck disable=SC2046
    if /usr/bin/time -f '%e %M' -o "$one.time" $(runner_command litebox scale wide 1) >"$one.stdout" 2>&1 </dev/null; then
        read -r _ rss_one < <(tail -n 1 "$one.time")
        rss_many=$(awk -F'\t' '$1 == "wide" && $2 == "litebox" { print $6 }' "$CELLS")
        printf 'litebox\t%s\t%s\t5000\n' "$rss_one" "$rss_many" >>"$MEMORY"
    fi
fi

# --- 4. report ------------------------------------------------------------------------------
mkdir -p "$OUT"
python3 - "$CELLS" "$MEMORY" "$OUT" "$COMMAND_LINE" "$RUNS" "$SLOW_RUNS" "$SLOW_SECONDS" "$SCRATCH" <<'PYTHON'
import json, os, re, statistics, subprocess, sys, datetime

cells_path, memory_path, out, command_line, runs, slow_runs, slow_seconds, scratch = sys.argv[1:]

def version(*command):
    try:
        return subprocess.run(command, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except Exception:
        return "unknown"

cpu = "unknown"
with open("/proc/cpuinfo") as f:
    for line in f:
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
memory_kib = 0
with open("/proc/meminfo") as f:
    for line in f:
        if line.startswith("MemTotal:"):
            memory_kib = int(line.split()[1])

descriptions = {
    "tree": "fork tree of 4,096 processes (`scale tree 4096`)",
    "wide": "5,000 children alive at once (`scale wide 5000`)",
    "pipeline": "32-stage pipeline of 64 MiB (`scale pipeline 32 67108864`)",
    "messaging": "messaging, 10 groups × 1,000 loops × 100 bytes (`scale messaging 10 1000 100`)",
    "spawn": "spawn loop of 10,000 fork+exit+wait (`scale spawn 10000`)",
    "cpumix": "CPU mix, 2,000 rounds (`cpumix 2000`)",
    "intloop": "integer loop, 10^8 iterations (`intloop 100000000`)",
    "pingpong": "futex ping-pong, 100,000 rounds (`scale pingpong 100000`)",
}

workloads = {}
order = []
with open(cells_path) as f:
    for line in f:
        name, runner, status, reason, seconds, rss, warmup, nruns, command, hyperfine_json = line.rstrip("\n").split("\t")
        if name not in workloads:
            workloads[name] = {"name": name, "description": descriptions.get(name, name), "cells": {}}
            order.append(name)
        cell = {"status": status, "command": command, "check_seconds": float(seconds) if seconds else None,
                "check_peak_rss_kib": int(rss) if rss else None, "warmup": int(warmup), "runs": int(nruns)}
        if reason:
            cell["reason"] = reason
        if status == "ok":
            result = json.load(open(hyperfine_json))["results"][0]
            times = result["times"]
            cell.update({"median_seconds": statistics.median(times), "mean_seconds": result["mean"],
                         "min_seconds": result["min"], "max_seconds": result["max"], "times": times})
        workloads[name]["cells"][runner] = cell

def ratio(name, other):
    cells = workloads[name]["cells"]
    if cells.get("litebox", {}).get("status") != "ok" or cells.get(other, {}).get("status") != "ok":
        return None
    return cells[other]["median_seconds"] / cells["litebox"]["median_seconds"]

for name in order:
    workloads[name]["speedup_vs_native"] = ratio(name, "native")
    workloads[name]["speedup_vs_qemu"] = ratio(name, "qemu")

memory = None
with open(memory_path) as f:
    for line in f:
        runner, rss_one, rss_many, processes = line.split()
        memory = {"runner": runner, "peak_rss_kib_wide_1": int(rss_one), "peak_rss_kib_wide_5000": int(rss_many),
                  "kib_per_process": (int(rss_many) - int(rss_one)) / (int(processes) - 1)}

report = {
    "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "command": command_line,
    "machine": {"nproc": os.cpu_count() and int(subprocess.run(["nproc"], capture_output=True, text=True).stdout),
                "cpu": cpu, "memory_kib": memory_kib},
    "versions": {"dotnet": version("dotnet", "--version"), "qemu": version("qemu-riscv64", "--version"),
                 "gcc": version("gcc", "--version"), "riscv64_gcc": version("riscv64-linux-gnu-gcc", "--version"),
                 "hyperfine": version("hyperfine", "--version")},
    "timing": {"runs": int(runs), "slow_runs": int(slow_runs), "slow_seconds": float(slow_seconds),
               "rule": "each cell: one check run (stdout and exit code 0 checked), then hyperfine --warmup 1 --runs RUNS, "
                       "or --warmup 0 --runs SLOW_RUNS when the check run took longer than SLOW_SECONDS"},
    "speedup": "median of the other runner / median of litebox: above 1 litebox is faster",
    "workloads": [workloads[name] for name in order],
    "litebox_memory_per_process": memory,
}

def seconds(cell):
    if cell is None:
        return "—"
    if cell["status"] != "ok":
        return "**failed**"
    value = cell["median_seconds"]
    text = f"{value:.3f} s" if value < 10 else f"{value:.1f} s"
    return text + (f" ({cell['runs']} runs)" if cell["runs"] != int(runs) else "")

def against(value):
    if value is None:
        return "—"
    return f"{value:.2f}× faster" if value >= 1 else f"{1 / value:.2f}× slower"

lines = [f"Measured {report['date']} on {report['machine']['nproc']} cores ({cpu}), "
         f"{memory_kib / 1048576:.1f} GiB; dotnet {report['versions']['dotnet']}, {report['versions']['qemu']}, "
         f"{report['versions']['gcc']}. Command: `{command_line}`. Medians of hyperfine runs "
         f"(--warmup 1 --runs {runs}; cells marked with fewer runs took over {slow_seconds} s and ran "
         f"--warmup 0 --runs {slow_runs} after their check run).", "",
         "| workload | litebox | qemu-riscv64 | native x86-64 | litebox vs native | litebox vs qemu |",
         "|---|---|---|---|---|---|"]
for name in order:
    w = workloads[name]
    c = w["cells"]
    lines.append(f"| {w['description']} | {seconds(c.get('litebox'))} | {seconds(c.get('qemu'))} | "
                 f"{seconds(c.get('native'))} | {against(w['speedup_vs_native'])} | {against(w['speedup_vs_qemu'])} |")
if memory:
    lines += ["", f"LiteBox host memory per simulated process at 5,000 alive: peak RSS {memory['peak_rss_kib_wide_5000']} KiB "
              f"for `scale wide 5000` against {memory['peak_rss_kib_wide_1']} KiB for `scale wide 1`: "
              f"{memory['kib_per_process']:.1f} KiB per process."]
failed = [(name, runner, cell.get("reason")) for name in order for runner, cell in workloads[name]["cells"].items() if cell["status"] != "ok"]
for name, runner, reason in failed:
    lines.append(f"\nFailed: {name} under {runner}: {reason} (scratch: {scratch}/check/{name}.{runner}.*)")
markdown = "\n".join(lines) + "\n"

with open(os.path.join(out, "side-by-side.json"), "w") as f:
    json.dump(report, f, indent=2)
    f.write("\n")
with open(os.path.join(out, "side-by-side.md"), "w") as f:
    f.write(markdown)
print(markdown, end="")
sys.exit(1 if failed else 0)
PYTHON
