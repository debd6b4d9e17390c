#!/usr/bin/env bash
# Single-school term benchmark: Xinyu end to end (release build) on generated schools of growing
# size, side by side with the same school's monolithic term model (written by Xinyu itself with
# --write-model) solved by glpsol and, when installed, CBC, each with a time limit.
#
#   benchmarks/school.sh [SIZES...]        default sizes: 36 72 120; limit: PEER_LIMIT seconds (60)
#
# Writes benchmarks/results/<date>-school.md. Figures are from one machine in one run: compare the
# ratios, not the absolute seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(36 72 120)
limit=${PEER_LIMIT:-60}
work=benchmarks/work; rm -rf "$work"; mkdir -p "$work" benchmarks/results
swift build -c release --product xinyu >/dev/null
xinyu=.build/release/xinyu
out=benchmarks/results/$(date +%Y-%m-%d)-school.md
{
  echo "# Single-school term benchmark ($(date +%Y-%m-%d))"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/{print $2}') GiB; GLPK $(glpsol --version | head -1 | awk '{print $NF}'); peers limited to ${limit} s."
  echo
  echo "| classes | lessons | short (proven least) | Xinyu s | Xinyu peak MiB | objective | lower bound | gap | glpsol on monolithic | CBC on monolithic |"
  echo "|---:|---:|---|---:|---:|---:|---:|---:|---|---|"
} > "$out"
for n in "${sizes[@]}"; do
  pack=$work/school-$n
  $xinyu generate --schools 1 --classes "$n" --seed 7 --out "$pack" >/dev/null
  /usr/bin/time -f "%e %M" -o "$work/time-$n" $xinyu solve "$pack" --out "$work/out-$n" --quiet --write-model "$work/models-$n" >/dev/null || true
  read -r secs kb < "$work/time-$n"
  row=$(grep -E '^\| S01 ' "$work/out-$n/report.md" | head -1)
  short=$(echo "$row" | awk -F'|' '{gsub(/ /,"",$4); gsub(/ /,"",$5); print $4" ("$5")"}')
  obj=$(echo "$row" | awk -F'|' '{gsub(/ /,"",$6); print $6}')
  lb=$(echo "$row" | awk -F'|' '{gsub(/ /,"",$7); print $7}')
  gap=$(echo "$row" | awk -F'|' '{gsub(/ /,"",$8); print $8}')
  lessons=$(($(wc -l < "$work/out-$n/schedule.csv") - 1))
  mono=$(ls "$work/models-$n"/*-term.mps | head -1)
  g=$( { /usr/bin/time -f "%e" timeout $((limit + 30)) glpsol --freemps "$mono" --min --tmlim "$limit" 2>&1 || true; } | tail -40 )
  gsec=$(echo "$g" | tail -1)
  gstat=$(echo "$g" | grep -E "INTEGER OPTIMAL|TIME LIMIT|PROBLEM HAS NO" | head -1 | sed 's/ SOLUTION.*//;s/ EXCEEDED.*//' | tr 'A-Z' 'a-z')
  gobj=$(echo "$g" | grep -E '^\+ *[0-9]+: mip =' | tail -1 | awk '{print $4}')
  gcell="${gstat:-?} ${gsec} s${gobj:+, incumbent $gobj}"
  ccell="not installed"
  if command -v cbc >/dev/null; then
    c=$( { /usr/bin/time -f "%e" timeout $((limit + 30)) cbc "$mono" -sec "$limit" -solve -quit 2>&1 || true; } )
    csec=$(echo "$c" | tail -1)
    cres=$(echo "$c" | grep -m1 "^Result" | sed 's/Result - //')
    cobj=$(echo "$c" | grep -m1 "^Objective value" | awk '{print $3}')
    ccell="${cres:-?} ${csec} s${cobj:+, objective $cobj}"
  fi
  echo "| $n | $lessons | $short | $secs | $((kb / 1024)) | $obj | $lb | $gap | $gcell | $ccell |" >> "$out"
done
cat >> "$out" <<'NOTE'

Xinyu's objective and bound are in preference-cost units; the monolithic model's objective is the
same cost times its integral scale (100 × the group's total weekly capacity when load balance is
on), with the shortfall fixed to Xinyu's proven least shortfall. "lower bound": each class alone
with teachers relaxed (a valid bound for every schedule; it ignores teacher interactions, hence the
gap).
NOTE
cat "$out"
