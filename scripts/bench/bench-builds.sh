#!/usr/bin/env bash
# Two builds of the load generator compared on one warmed server: small runs (20 s, 1 s warm-up) at RATE
# (default 1000/s), the bench from BENCH_A's jar, then from BENCH_B's, ROUNDS times over (default 3). The
# server is JAR's (default: the packaged build), warmed with WARMUPS runs (default 4) of its own bench.
# What to read: client_cpu_ms_per_ticket, the load generator's CPU a ticket, run against run.
# Usage: BENCH_A=/tmp/before.jar BENCH_B=target/switchboard-0.1.0-SNAPSHOT.jar AGENTS=50 CAPACITY=40 \
#          BENCH_FLAGS=--no-reassign scripts/bench/bench-builds.sh [rate]
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${1:-1000}
: "${BENCH_A:?the first build's jar}" "${BENCH_B:?the second build's jar}"
source scripts/bench/server.sh
OUT=bench-results/bench-builds-$(date +%Y%m%d-%H%M%S)
warm_up "$OUT"
for round in $(seq 1 "${ROUNDS:-3}"); do
  for which in A B; do
    build=BENCH_$which
    JAR=${!build} # server.sh's bench() runs $JAR's load generator; the server runs on from the jar it started with
    small_run "$RATE" "$OUT/round-$round-$which" --warmup 1
    echo "round $round, load generator $which: $(figures "$OUT/round-$round-$which")"
  done
done
echo "results: $OUT"
