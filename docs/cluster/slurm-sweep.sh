#!/bin/bash
# A LiteBox Sim sweep as a Slurm job array: each array task runs one shard of the grid, and
# `litebox sweep --shard auto` works out which from SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN and
# SLURM_ARRAY_TASK_COUNT (docs/sweeps.md). Submit from the directory the results should go under:
#
#   sbatch docs/cluster/slurm-sweep.sh                      # the example spec
#   SPEC=my-sweep.json sbatch docs/cluster/slurm-sweep.sh   # yours (sbatch passes the environment on)
#
# A task that fails or is preempted can be run again (scontrol requeue, or sbatch --array=2 for
# task 2 alone): it resumes its own file, skipping the runs already in it. Every task of the
# array must see the same spec.
#SBATCH --job-name=litebox-sweep
#SBATCH --array=0-3
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=2
#SBATCH --mem=8G
#SBATCH --time=04:00:00
#SBATCH --output=litebox-sweep-%A_%a.log

set -euo pipefail

spec="${SPEC:-docs/examples/sweep.json}"
# litebox on the PATH (dotnet publish src/LiteBox.Cli), or e.g. LITEBOX="dotnet /opt/litebox/litebox.dll".
litebox="${LITEBOX:-litebox}"
results="${RESULTS:-results}"
mkdir -p "$results"

# Exit codes: 0 every run of the shard ran, 1 the output cannot be written, 2 a mistake in the
# spec or the environment, 130 interrupted (scancel sends SIGTERM, which ends litebox at once;
# the run it was in is not written and runs again on resubmission).
# shellcheck disable=SC2086 # $litebox may be a command with its arguments
$litebox sweep "$spec" --shard auto \
  --output "$results/$(basename "$spec" .json).shard-${SLURM_ARRAY_TASK_ID}.jsonl"

# Once every task has ended, merge the shards' files into one, with a table and a report:
#
#   litebox sweep merge results/sweep.shard-*.jsonl \
#     --output results/sweep.jsonl --report results/sweep.html
#
# or let Slurm start the merge when the array is done:
#
#   jobid=$(sbatch --parsable docs/cluster/slurm-sweep.sh)
#   sbatch --dependency=afterany:"$jobid" --wrap \
#     'litebox sweep merge results/sweep.shard-*.jsonl --output results/sweep.jsonl --report results/sweep.html'
#
# The merge names the runs missing (from tasks that failed) without failing itself.
