#!/usr/bin/env bash
# The server's garbage-collection pauses under load: starts a fresh server with a GC log, warms it
# (30 s at 500/s), runs RATE (default 200/s) for 30 s, and prints the run's figures and the young
# pauses of the whole log (count, median, p90, max, total), the bytes copied per pause and the
# allocation between pauses. Extra server JVM flags (another collector, a heap size) in SERVER_JVM_FLAGS.
# Usage: scripts/bench/gc-pauses.sh [rate]
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${1:-200}
OUT=bench-results/gc-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
GC_LOG=$(realpath "$OUT")/gc.log
SERVER_JVM_FLAGS="${SERVER_JVM_FLAGS:-} -Xlog:gc*,gc+phases=debug:file=$GC_LOG:uptime"
source scripts/bench/server.sh
bench --rate 500 --duration 30 --agents 100 --out "$OUT/warm-up" > /dev/null 2>&1 || true
agents=$(( RATE / 4 > 20 ? RATE / 4 : 20 ))
bench --rate "$RATE" --duration 30 --agents "$agents" --drain 15 --out "$OUT/run" > "$OUT/run.txt" 2>&1 || true
echo "$(figures "$OUT/run")"
young_pauses "$GC_LOG"
grep -E "Pause Young" "$GC_LOG" | grep -- "->" | sed -E 's/.* ([0-9]+)M->([0-9]+)M.*/\1 \2/' \
  | awk 'NR > 1 {s += $1 - prev} {prev = $2} END {printf "allocated between pauses: %.0f MB (warm-up and run)\n", s}'
echo "GC log: $GC_LOG"
