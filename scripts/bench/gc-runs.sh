#!/usr/bin/env bash
# The server's young collections run by run: starts a fresh server (JAR, SERVER_FLAGS, SERVER_JVM_FLAGS as
# in server.sh) with a GC log (pauses by phase, the tenuring table), warms it (warm_up), then makes RUNS
# (default 3) small runs at each rate given (default 1000/s), in the order given, and prints, for each,
# the run's figures, its young pauses (count, median, p90, max, total) and the bytes copied a pause.
# Several rates on one server draw the latency against the load (docs/benchmarks.md, "The tail against
# the load"). The log is kept for the tenuring table ("age N:" lines: what lived how many collections).
# Usage: AGENTS=50 CAPACITY=40 BENCH_FLAGS=--no-reassign scripts/bench/gc-runs.sh [rate ...]
set -euo pipefail
cd "$(dirname "$0")/../.."
RATES=("${@:-1000}")
OUT=$(realpath -m bench-results/gc-runs-$(date +%Y%m%d-%H%M%S))
mkdir -p "$OUT"
GC_LOG=$OUT/gc.log
SERVER_JVM_FLAGS="${SERVER_JVM_FLAGS:-} -Xlog:gc*,gc+phases=debug,gc+age=trace:file=$GC_LOG:uptime"
source scripts/bench/server.sh
warm_up "$OUT"
for rate in "${RATES[@]}"; do
  for i in $(seq 1 "${RUNS:-3}"); do
    mark=$(wc -l < "$GC_LOG")
    run=$OUT/run-$rate-$i
    [ "${#RATES[@]}" -gt 1 ] || run=$OUT/run-$i
    small_run "$rate" "$run"
    echo "run $i at $rate/s: $(figures "$run")"
    young_pauses "$GC_LOG" "$mark"
  done
done
echo "GC log: $GC_LOG"
