#!/usr/bin/env bash
# What the server allocates (or where its CPU goes) per ticket, without the bench's set-up: starts a fresh
# server (JAR, SERVER_FLAGS, SERVER_JVM_FLAGS as in server.sh), warms it (warm_up), starts a small run at
# RATE (default 1000/s) and, from AT seconds into it (default 11: after the bench touched its heap and signed
# its agents in) for FOR seconds (default 10), profiles the server with async-profiler (Maven Central's
# tools.profiler:async-profiler, loaded into the running server with jcmd). EVENT=alloc (the default)
# samples allocations by size, so the total is what the server allocated in the window; EVENT=itimer
# samples CPU time. Prints the total, the share per ticket (RATE x FOR tickets), and the largest sites
# (scripts/bench/collapsed.py); the collapsed stacks stay in the output folder for a flame graph.
# PROFILE=bench profiles the load generator of the run instead of the server (what it takes of the cores).
# Usage: AGENTS=50 CAPACITY=40 BENCH_FLAGS=--no-reassign scripts/bench/async-profile.sh [rate]
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${1:-1000}
EVENT=${EVENT:-alloc}
OUT=$(realpath -m bench-results/async-profile-$EVENT-$(date +%Y%m%d-%H%M%S))
mkdir -p "$OUT"
PROFILER_VERSION=4.2
LIB=$(realpath -m target/async-profiler-$PROFILER_VERSION/linux-x64/libasyncProfiler.so)
source scripts/lib/jdk.sh
if [ ! -f "$LIB" ]; then
  ./mvnw -q dependency:copy -Dartifact=tools.profiler:async-profiler:$PROFILER_VERSION:jar:linux-x64 \
    -DoutputDirectory="target/async-profiler-$PROFILER_VERSION"
  (cd "target/async-profiler-$PROFILER_VERSION" \
    && "$JAVA_HOME/bin/jar" xf "async-profiler-$PROFILER_VERSION-linux-x64.jar" linux-x64/libasyncProfiler.so)
fi
source scripts/bench/server.sh
warm_up "$OUT"
small_run "$RATE" "$OUT/run" &
RUN=$!
# jcmd passes the agent's options whole only in quotes: its own parser would split them at '='.
TARGET=$SERVER
profiler() {
  "$JAVA_HOME/bin/jcmd" "$TARGET" "JVMTI.agent_load $LIB \"$1\"" > "$OUT/jcmd.txt"
  grep -q "return code: 0" "$OUT/jcmd.txt" || { echo "async-profiler: $1 failed" >&2; cat "$OUT/jcmd.txt" >&2; exit 1; }
}
sleep "${AT:-11}"
if [ "${PROFILE:-server}" = bench ]; then
  TARGET=$(pgrep -f -n -- "-jar $JAR bench --url $BASE")
fi
profiler "start,event=$EVENT,threads"
sleep "${FOR:-10}"
profiler "stop,file=$OUT/$EVENT.collapsed,collapsed,total,threads"
wait $RUN || true
echo "run: $(figures "$OUT/run")"
python3 scripts/bench/collapsed.py "$OUT/$EVENT.collapsed" "$EVENT" "$((RATE * ${FOR:-10}))"
echo "collapsed stacks: $OUT/$EVENT.collapsed"
