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
# benchmarks/results/2026-12-01-province-2.md (release build, whole shards with advice,
# --jobs 2): a shard took 878-882 CPU s (reading 55, solving 245, advice 577-581) at a peak of
# 725-748 MiB (every shard reads the whole pack); replayed on 2 cores 7.8-7.9 min a task (8.5 min
# at the lowest measured --jobs 2 speed-up, 1.84x). 1 GiB and 30 min leave room for slower nodes;
# the merge (31 CPU s; at most 1.4 GiB, measured on 16 copies of one shard) gets 2 GiB.
# 2026-12-01-province-3.md: advice 20-36% less CPU (same advice), about 7.4 min a task with the
# merge; memory unchanged (the whole pack): the sizing stands.
# 2026-12-01-province-4.md (whole shards 0/16 and 8/16 re-measured, --jobs 1): 390 and 329 CPU s,
# peak 627 and 619 MiB, 3.6 and 3.0 min a task on 2 cores (about 5.4 min with the merge):
# 1 GiB stays (peak + 60%), the time limit is now 15 min (4x a measured task).
#SBATCH --job-name=xinyu-district
#SBATCH --cpus-per-task=2
#SBATCH --mem=1G
#SBATCH --time=00:15:00
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
  sbatch --dependency=afterok:"$SLURM_ARRAY_JOB_ID" --job-name=xinyu-merge --output=xinyu-merge-%j.log --mem=2G --time=00:15:00 \
    --wrap="$XINYU merge $OUT/shard-* --out $OUT/merged"
fi
exit 0
