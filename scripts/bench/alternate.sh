#!/usr/bin/env bash
# Two server settings compared on a drifting machine: runs a scenario script (default gc-runs.sh; or
# cpu-per-ticket.sh, or any that starts its own server through server.sh) with setting A, then B, ROUNDS
# times over (default 2), a fresh server each; ORDER=BA starts with B, to see whether the second slot of a
# pair is favoured. A setting is JVM flags (JVM_A, JVM_B: SERVER_JVM_FLAGS) and server flags (ARGS_A,
# ARGS_B: SERVER_FLAGS) and a build (JAR_A, JAR_B: JAR, another build's jar); whatever is left unset is the
# default. Prints each run's figures, labelled.
# Usage: JVM_B=-XX:+UseTransparentHugePages AGENTS=50 CAPACITY=40 BENCH_FLAGS=--no-reassign WARMUPS=3 \
#          scripts/bench/alternate.sh [script] [its arguments, e.g. the rate]
set -euo pipefail
cd "$(dirname "$0")/../.."
SCRIPT=${1:-gc-runs.sh}
shift || true
ORDER=${ORDER:-AB}
for round in $(seq 1 "${ROUNDS:-2}"); do
  for which in $(echo "$ORDER" | grep -o .); do
    jvm=JVM_$which args=ARGS_$which jar=JAR_$which
    echo "=== round $round, setting $which: jvm [${!jvm:-}] server [${!args:-}] jar [${!jar:-}]"
    JAR="${!jar:-${JAR:-}}" SERVER_JVM_FLAGS="${!jvm:-}" SERVER_FLAGS="${!args:-}" "scripts/bench/$SCRIPT" "$@"
  done
done
