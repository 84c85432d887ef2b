#!/usr/bin/env bash
# What one routing change (an UPDATE of the ticket's state and an event, in commits of BATCH) costs the
# embedded H2: the state in the wide tickets row (before migration V12) against the narrow
# ticket_states row (V12). Uses the H2 of the packaged jar. Usage: scripts/bench/h2-update-cost.sh [batch ...]
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/jdk.sh
source scripts/lib/jar.sh
JAR=$(packaged_jar)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
unzip -q -o -j "$JAR" 'BOOT-INF/lib/h2-*.jar' -d "$WORK"
BATCHES=("$@")
[ ${#BATCHES[@]} -gt 0 ] || BATCHES=(100 600)
for batch in "${BATCHES[@]}"; do
  for layout in wide narrow; do
    rm -rf "$WORK/db" && mkdir "$WORK/db"
    "$JAVA_HOME/bin/java" -cp "$WORK/*" scripts/bench/H2UpdateCost.java "$WORK/db" "$layout" "$batch"
  done
done
