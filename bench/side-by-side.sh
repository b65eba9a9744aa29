#!/usr/bin/env bash
# Side by side: the same C sources run under LiteBox Sim, under qemu-riscv64 and natively
# (x86-64), timed with hyperfine. See docs/benchmarks.md.
#
#   bench/side-by-side.sh [--runs N] [--slow-runs N] [--slow-seconds S] [--only REGEX]
#                         [--memory-runs N] [--no-memory] [--no-cgroup] [--out DIR] [--scratch DIR]
#
# 1. Installs what is missing (apt-get): hyperfine, gcc, gcc-riscv64-linux-gnu,
#    libc6-dev-riscv64-cross, qemu-user, time, python3.
# 2. Builds guests/scale/scale.c, bench/side-by-side/cpumix.c and bench/side-by-side/intloop.c
#    as static riscv64 glibc ELF files (for LiteBox and qemu-riscv64) and as static x86-64 ones,
#    into a scratch directory (not committed), and publishes the CLI there once, compiled ahead
#    of time (dotnet publish -c Release -r linux-x64 -p:PublishReadyToRun=true), as one would
#    install it: it starts in about half the time of a plain build, which only the JIT compiles.
# 3. For every workload and runner: one check run outside hyperfine whose stdout must be the
#    expected deterministic text and whose exit code must be 0 (else the cell is "failed" and is
#    not timed), then hyperfine --warmup 1 --runs N. A cell whose check run took longer than
#    --slow-seconds (default 10) is timed with --warmup 0 --runs --slow-runs (default 2) instead:
#    its check run warmed it, and five more runs of a 50 s cell would not fit a 10-minute budget.
#    --slow-seconds 1e9 times every cell alike.
# 4. Host memory per process at 5,000 alive, for every runner (when wide is selected; --no-memory
#    skips it): (peak for scale wide 5000 - peak for scale wide 1) / 4,999, each a median of
#    --memory-runs (default 3) runs whose output is checked. Each run is alone in a new memory
#    cgroup (v2 memory.peak or v1 memory.max_usage_in_bytes; needs root), which charges all its
#    processes together; the cgroup is removed afterwards. Without a usable memory cgroup (or with
#    --no-cgroup) only litebox is measured, by its peak RSS (/usr/bin/time), and the report says why.
# 5. Writes OUT/side-by-side.json and OUT/side-by-side.md (OUT: bench/results) and prints the
#    Markdown tables: medians, and litebox against native and against qemu.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
RUNS=5
SLOW_RUNS=2
SLOW_SECONDS=10
ONLY=.
OUT=$REPO/bench/results
SCRATCH=
TIMEOUT=${TIMEOUT:-900}
MEMORY=yes
MEMORY_RUNS=3
USE_CGROUP=yes
COMMAND_LINE="bench/side-by-side.sh${*:+ $*}"

while [ $# -gt 0 ]; do
    case $1 in
        --runs) RUNS=$2; shift 2 ;;
        --slow-runs) SLOW_RUNS=$2; shift 2 ;;
        --slow-seconds) SLOW_SECONDS=$2; shift 2 ;;
        --only) ONLY=$2; shift 2 ;;
        --memory-runs) MEMORY_RUNS=$2; shift 2 ;;
        --no-memory) MEMORY=no; shift ;;
        --no-cgroup) USE_CGROUP=no; shift ;;
        --out) OUT=$2; shift 2 ;;
        --scratch) SCRATCH=$2; shift 2 ;;
        -h|--help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "side-by-side: unknown option $1" >&2; exit 2 ;;
    esac
done
case $RUNS$SLOW_RUNS$MEMORY_RUNS in *[!0-9]*|'') echo "side-by-side: --runs, --slow-runs and --memory-runs take a number" >&2; exit 2 ;; esac
if [ "$RUNS" -lt 1 ] || [ "$SLOW_RUNS" -lt 1 ] || [ "$MEMORY_RUNS" -lt 1 ]; then echo "side-by-side: runs must be at least 1" >&2; exit 2; fi

say() { printf '== %s\n' "$*" >&2; }

# The memory cgroup of the measurement under way (section 4); removed on the way out, also after
# a failure or an interrupt.
CGROUP=
remove_cgroup() {
    [ -n "$CGROUP" ] || return 0
    local pid tries=0
    # Whatever a run left behind in its cgroup was started by this script: end it, by its id.
    while [ -n "$(cat "$CGROUP/cgroup.procs" 2>/dev/null)" ] && [ $tries -lt 50 ]; do
        while read -r pid; do kill -KILL "$pid" 2>/dev/null || true; done <"$CGROUP/cgroup.procs"
        sleep 0.1
        tries=$((tries + 1))
    done
    rmdir "$CGROUP" 2>/dev/null || say "could not remove the cgroup $CGROUP"
    CGROUP=
}
trap remove_cgroup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

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
say "publishing the CLI (ReadyToRun)"
dotnet publish "$REPO/src/LiteBox.Cli" -c Release -r linux-x64 --self-contained false \
    -p:PublishReadyToRun=true -o "$SCRATCH/litebox" -nologo -v q >&2
LITEBOX=$SCRATCH/litebox/litebox
[ -x "$LITEBOX" ] || { echo "side-by-side: $LITEBOX was not published" >&2; exit 1; }

runner_command() { # runner program args...
    local runner=$1 program=$2; shift 2
    case $runner in
        litebox) echo "$LITEBOX run --root $SCRATCH/rv $SCRATCH/rv/$program $*" ;;
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

# --- 4. host memory per process -------------------------------------------------------------
# (peak for wide 5000 - peak for wide 1) / 4,999 for every runner. qemu and native are thousands
# of host processes, which no one RSS sums; a memory cgroup charges every process of a run
# together (the pages each touches first, page tables and kernel stacks included).
MEMORY_TSV=$SCRATCH/memory.tsv
: >"$MEMORY_TSV"
MEMORY_PROCESSES=5000
MEMORY_METHOD=    # cgroup v1, cgroup v2 or peak RSS; empty when not measured
MEMORY_NOTE=      # why not, or why without a cgroup
CGROUP_METHOD='' CGROUP_PARENT='' CGROUP_PEAK=''

# Finds a memory cgroup hierarchy this script can create cgroups in and move processes into: sets
# CGROUP_METHOD, CGROUP_PARENT and CGROUP_PEAK (the peak file, in bytes), or MEMORY_NOTE saying why
# there is none. v2 is used when it holds the memory controller (on a hybrid system, such as one
# with both /sys/fs/cgroup/memory and /sys/fs/cgroup/unified, v1 holds it); the cgroups are made
# at the root of the hierarchy, which for v2 must enable memory in its cgroup.subtree_control.
find_memory_cgroup() {
    local v1 v2 method parent peak error
    v2=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/self/mounts)
    v1=$(awk '$3 == "cgroup" && ("," $4 ",") ~ /,memory,/ { print $2; exit }' /proc/self/mounts)
    if [ -n "$v2" ] && grep -qw memory "$v2/cgroup.controllers" 2>/dev/null; then
        if ! grep -qw memory "$v2/cgroup.subtree_control" 2>/dev/null; then
            MEMORY_NOTE="cgroup v2 at $v2 has the memory controller but does not enable it for new cgroups ($v2/cgroup.subtree_control)"
            return
        fi
        method="cgroup v2" parent=$v2 peak=memory.peak
    elif [ -n "$v1" ]; then
        method="cgroup v1" parent=$v1 peak=memory.max_usage_in_bytes
    else
        MEMORY_NOTE="no memory cgroup is mounted (neither cgroup v2 with the memory controller nor a cgroup v1 memory hierarchy)"
        return
    fi
    CGROUP=$parent/litebox-side-by-side.$$.probe
    if ! error=$(mkdir "$CGROUP" 2>&1); then
        CGROUP=
        MEMORY_NOTE="cannot create a cgroup in $parent, a $method hierarchy: ${error##*: }; measuring qemu and native needs root"
        return
    fi
    if [ ! -r "$CGROUP/$peak" ]; then
        MEMORY_NOTE="a new $method cgroup has no $peak (memory.peak needs Linux 5.19 or later)"
    elif ! (echo "$BASHPID" >"$CGROUP/cgroup.procs") 2>/dev/null; then
        MEMORY_NOTE="cannot move a process into a cgroup in $parent, a $method hierarchy"
    else
        CGROUP_METHOD=$method CGROUP_PARENT=$parent CGROUP_PEAK=$peak
    fi
    remove_cgroup
}

# measure_peak RUNNER N RUN: runs `scale wide N` once under RUNNER, alone in a new memory cgroup
# (or under /usr/bin/time without one), and appends its peak in KiB to MEMORY_TSV; a run that
# exits non-zero or prints other than the expected lines is recorded as failed and sets MEASURED
# to failed (a status, not a return code: set -e does not hold in a function called under ||).
# timeout --foreground: an interrupt reaches the command; what it leaves behind in its cgroup is
# ended by remove_cgroup.
measure_peak() {
    local runner=$1 n=$2 run=$3 base code=0 peak_kib status=ok reason=
    MEASURED=failed
    base=$SCRATCH/memory/wide$n.$runner.$run
    printf 'children alive and blocked at once: %s\nchildren that saw end of file: %s\n' "$n" "$n" \
        >"$SCRATCH/memory/wide$n.expected"
    # shellcheck disable=SC2046
    set -- $(runner_command "$runner" scale wide "$n")
    if [ -n "$CGROUP_METHOD" ]; then
        CGROUP=$CGROUP_PARENT/litebox-side-by-side.$$.$runner.$n.$run
        mkdir "$CGROUP"
        (echo "$BASHPID" >"$CGROUP/cgroup.procs" && exec timeout --foreground "$TIMEOUT" "$@") \
            >"$base.stdout" 2>"$base.stderr" </dev/null || code=$?
        peak_kib=$(( $(cat "$CGROUP/$CGROUP_PEAK") / 1024 ))
        remove_cgroup
    else
        /usr/bin/time -f %M -o "$base.time" timeout --foreground "$TIMEOUT" "$@" \
            >"$base.stdout" 2>"$base.stderr" </dev/null || code=$?
        peak_kib=$(tail -n 1 "$base.time")
    fi
    if [ $code -ne 0 ]; then
        status=failed reason="wide $n, run $run, exited with $code"
    elif ! cmp -s "$base.stdout" "$SCRATCH/memory/wide$n.expected"; then
        status=failed reason="wide $n, run $run, printed something other than the expected output"
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$runner" "$n" "$run" "$status" "$peak_kib" "$reason" >>"$MEMORY_TSV"
    if [ $status = ok ]; then
        say "$runner: peak of wide $n, run $run: $peak_kib KiB"
        MEASURED=ok
    else
        say "$runner: memory: FAILED: $reason (scratch: $base.*)"
    fi
}

if [ $MEMORY = no ]; then
    MEMORY_NOTE="not measured (--no-memory)"
elif [[ wide =~ $ONLY ]]; then
    mkdir -p "$SCRATCH/memory"
    if [ $USE_CGROUP = yes ]; then
        find_memory_cgroup
    else
        MEMORY_NOTE="--no-cgroup"
    fi
    MEMORY_METHOD=${CGROUP_METHOD:-peak RSS}
    say "host memory per process: $MEMORY_METHOD${MEMORY_NOTE:+ ($MEMORY_NOTE)}, median of $MEMORY_RUNS runs each"
    for runner in "${RUNNERS[@]}"; do
        if [ -z "$CGROUP_METHOD" ] && [ "$runner" != litebox ]; then
            printf '%s\t\t\tnot measured\t\t%s\n' "$runner" \
                "without a memory cgroup ($MEMORY_NOTE); one process's peak RSS does not sum the thousands of host processes of $runner" >>"$MEMORY_TSV"
            continue
        fi
        if ! grep -q $'^wide\t'"$runner"$'\tok' "$CELLS"; then
            printf '%s\t\t\tnot measured\t\t%s\n' "$runner" "its wide cell failed" >>"$MEMORY_TSV"
            continue
        fi
        for run in $(seq "$MEMORY_RUNS"); do
            measure_peak "$runner" 1 "$run"
            [ "$MEASURED" = ok ] || break
            measure_peak "$runner" "$MEMORY_PROCESSES" "$run"
            [ "$MEASURED" = ok ] || break
        done
    done
fi

# --- 5. report ------------------------------------------------------------------------------
mkdir -p "$OUT"
python3 - "$CELLS" "$MEMORY_TSV" "$OUT" "$COMMAND_LINE" "$RUNS" "$SLOW_RUNS" "$SLOW_SECONDS" "$SCRATCH" \
    "$MEMORY_METHOD" "$MEMORY_NOTE" "$MEMORY_RUNS" "$MEMORY_PROCESSES" <<'PYTHON'
import json, os, re, statistics, subprocess, sys, datetime

(cells_path, memory_path, out, command_line, runs, slow_runs, slow_seconds, scratch,
 memory_method, memory_note, memory_runs, memory_processes) = sys.argv[1:]
memory_runs, memory_processes = int(memory_runs), int(memory_processes)

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

# Host memory per process: every measured run's peak, the medians, and per process from them.
memory = None
many = memory_processes
if memory_method:
    peaks = {}
    memory_runners = {}
    with open(memory_path) as f:
        for line in f:
            runner, n, run, status, peak, reason = line.rstrip("\n").split("\t")
            entry = memory_runners.setdefault(runner, {"status": "ok", "method": memory_method})
            if status != "ok":
                entry.update({"status": status, "reason": reason})
            else:
                peaks.setdefault((runner, int(n)), []).append(int(peak))
    for runner, entry in memory_runners.items():
        if entry["status"] != "ok":
            entry.pop("method")
            continue
        one, lots = peaks[(runner, 1)], peaks[(runner, many)]
        entry.update({"peak_kib_wide_1": statistics.median(one), f"peak_kib_wide_{many}": statistics.median(lots),
                      "kib_per_process": (statistics.median(lots) - statistics.median(one)) / (many - 1),
                      "peaks_kib_wide_1": one, f"peaks_kib_wide_{many}": lots})
    def memory_ratio(other):
        if memory_runners.get("litebox", {}).get("status") != "ok" or memory_runners.get(other, {}).get("status") != "ok":
            return None
        return memory_runners[other]["kib_per_process"] / memory_runners["litebox"]["kib_per_process"]
    if memory_method == "peak RSS":
        rule = ("litebox's peak RSS (/usr/bin/time -f %M) for each run; qemu and native, thousands of host "
                "processes, are not measured without a memory cgroup")
    else:
        rule = (f"each run alone in a new memory cgroup ({memory_method}); its peak charge "
                f"({'memory.peak' if memory_method == 'cgroup v2' else 'memory.max_usage_in_bytes'}) counts all its processes")
    memory = {"processes": many, "method": memory_method, "runs": memory_runs,
              "rule": f"(median peak for scale wide {many} - median peak for scale wide 1) / {many - 1}, "
                      f"of {memory_runs} runs each, every run's output checked; " + rule,
              "runners": memory_runners,
              "litebox_vs_native": memory_ratio("native"), "litebox_vs_qemu": memory_ratio("qemu"),
              "ratio": "per-process KiB of the other runner / that of litebox: above 1 litebox uses less"}
    if memory_note:
        memory["without_cgroup_because"] = memory_note
elif memory_note:
    memory = {"processes": many, "method": None, "reason": memory_note}

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
    "memory_per_process": memory,
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

def kib(value, values=()):
    spread = f" ({min(values):,}–{max(values):,})" if len(values) > 1 else ""
    return f"{value:,.0f} KiB{spread}"

def uses(value, other):
    if value is None:
        return None
    return f"{value:.2f}× less than {other}" if value >= 1 else f"{1 / value:.2f}× more than {other}"

failed = [(name, runner, cell.get("reason")) for name in order for runner, cell in workloads[name]["cells"].items() if cell["status"] != "ok"]
if memory and memory["method"] is None:
    lines += ["", f"Host memory per process at {many:,} alive: {memory['reason']}."]
elif memory:
    how = ("litebox's peak RSS (`/usr/bin/time -f %M`), an upper bound: it includes what the .NET garbage collector "
           "keeps beyond what is live" if memory["method"] == "peak RSS" else
           f"the peak charge of a new memory cgroup ({memory['method']}) holding the run alone, all its processes "
           "together: the pages each touches first (files cached by earlier runs are not charged again), "
           "page tables and kernel stacks included")
    lines += ["", f"Host memory per process at {many:,} alive: (peak for `scale wide {many}` − peak for `scale wide 1`) "
              f"/ {many - 1:,}, " + (f"medians of {memory_runs} runs each (the lowest and highest peaks in brackets), "
              if memory_runs > 1 else "one run each, ") + f"every run's output checked; {how}.", "",
              f"| | peak, `wide 1` | peak, `wide {many}` | per process |", "|---|---|---|---|"]
    labels = {"litebox": "litebox", "qemu": "qemu-riscv64", "native": "native x86-64"}
    for runner, entry in memory["runners"].items():
        if entry["status"] == "ok":
            lines.append(f"| {labels.get(runner, runner)} | {kib(entry['peak_kib_wide_1'], entry['peaks_kib_wide_1'])} | "
                         f"{kib(entry[f'peak_kib_wide_{many}'], entry[f'peaks_kib_wide_{many}'])} | "
                         f"{entry['kib_per_process']:.1f} KiB |")
        else:
            lines.append(f"| {labels.get(runner, runner)} | {'**failed**' if entry['status'] == 'failed' else entry['status']} | | |")
    compared = [text for text in (uses(memory["litebox_vs_native"], "native"), uses(memory["litebox_vs_qemu"], "qemu")) if text]
    if compared:
        lines += ["", "Per process litebox uses " + " and ".join(compared) + "."]
    if memory["method"] == "peak RSS":
        lines += ["", f"qemu and native not measured: no memory cgroup was used ({memory['without_cgroup_because']}), "
                  "and one process's peak RSS does not sum their thousands of host processes."]
    failed += [("memory", runner, entry["reason"]) for runner, entry in memory["runners"].items() if entry["status"] == "failed"]
for name, runner, reason in failed:
    where = f"{scratch}/memory/*.{runner}.*" if name == "memory" else f"{scratch}/check/{name}.{runner}.*"
    lines.append(f"\nFailed: {name} under {runner}: {reason} (scratch: {where})")
markdown = "\n".join(lines) + "\n"

with open(os.path.join(out, "side-by-side.json"), "w") as f:
    json.dump(report, f, indent=2)
    f.write("\n")
with open(os.path.join(out, "side-by-side.md"), "w") as f:
    f.write(markdown)
print(markdown, end="")
sys.exit(1 if failed else 0)
PYTHON
