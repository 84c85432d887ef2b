#!/usr/bin/env bash
# What the size of an integration's batches does at one rate: on one warmed server, small runs (20 s, 1 s
# warm-up) at RATE (default 1000/s) with each batch size of SIZES in turn (default "1 10 25 100"; 1 is one
# POST /api/v1/tickets a ticket), ROUNDS times over (default 2, so that a drifting machine meets every size),
# each with the server's CPU a ticket (/proc, the agents' sign-ins included) beside the bench's figures.
# WARMUPS (default 4) discarded runs first, at WARMUP_RATE (default 500/s) and one post a ticket.
# Usage: AGENTS=50 CAPACITY=40 BENCH_FLAGS=--no-reassign scripts/bench/batch-sizes.sh [rate]
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${1:-1000}
source scripts/bench/server.sh
OUT=bench-results/batch-sizes-$(date +%Y%m%d-%H%M%S)
warm_up "$OUT"
for round in $(seq 1 "${ROUNDS:-2}"); do
  for size in ${SIZES:-1 10 25 100}; do
    before=$(cpu_ticks "$SERVER")
    small_run "$RATE" "$OUT/round-$round-batch-$size" --warmup 1 --batch "$size"
    after=$(cpu_ticks "$SERVER")
    sent=$(sed -n -E 's/^ *"sent" *: *([0-9]+),?$/\1/p' "$OUT/round-$round-batch-$size/results.json")
    echo "batch $size: server $(awk -v t=$((after - before)) -v n="$sent" -v hz="$(getconf CLK_TCK)" \
      'BEGIN {printf "%.3f", t * 1000 / hz / n}') ms a ticket; $(figures "$OUT/round-$round-batch-$size")"
  done
done
echo "results: $OUT"
