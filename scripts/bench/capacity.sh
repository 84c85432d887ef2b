#!/usr/bin/env bash
# Capacity on the embedded default: steps the offered rate up (30 s a step after a warm-up) until the
# end-to-end p99 passes 100 ms or tickets are lost, and reports the highest rate sustained. Each step's
# agents (capacity CAPACITY, default 10) can hold 2.5 times the work in hand at a handle time of 1 s;
# BENCH_FLAGS go to every step (e.g. BENCH_FLAGS="--batch 100": the tickets posted in batches).
# Usage: [CAPACITY=N] [BENCH_FLAGS=...] [WARMUPS=N WARMUP_RATE=R] scripts/bench/capacity.sh [rates, default "250 500 750 1000 1250 1500 2000 2500 3000"]
set -euo pipefail
cd "$(dirname "$0")/../.."
RATES=${1:-"250 500 750 1000 1250 1500 2000 2500 3000"}
source scripts/bench/server.sh
OUT=bench-results/capacity-$(date +%Y%m%d-%H%M%S)
# WARMUPS (default 1) discarded 30 s runs at WARMUP_RATE (default 500/s) first, with BENCH_FLAGS.
for i in $(seq 1 "${WARMUPS:-1}"); do
  bench --rate "${WARMUP_RATE:-500}" --duration 30 --agents 100 --capacity "${CAPACITY:-10}" ${BENCH_FLAGS:-} \
    --out "$OUT/warm-up-$i" > /dev/null 2>&1 || true
done
best=0
for rate in $RATES; do
  agents=$(( rate * 5 / (2 * ${CAPACITY:-10}) ))   # handle time 1 s: room for 2.5x the work in hand
  agents=$(( agents > 20 ? agents : 20 ))
  bench --rate "$rate" --duration 30 --agents "$agents" --capacity "${CAPACITY:-10}" ${BENCH_FLAGS:-} --drain 15 --out "$OUT/rate-$rate" > "$OUT/rate-$rate.txt" 2>&1 || true
  line=$(figures "$OUT/rate-$rate")
  echo "$rate/s: $line"
  p99=$(echo "$line" | sed -E 's/.*e2e_p99_ms=([0-9.]+).*/\1/')
  lost=$(echo "$line" | sed -E 's/.*lost=([0-9]+).*/\1/')
  if [ "$lost" != "0" ] || awk "BEGIN { exit !($p99 > 100) }"; then
    break
  fi
  best=$rate
done
echo "highest rate sustained (e2e p99 <= 100 ms, nothing lost): $best tickets/s; results: $OUT"
