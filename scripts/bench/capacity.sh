#!/usr/bin/env bash
# Capacity on the embedded default: steps the offered rate up (30 s a step after a warm-up) until the
# end-to-end p99 passes 100 ms or tickets are lost, and reports the highest rate sustained.
# Usage: scripts/bench/capacity.sh [rates, default "250 500 750 1000 1250 1500 2000 2500 3000"]
set -euo pipefail
cd "$(dirname "$0")/../.."
RATES=${1:-"250 500 750 1000 1250 1500 2000 2500 3000"}
source scripts/bench/server.sh
OUT=bench-results/capacity-$(date +%Y%m%d-%H%M%S)
bench --rate 500 --duration 30 --agents 100 --out "$OUT/warm-up" > /dev/null 2>&1 || true
best=0
for rate in $RATES; do
  agents=$(( rate / 4 > 20 ? rate / 4 : 20 ))   # capacity 10, handle time 1 s: 2.5x the work in hand
  bench --rate "$rate" --duration 30 --agents "$agents" --drain 15 --out "$OUT/rate-$rate" > "$OUT/rate-$rate.txt" 2>&1 || true
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
