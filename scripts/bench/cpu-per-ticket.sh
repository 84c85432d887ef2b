#!/usr/bin/env bash
# The server's CPU per ticket, by thread: starts a fresh server, warms it with discarded runs (WARMUPS,
# default 4, at WARMUP_RATE, default 500/s), then reads each thread's CPU time
# (/proc/<pid>/task/*/stat) around one 20 s run at RATE (default 300/s) with AGENTS agents (default 7;
# CAPACITY each, default 200), and prints the milliseconds of CPU per ticket for the busiest threads.
# Steadier than a p99 on a shared machine for telling whether a change made the server cheaper.
# Usage: scripts/bench/cpu-per-ticket.sh [rate]   (BENCH_FLAGS: more bench flags, e.g. --no-reassign)
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${1:-300}
source scripts/bench/server.sh
OUT=bench-results/cpu-$(date +%Y%m%d-%H%M%S)
# utime and stime are fields 14 and 15 of /proc/<pid>/task/<tid>/stat, counted after the name in brackets,
# which may hold spaces ("C2 CompilerThread0", "GC Thread#0"): the fields are read after the closing bracket.
threads() { # name|user ticks|system ticks, per thread name (digits folded)
  for t in /proc/$SERVER/task/*; do
    printf '%s|%s\n' "$(sed 's/[0-9]\+/N/g' "$t/comm" 2>/dev/null)" "$(sed 's/^.*) //' "$t/stat" 2>/dev/null | awk '{print $12 "|" $13}')"
  done | awk -F'|' '$1 != "" {u[$1] += $2; k[$1] += $3} END {for (name in u) print name "|" u[name] "|" k[name]}' | sort
}
warm_up "$OUT"
threads > "$OUT/before"
small_run "$RATE" "$OUT/run" --warmup 1
threads > "$OUT/after"
SENT=$(sed -n -E 's/^ *"sent" *: *([0-9]+),?$/\1/p' "$OUT/run/results.json")
echo "$(figures "$OUT/run")"
echo "server CPU per ticket over $SENT tickets (the agents' sign-ins included), in all, of it in the kernel:"
join -t'|' "$OUT/before" "$OUT/after" | awk -F'|' -v n="$SENT" -v hz="$(getconf CLK_TCK)" \
  '{user = ($4 - $2) * 1000 / hz; sys = ($5 - $3) * 1000 / hz; total += user + sys; kernel += sys
    if (user + sys >= 50) printf "  %-22s %.3f ms  (kernel %.3f ms)\n", $1, (user + sys) / n, sys / n}
   END {printf "  %-22s %.3f ms  (kernel %.3f ms)\n", "all threads", total / n, kernel / n}'
