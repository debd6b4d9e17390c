#!/usr/bin/env bash
# Load on the portal: 50 concurrent users on the office's dashboard (wrk, loopback) while two
# school solves run in the background. Prints p50/p95/p99 latency and errors.
# Usage: benchmarks/portal-load.sh [XINYU_BINARY] [SECONDS]   (default .build/release/xinyu, 30 s)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/release/xinyu}
secs=${2:-30}
port=${PORT:-18080}
data=$(mktemp -d /tmp/xinyu-load-XXXXXX)
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT
printf 'load-pass-1\n' | "$bin" accounts --data "$data" add office --role office >/dev/null
"$bin" serve --data "$data" --port "$port" --from-pack instances/changyi-autumn2026 --jobs 2 2>"$data/serve.log" &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -fsS "$base/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
jar="$data/jar"
pre=$(curl -fsS -c "$jar" "$base/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
curl -fsS -b "$jar" -c "$jar" -o /dev/null --data "csrf=$pre&username=office&password=load-pass-1" "$base/login"
cookie=$(awk '$6 == "xinyu_session" { print $7 }' "$jar")
csrf=$(curl -fsS -H "Cookie: xinyu_session=$cookie" "$base/tokens" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
for s in S01 S02; do
  curl -fsS -o /dev/null -H "Cookie: xinyu_session=$cookie" --data "csrf=$csrf" "$base/schools/$s/runs"
done
sleep 1
echo "solves running: $(grep -c . <<<"$(pgrep -P $server || true)") child process(es)"
XINYU_COOKIE="xinyu_session=$cookie" wrk -t2 -c50 -d"${secs}s" -s benchmarks/portal-load.lua "$base/"
echo "solves still running at the end: $(pgrep -P $server | wc -l)"
