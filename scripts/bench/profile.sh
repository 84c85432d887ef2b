#!/usr/bin/env bash
# Where the server's CPU goes while it carries tickets, without the set-up: starts a fresh server,
# warms it with discarded runs (WARMUPS, default 4, at WARMUP_RATE, default 500/s), then records a JFR
# profile (settings=profile) of one 20 s run at RATE (default 300/s) with AGENTS agents (default 7) only,
# and prints the busiest threads and, for each, the methods
# that take the largest share of its samples (inclusive). The recording is kept for JDK Mission Control.
# Usage: scripts/bench/profile.sh [rate]   (BENCH_FLAGS: more bench flags, e.g. --no-reassign;
#        THREADS: a regular expression of the threads to break down, default the three pipeline ones)
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${1:-300}
source scripts/bench/server.sh
OUT=$(realpath -m bench-results/profile-$(date +%Y%m%d-%H%M%S))
mkdir -p "$OUT"
warm_up "$OUT"
"$JAVA_HOME/bin/jcmd" "$SERVER" JFR.start name=run settings=profile > /dev/null
small_run "$RATE" "$OUT/run" --warmup 1
"$JAVA_HOME/bin/jcmd" "$SERVER" JFR.stop name=run filename="$OUT/run.jfr" > /dev/null
echo "$(figures "$OUT/run")"
"$JAVA" scripts/bench/Profile.java "$OUT/run.jfr" "${THREADS:-http-nio-\d+-exec|intake-group-commit|routing}"
echo "recording: $OUT/run.jfr"
