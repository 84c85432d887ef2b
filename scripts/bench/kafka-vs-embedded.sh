#!/usr/bin/env bash
# The embedded default versus Kafka + PostgreSQL, on this machine, in one run: the same bench (RATE
# tickets/s for DURATION s, AGENTS agents, after a discarded 20 s warm-up) against a fresh server of
# each kind, then the Kafka + PostgreSQL server's capacity, rate by rate (CAPACITY_RATES) until the
# end-to-end p99 passes 100 ms or a ticket is lost. The broker is scripts/kafka-local.sh's (started
# here when it is not running); PostgreSQL is PGHOST (127.0.0.1), user postgres, a fresh database per run.
# The database is analyzed after the warm-ups (autovacuum, off on this machine, would in production).
# KEEP_DB=1 keeps the PostgreSQL database for a look afterwards; ONLY=kafka skips the embedded run.
# WARMUPS: discarded 20 s runs before the measured ones (default 5: at 200/s the Kafka node's JIT still
# compiled 1,300 methods in the fourth run, docs/benchmarks.md).
# BENCH_FLAGS go to every bench run (e.g. --no-reassign: agents do not correct misroutes by PATCH).
# Results in bench-results/kafka-vs-embedded-<time>/.
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${RATE:-1000}
DURATION=${DURATION:-30}
AGENTS=${AGENTS:-250}
CAPACITY_RATES=${CAPACITY_RATES:-"1000 2000 3000 4000 5000 6000"}
WARMUPS=${WARMUPS:-5}
source scripts/bench/kafka-node.sh
OUT=bench-results/kafka-vs-embedded-$STAMP
mkdir -p "$OUT"
[ -n "${KEEP_DB:-}" ] || trap drop_db EXIT

run() { # name, extra server flags, then the rates
  local name=$1 flags=$2
  shift 2
  (
    SERVER_FLAGS="$flags"
    SERVER_LOG_COPY="$OUT/$name-server.log"
    source scripts/bench/server.sh
    for w in $(seq 1 "$WARMUPS"); do
      bench --rate "$RATE" --duration 20 --agents "$AGENTS" ${BENCH_FLAGS:-} --out "$OUT/$name-warm-up-$w" > /dev/null 2>&1 || true
    done
    # Statistics for the planner, as autovacuum gathers them in production (off on this machine's PostgreSQL)
    [ "$name" = embedded ] || psql -h "$PGHOST" -U postgres -d "$DB" -qc ANALYZE
    for rate in "$@"; do
      agents=$(( rate / 4 > AGENTS ? rate / 4 : AGENTS ))
      bench --rate "$rate" --duration "$DURATION" --agents "$agents" --drain 15 ${BENCH_FLAGS:-} --out "$OUT/$name-$rate" > "$OUT/$name-$rate.txt" 2>&1 || true
      line=$(figures "$OUT/$name-$rate")
      echo "$name $rate/s: $line"
      p99=$(echo "$line" | sed -E 's/.*e2e_p99_ms=([0-9.]+).*/\1/')
      lost=$(echo "$line" | sed -E 's/.*lost=([0-9]+).*/\1/')
      if [ $# -gt 1 ] && { [ "$lost" != "0" ] || awk "BEGIN { exit !($p99 > 100) }"; }; then
        break
      fi
    done
  )
}
# (a subshell ends with its server's exit status, 143 after SIGTERM: not a failure of the run)
[ "${ONLY:-}" = kafka ] || run embedded "" "$RATE" || true
run kafka "$KAFKA_FLAGS" $CAPACITY_RATES || true
echo "results: $OUT"
