# Sourced by the bench scenarios: starts the packaged jar (or JAR, another build's, to compare two
# builds the same day) on a fresh embedded data folder and stops it on exit. Sets JAVA, JAR, BASE and
# SWITCHBOARD_ADMIN_PASSWORD; extra server flags in SERVER_FLAGS, extra JVM flags (GC logs, heap) in
# SERVER_JVM_FLAGS.
source scripts/lib/jdk.sh
JAVA=$JAVA_HOME/bin/java
source scripts/lib/jar.sh
[ -n "${JAR:-}" ] || JAR=$(packaged_jar)
PORT=${PORT:-18080}
BASE=http://127.0.0.1:$PORT
DATA=$(mktemp -d)
export SWITCHBOARD_ADMIN_PASSWORD=${SWITCHBOARD_ADMIN_PASSWORD:-bench-admin-password}
# The bench signs every simulated agent in: lift the per-address sign-in limit for this server only.
"$JAVA" ${SERVER_JVM_FLAGS:-} -jar "$JAR" --server.port=$PORT --switchboard.data-dir="$DATA" \
  --switchboard.auth.sign-ins-per-minute=1000000 ${SERVER_FLAGS:-} > "$DATA/server.log" 2>&1 &
SERVER=$!
# SERVER_LOG_COPY: where to keep the server's log when it stops (the data folder goes).
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; [ -z "${SERVER_LOG_COPY:-}" ] || cp "$DATA/server.log" "$SERVER_LOG_COPY"; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do
  curl -sf "$BASE/actuator/health/readiness" >/dev/null && break
  sleep 0.5
done
curl -sf "$BASE/actuator/health/readiness" >/dev/null || { echo "the server did not start; see $DATA/server.log" >&2; cat "$DATA/server.log" >&2; exit 1; }

# The load generator shares the machine with the server. It runs with the client compiler only
# (BENCH_JVM_FLAGS): in a process that lives a minute, C2 spent more CPU compiling it than it saved,
# about a third of the bench's CPU at 600/s (docs/benchmarks.md); that CPU now goes to the server.
# A young generation of 2 GB, touched at its start (3 GB heap): a run of 20 s at 1,000/s then needs no
# collection of its own, whose pauses would count in the latencies it measures; touched before the schedule,
# since pages first touched during the run cost it more CPU than the collections did (docs/benchmarks.md,
# "A calmer morning"). The bench also collects its set-up into the old generation before its schedule starts.
bench() {
  "$JAVA" ${BENCH_JVM_FLAGS--XX:TieredStopAtLevel=1 -Xms3g -Xmn2g -XX:+AlwaysPreTouch} -jar "$JAR" bench --url "$BASE" "$@"
}

# The small run the CPU and profile scripts measure: 20 s at RATE with AGENTS agents (default 7: few
# sign-ins) of capacity CAPACITY (default 200: room for every ticket).
# Usage: small_run RATE OUT_DIR [more bench flags]; output in OUT_DIR.txt.
small_run() {
  local rate=$1 out=$2
  shift 2
  mkdir -p "$(dirname "$out")"
  bench --rate "$rate" --duration 20 --agents "${AGENTS:-7}" --capacity "${CAPACITY:-200}" ${BENCH_FLAGS:-} "$@" --out "$out" > "$out.txt" 2>&1 || true
}

# The discarded runs before a measured one: WARMUPS (default 4) small runs at WARMUP_RATE (default
# 500/s; lower it for a Kafka node, which carries about 300/s here). Until the third or fourth, the JIT
# still takes 0.8 to 1.2 ms of CPU a ticket (docs/benchmarks.md, 2026-12-03 morning); two at 300/s, the
# earlier default, left it compiling through the measured run.
# Usage: warm_up OUT_DIR   (the runs' output in OUT_DIR/warm-up-N)
warm_up() {
  for i in $(seq 1 "${WARMUPS:-4}"); do
    small_run "${WARMUP_RATE:-500}" "$1/warm-up-$i"
  done
}

# The CPU time, in clock ticks (getconf CLK_TCK a second), of the given processes together (user and
# system: fields 14 and 15 of /proc/<pid>/stat, counted after the name in brackets, which may hold spaces);
# a process that has gone counts nothing. Usage: cpu_ticks PID...
cpu_ticks() {
  local t=0 p
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] && t=$((t + $(sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null | awk '{s = $12 + $13} END {print s + 0}')))
  done
  echo $t
}

# Prints the figures of one results.json on one line.
figures() {
  sed -n -E 's/^ *"(offered_rate|achieved_rate|e2e_p50_ms|e2e_p99_ms|accept_p99_ms|to_server_p99_ms|from_server_p99_ms|client_write_p99_ms|lost|errors|misroute_rate|agent_idle_ratio|client_cpu_ms_per_ticket|client_gc_pause_max_ms|server_pushed_p99_ms|server_pushed_within_25ms)" *: *([^,]*),?$/\1=\2/p' "$1/results.json" | paste -sd' '
}

# The young pauses of a GC log (-Xlog:gc*,gc+phases=debug) from line FROM (default 1): count, median, p90,
# max and total, the bytes copied a pause (and by age) and the eden the pauses emptied (what the server allocated
# between them). Usage: young_pauses GC_LOG [FROM]
young_pauses() {
  tail -n +"${2:-1}" "$1" | grep -E "Pause Young" | grep -- "->" | awk '{print $NF}' | sed 's/ms//' | sort -n \
    | awk '{a[NR] = $1; s += $1} END {printf "young pauses: %d, median %.1f ms, p90 %.1f ms, max %.1f ms, total %.0f ms\n", NR, a[int(NR / 2) + 1], a[int(NR * 0.9)], a[NR], s}'
  tail -n +"${2:-1}" "$1" | grep "Copied Bytes" | sed -E 's/.*Sum: ([0-9]+).*/\1/' \
    | awk '{s += $1; n++} END {if (n) printf "copied per young pause: %.1f MB\n", s / n / 1e6}'
  # The same bytes by age (the tenuring table, -Xlog:gc+age=trace): new survivors, second copies, and
  # older objects copied again and again until promoted.
  tail -n +"${2:-1}" "$1" | awk '/- age +1:/ {a1 += $(NF-3); n++} /- age +2:/ {a2 += $(NF-3)}
      /- age +([3-9]|1[0-5]):/ {old += $(NF-3)}
      END {if (n) printf "survivors a pause by age: 1: %.1f MB, 2: %.1f MB, 3 and up: %.1f MB\n", a1 / n / 1e6, a2 / n / 1e6, old / n / 1e6}'
  # What the server allocated: the eden each young pause emptied (regions times the region size).
  local region_mb
  region_mb=$(grep -m1 -oE "Heap Region Size: [0-9]+[KMG]" "$1" \
    | awk '{n = $NF + 0; u = substr($NF, length($NF)); print (u == "K") ? n / 1024 : (u == "G") ? n * 1024 : n}')
  tail -n +"${2:-1}" "$1" | grep -E "Eden regions: [0-9]+->" | sed -E 's/.*Eden regions: ([0-9]+)->.*/\1/' \
    | awk -v mb="${region_mb:-0}" '{s += $1} END {if (mb > 0) printf "eden emptied: %d MB\n", s * mb}'
}
