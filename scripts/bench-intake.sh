#!/usr/bin/env bash
# Intake throughput on loopback: starts the packaged jar on a fresh H2 data folder and drives it with
# wrk (apt-get install wrk): the trivial endpoint (GET /api/v1/ping) as the framework's ceiling, single
# ticket posts, and batches of 1,000, one after the other in the same run.
# Usage: scripts/bench-intake.sh [seconds per run, default 20] [connections, default 64]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/jdk.sh
command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk" >&2; exit 1; }
SECONDS_PER_RUN=${1:-20}
CONNECTIONS=${2:-64}
source scripts/lib/jar.sh
JAR=$(packaged_jar)
JAVA=$JAVA_HOME/bin/java
DATA=$(mktemp -d)
PORT=18080
BASE=http://127.0.0.1:$PORT
export SWITCHBOARD_ADMIN_PASSWORD=bench-admin-password

"$JAVA" -jar "$JAR" --server.port=$PORT --switchboard.data-dir="$DATA" > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do
  curl -sf "$BASE/actuator/health/readiness" >/dev/null && break
  sleep 0.5
done

source scripts/lib/admin.sh
TOKEN=$(admin_token "$BASE")
export SWITCHBOARD_BENCH_KEY=$(curl -sf -X POST "$BASE/api/v1/api-keys" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d '{"name":"bench","rateLimitPerMinute":10000000}' | sed 's/.*"key":"\([^"]*\)".*/\1/')

run() {
  echo "== $1"
  shift
  wrk --latency -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" "$@" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx|Socket errors|requests in"
}
echo "warm-up"; wrk -t2 -c"$CONNECTIONS" -d30s -s scripts/bench/post-tickets.lua "$BASE/api/v1/tickets" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d5s "$BASE/api/v1/ping" >/dev/null
run "trivial endpoint: GET /api/v1/ping" "$BASE/api/v1/ping"
run "trivial endpoint with the API key: GET /api/v1/ping + bearer" -H "Authorization: Bearer $SWITCHBOARD_BENCH_KEY" "$BASE/api/v1/ping"
run "single ticket: POST /api/v1/tickets" -s scripts/bench/post-tickets.lua "$BASE/api/v1/tickets"
export SWITCHBOARD_BENCH_BATCH=1000
run "batch of 1,000: POST /api/v1/tickets/batch (tickets/s = requests/s x 1000)" \
  -c8 -s scripts/bench/post-tickets.lua "$BASE/api/v1/tickets/batch"
echo "== group commit (tickets per commit, commits)"
curl -s "$BASE/actuator/prometheus" | grep -E "^switchboard_intake_commit_(tickets|seconds)_(sum|count)"
