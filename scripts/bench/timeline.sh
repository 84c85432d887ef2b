#!/usr/bin/env bash
# The server's own meters through a run, a few times a second: starts a fresh server (JAR, SERVER_FLAGS,
# SERVER_JVM_FLAGS as in server.sh), warms it (warm_up), then makes RUNS (default 2) small runs at RATE
# (default 1000/s) while reading /actuator/prometheus every EVERY seconds (default 0.25, plus the read's own
# time), and prints, interval by interval: the young pauses, the redo log's checkpoints and how long changes
# waited at them, the machine's and the server's CPU use, intake's and routing's commits (how many, how many
# took over 10 ms, routing's changes a commit) and the pushes (how many, how many over 25 ms after their
# ticket was accepted). Shows whether a slow stretch is a pause, a checkpoint or a writer falling behind.
# The reads cost the server some CPU: compare runs of this script with each other, not with gc-runs.sh.
# Usage: AGENTS=50 CAPACITY=40 BENCH_FLAGS=--no-reassign scripts/bench/timeline.sh [rate]
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${1:-1000}
source scripts/bench/server.sh
OUT=$(realpath -m bench-results/timeline-$(date +%Y%m%d-%H%M%S))
warm_up "$OUT"
source scripts/lib/admin.sh
TOKEN=$(admin_token "$BASE")
METERS='^(switchboard_(intake|routing)_commit_seconds_bucket|switchboard_routing_accepted_to_pushed_seconds_bucket'
METERS+='|jvm_gc_pause_seconds_(count|sum)|switchboard_store_redo_checkpoints_seconds_(count|sum)'
METERS+='|switchboard_routing_commit_changes_(count|sum)|process_cpu_usage|system_cpu_usage)'
read_meters() { # until stopped: a line "T <uptime>" and the meters, each time
  while true; do
    echo "T $(cut -d' ' -f1 /proc/uptime)"
    curl -s -H "Authorization: Bearer $TOKEN" "$BASE/actuator/prometheus" | grep -E "$METERS" || true
    sleep "${EVERY:-0.25}"
  done
}
for i in $(seq 1 "${RUNS:-2}"); do
  run=$OUT/run-$i
  mkdir -p "$run"
  cut -d' ' -f1 /proc/uptime > "$run.start"
  read_meters > "$run.meters" &
  reader=$!
  small_run "$RATE" "$run"
  kill $reader 2>/dev/null || true
  wait $reader 2>/dev/null || true
  echo "run $i at $RATE/s: $(figures "$run")"
  python3 scripts/bench/timeline.py "$run.meters" "$(cat "$run.start")"
done
