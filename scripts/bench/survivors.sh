#!/usr/bin/env bash
# What the server's young collections copy: starts a fresh server (JAR, SERVER_FLAGS, SERVER_JVM_FLAGS as in
# server.sh) with a GC log, warms it (warm_up), starts a small run at RATE (default 1000/s) and AT seconds
# later (default 15: the bench's set-up, its heap touched, and a few seconds of the run) stops the server with jhsdb's clhsdb,
# which lists G1's regions and dumps the whole heap in the same stop; then prints what sits in the survivor
# regions (scripts/bench/survivors.py): what the last young collection copied, by class, and who holds its
# large arrays. The stop spoils the run's figures; the dump (as large as the heap) stays in the output folder.
# Usage: AGENTS=50 CAPACITY=40 BENCH_FLAGS=--no-reassign scripts/bench/survivors.sh [rate]
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${1:-1000}
OUT=$(realpath -m bench-results/survivors-$(date +%Y%m%d-%H%M%S))
mkdir -p "$OUT"
SERVER_JVM_FLAGS="${SERVER_JVM_FLAGS:-} -Xlog:gc*,gc+age=trace:file=$OUT/gc.log:uptime"
source scripts/bench/server.sh
warm_up "$OUT"
small_run "$RATE" "$OUT/run-1" &
RUN=$!
sleep "${AT:-15}"
BEFORE=$(grep -E "Pause Young.*ms$" "$OUT/gc.log" | tail -3 || true)
printf 'attach %s\ng1regiondetails\ndumpheap %s\ndetach\nquit\n' "$SERVER" "$OUT/heap.hprof" \
  | "$JAVA_HOME/bin/jhsdb" clhsdb > "$OUT/regions.txt" 2>&1
wait $RUN || true
echo "the last young collections before the stop (the survivor regions hold what the last one copied):"
echo "$BEFORE"
python3 scripts/bench/survivors.py "$OUT/heap.hprof" "$OUT/regions.txt"
echo "heap dump: $OUT/heap.hprof"
