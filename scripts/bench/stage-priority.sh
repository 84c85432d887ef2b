#!/usr/bin/env bash
# The pipeline's two serial threads (intake's group commit and routing) raised above the others, run by run
# on one warmed server: starts a fresh server (JAR, SERVER_FLAGS, SERVER_JVM_FLAGS as in server.sh), warms
# it (warm_up), then makes RUNS (default 8) small runs at RATE (default 1000/s), renicing the two threads
# to 0 before the odd runs and to NICE (default -5, what -XX:ThreadPriorityPolicy=1 gives them) before the
# even ones, and prints each run's figures. Alternating on one server compares the two settings in the same
# minutes of a machine whose speed drifts. Needs root (a negative nice).
# Usage: AGENTS=50 CAPACITY=40 BENCH_FLAGS=--no-reassign scripts/bench/stage-priority.sh [rate]
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${1:-1000}
source scripts/bench/server.sh
OUT=bench-results/stage-priority-$(date +%Y%m%d-%H%M%S)
warm_up "$OUT"
serial_threads() { # the thread ids of routing and intake-group-commit (a thread's name is cut at 15 characters)
  for t in /proc/$SERVER/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in routing|intake-group-co*) echo "${t##*/}" ;; esac
  done
}
for i in $(seq 1 "${RUNS:-8}"); do
  nice=0
  [ $((i % 2)) = 1 ] || nice=${NICE:--5}
  for t in $(serial_threads); do renice -n "$nice" -p "$t" > /dev/null; done
  small_run "$RATE" "$OUT/run-$i" --warmup 1
  echo "run $i, serial threads at nice $nice: $(figures "$OUT/run-$i")"
done
