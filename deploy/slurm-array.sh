#!/bin/bash
# xinyu district on Slurm: one array task per shard, then one merge job after them all.
#
#   PACK=$PWD/instances/changyi-60 OUT=$PWD/out/changyi-60 sbatch --array=0-3 deploy/slurm-array.sh
#   (the script submits the merge itself, as a job depending on the whole array)
#
# Task K (SLURM_ARRAY_TASK_ID) solves shard K of N, N = SLURM_ARRAY_TASK_COUNT (the array's size;
# use --array=0-(N-1)), and writes $OUT/shard-K. Exit 3 (some minimum cannot be met; files are
# written and explained) counts as success.
#
# Sized for a province of 3,000 schools on 16 tasks of 2 CPUs (--array=0-15), from
# benchmarks/results/2026-12-01-province.md: a shard measured 514–555 CPU s, peak 635–641 MiB
# (every shard reads the whole pack); estimated 4.6 min a task with --jobs 2. Re-measured with the
# release build (benchmarks/results/2026-12-01-session6.md): the solving part 248–252 CPU s, peak
# 599–604 MiB; about 4.1 min a task. 1 GiB and 30 min leave room for slower nodes.
#SBATCH --job-name=xinyu-district
#SBATCH --cpus-per-task=2
#SBATCH --mem=1G
#SBATCH --time=00:30:00
#SBATCH --output=xinyu-%A_%a.log
set -u
XINYU=${XINYU:-xinyu}
: "${PACK:?set PACK to the district pack directory}"
: "${OUT:?set OUT to the output directory}"
K=${SLURM_ARRAY_TASK_ID:?run with sbatch --array=0-(N-1)}
N=${SHARDS:-${SLURM_ARRAY_TASK_COUNT:?}}
mkdir -p "$OUT"
"$XINYU" district "$PACK" --out "$OUT/shard-$K" --shard "$K/$N" --jobs "${SLURM_CPUS_PER_TASK:-2}" --quiet
rc=$?
if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then exit $rc; fi
# The first task submits the merge, to run once every task of the array has ended well.
if [ "$K" -eq 0 ]; then
  sbatch --dependency=afterok:"$SLURM_ARRAY_JOB_ID" --job-name=xinyu-merge --output=xinyu-merge-%j.log \
    --wrap="$XINYU merge $OUT/shard-* --out $OUT/merged"
fi
exit 0
