#!/usr/bin/env bash
# The seeds' workload on the embedded default: 50,000 tickets in 60 s (833/s), agents enough to drain
# it. Starts a fresh server, warms it (WARMUPS discarded runs of 30 s, default 3: after a single one the
# JIT was still compiling the hot paths through the first measured run, which fell seconds behind), then
# measures RUNS times (default 3) and prints each run's figures; results in bench-results/seeds-<time>/run-N/.
# Usage: scripts/bench/seeds-workload.sh [runs]   (BENCH_FLAGS: more bench flags, e.g. --no-reassign)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-3}
source scripts/bench/server.sh
OUT=bench-results/seeds-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
AGENTS=${AGENTS:-200}
for i in $(seq 1 "${WARMUPS:-3}"); do
  bench --rate 833 --duration 30 --agents "$AGENTS" ${BENCH_FLAGS:-} --out "$OUT/warm-up-$i" > "$OUT/warm-up-$i.txt" 2>&1 || true
done
for run in $(seq 1 "$RUNS"); do
  bench --rate 833 --duration 60 --agents "$AGENTS" ${BENCH_FLAGS:-} --out "$OUT/run-$run" > "$OUT/run-$run.txt" 2>&1 || true
  echo "run $run: $(figures "$OUT/run-$run")"
done
echo "results: $OUT"
