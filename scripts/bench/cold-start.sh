#!/usr/bin/env bash
# A burst on a cold server: starts a fresh server and, with no warm-up, offers RATE tickets/s (default
# 300) for 15 s to 7 agents. Shows whether intake keeps taking tickets while the JIT is still cold and
# the client's requests pile up (the progress lines' "accepted" column should never stand still).
# Usage: scripts/bench/cold-start.sh [rate]   (SERVER_FLAGS: server flags, e.g. --spring.threads.virtual.enabled=false)
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${1:-300}
source scripts/bench/server.sh
OUT=bench-results/cold-start-$(date +%Y%m%d-%H%M%S)
bench --rate "$RATE" --duration 15 --agents 7 --capacity 200 --no-reassign --out "$OUT/run" > "$OUT.txt" 2>&1 || true
grep -E '^ +[0-9]+s ' "$OUT.txt" || true
echo "$(figures "$OUT/run")"
echo "results: $OUT"
