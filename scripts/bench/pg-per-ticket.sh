#!/usr/bin/env bash
# What PostgreSQL does for each ticket on the Kafka backbone: a fresh database and a Kafka node (the broker
# of scripts/kafka-local.sh, started when it is not running), WARMUPS (default 3) discarded 20 s runs at RATE
# (default 200/s), then one measured 20 s run; around it, PostgreSQL's own counters (pg_stat_database,
# pg_stat_user_tables) and the CPU time of PostgreSQL's processes, the broker and the node, each divided by
# the run's tickets. ANALYZE=1 has PostgreSQL gather statistics after the warm-ups, as autovacuum would
# (this machine's PostgreSQL runs with autovacuum off, so the tables it makes are never analyzed by itself).
# Usage: [RATE=200] [WARMUPS=3] [ANALYZE=1] scripts/bench/pg-per-ticket.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${RATE:-200}
DB_PREFIX=pg
source scripts/bench/kafka-node.sh
OUT=bench-results/pg-per-ticket-$STAMP
mkdir -p "$OUT"
SERVER_FLAGS=$KAFKA_FLAGS
source scripts/bench/server.sh
# server.sh's trap stops the server; the database goes after it
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; rm -rf "$DATA"; drop_db' EXIT
BROKER=$(pgrep -f 'kafka.Kafka' | head -1)
counters() {
  psql -h "$PGHOST" -U postgres -d "$DB" -At -F ' ' -c "SELECT 'db', xact_commit, tup_inserted, tup_updated, tup_deleted, tup_returned, tup_fetched
      FROM pg_stat_database WHERE datname = current_database()
    UNION ALL SELECT relname, seq_scan, COALESCE(idx_scan, 0), n_tup_ins, n_tup_upd, n_tup_del, n_tup_hot_upd FROM pg_stat_user_tables"
}
for i in $(seq 1 "${WARMUPS:-3}"); do
  bench --rate "$RATE" --duration 20 --agents 50 --no-reassign --out "$OUT/warm-up-$i" > /dev/null 2>&1 || true
done
[ -z "${ANALYZE:-}" ] || psql -h "$PGHOST" -U postgres -d "$DB" -qc ANALYZE
counters > "$OUT/before.txt"
pg0=$(cpu_ticks $(pgrep -u postgres)); b0=$(cpu_ticks "$BROKER"); n0=$(cpu_ticks "$SERVER")
bench --rate "$RATE" --duration 20 --warmup 0 --agents 50 --no-reassign --out "$OUT/run" > "$OUT/run.txt" 2>&1 || true
pg1=$(cpu_ticks $(pgrep -u postgres)); b1=$(cpu_ticks "$BROKER"); n1=$(cpu_ticks "$SERVER")
counters > "$OUT/after.txt"
echo "run: $(figures "$OUT/run")"
python3 - "$OUT" "$((RATE * 20))" "$((pg1 - pg0))" "$((b1 - b0))" "$((n1 - n0))" "$(getconf CLK_TCK)" <<'PY'
import sys
out, tickets, pg, broker, node, hz = sys.argv[1], int(sys.argv[2]), *map(int, sys.argv[3:])
ms = lambda t: t * 1000 / hz / tickets
print(f"CPU a ticket: PostgreSQL {ms(pg):.2f} ms, broker {ms(broker):.2f} ms, node {ms(node):.2f} ms (agents' sign-ins included)")
def load(name):
    return {l.split()[0]: [int(x) for x in l.split()[1:]] for l in open(f"{out}/{name}") if l.strip()}
before, after = load("before.txt"), load("after.txt")
d = [a - b for a, b in zip(after["db"], before["db"])]
print("a ticket: commits %.2f, rows inserted %.2f, updated %.2f, deleted %.2f, returned %.1f, fetched %.1f"
      % tuple(v / tickets for v in d))
print("by table, a ticket: sequential scans, index scans, inserted, updated, deleted, updated in place (HOT)")
for table in sorted(after):
    if table == "db":
        continue
    d = [a - b for a, b in zip(after[table], before.get(table, [0] * 6))]
    if any(d):
        print(f"  {table:24s}" + "".join(f"{v / tickets:8.2f}" for v in d))
PY
