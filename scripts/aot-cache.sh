#!/usr/bin/env bash
# Builds a JDK AOT cache for the packaged jar, so that a server started with it is ready sooner and
# takes load sooner after a restart (JDK 25 or newer: the classes loaded and linked, and the method
# profiles of a training run, JEPs 483, 514 and 515). It extracts the jar to DEST (default target/aot),
# starts it on a throw-away data folder with -XX:AOTCacheOutput, offers it TRAIN_RATE tickets/s
# (default 300) for TRAIN_SECONDS (default 60) from the bench, stops it, and the JVM writes DEST/app.aot
# as it exits. Then start the server from the extracted jar, with the same JDK (from the project folder, the
# data folder is ./data as with the packaged jar):
#   java -XX:AOTCache=target/aot/app.aot -jar target/aot/switchboard-0.1.0-SNAPSHOT.jar
# A cache is only good for the jar it was trained on and the JDK that made it: build it again after
# either changes (a JVM given a cache that does not match says so and starts without it).
# Train on the backbone you run: SERVER_FLAGS as for the bench scripts (e.g. the Kafka settings).
# Usage: scripts/aot-cache.sh   (run ./mvnw -q -DskipTests package first)
set -euo pipefail
cd "$(dirname "$0")/.."
JDK_MIN=25
source scripts/lib/jdk.sh
DEST=$(realpath -m "${DEST:-target/aot}")
source scripts/lib/jar.sh
PACKAGED=$(packaged_jar)
# Only what this script makes is replaced (a data folder someone started in DEST stays).
mkdir -p "$DEST"
rm -rf "$DEST/lib" "$DEST/app.aot" "$DEST/training" "$DEST"/switchboard-*.jar
"$JAVA_HOME/bin/java" -Djarmode=tools -jar "$PACKAGED" extract --force --destination "$DEST" > /dev/null
(
  JAR="$DEST/$(basename "$PACKAGED")"
  SERVER_JVM_FLAGS="${SERVER_JVM_FLAGS:-} -XX:AOTCacheOutput=$DEST/app.aot"
  SERVER_LOG_COPY="$DEST/training-server.log"
  source scripts/bench/server.sh
  echo "aot-cache: training on $BASE, ${TRAIN_RATE:-300} tickets/s for ${TRAIN_SECONDS:-60} s"
  bench --rate "${TRAIN_RATE:-300}" --duration "${TRAIN_SECONDS:-60}" --agents 20 --capacity 50 --no-reassign \
    --out "$DEST/training" > "$DEST/training.txt" 2>&1 || true
  echo "aot-cache: training run: $(figures "$DEST/training")"
  # Leaving the subshell stops the server (SIGTERM); the JVM writes the cache before it exits.
)
if [ ! -s "$DEST/app.aot" ]; then
  echo "aot-cache: no cache was written; see $DEST/training-server.log" >&2
  exit 1
fi
rm -rf "$DEST/training"
echo "aot-cache: $DEST/app.aot ($(du -h "$DEST/app.aot" | cut -f1)); start with:"
echo "  $JAVA_HOME/bin/java -XX:AOTCache=$DEST/app.aot -jar $DEST/$(basename "$PACKAGED")"
